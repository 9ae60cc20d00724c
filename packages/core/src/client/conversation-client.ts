import type { PagePromise } from '../paging/page-promise.js';
import type { Capability } from '../types/capability.js';
import type {
  CallOptions,
  CreateConversationInput,
  GetConversationOptions,
  ListConversationsParams,
  ListMessagesParams,
  ParticipantOptions,
  SendMessageInput,
  UpdateConversationInput,
  UploadInput,
} from '../types/inputs.js';
import type {
  AgentSession,
  AgentStatus,
  Conversation,
  MediaAttachment,
  Message,
  Queue,
} from '../types/model.js';

/**
 * The provider-neutral client `createConversations` returns. Every call validates its input before
 * any request, rejects with `unsupported` when the provider cannot do it (see `supports`), takes
 * an optional `signal`, and fails only with `ConversationError`.
 */
export interface ConversationClient<TRaw = unknown, TName extends string = string> {
  /** The selected adapter's name, e.g. `ultracart`; comparing it narrows `raw`. */
  readonly provider: TName;
  readonly capabilities: ReadonlySet<Capability>;
  /** Whether the provider can do `capability`. */
  supports(capability: Capability): boolean;

  readonly conversations: {
    /** Conversations page by page; `for await` walks them all. */
    list(params?: ListConversationsParams): PagePromise<Conversation>;
    /** One conversation with its participants (and recent messages where the provider includes them). */
    get(id: string, options?: GetConversationOptions): Promise<Conversation>;
    create(input: CreateConversationInput, options?: CallOptions): Promise<Conversation>;
    update(id: string, patch: UpdateConversationInput, options?: CallOptions): Promise<Conversation>;
    delete(id: string, options?: CallOptions): Promise<void>;
    join(id: string, options?: ParticipantOptions): Promise<void>;
    leave(id: string, options?: ParticipantOptions): Promise<void>;
    markRead(id: string, options?: CallOptions): Promise<void>;
  };
  readonly messages: {
    /** Messages oldest first (newest first with `order: 'desc'`). */
    list(conversationId: string, params?: ListMessagesParams): PagePromise<Message>;
    send(conversationId: string, input: SendMessageInput, options?: CallOptions): Promise<Message>;
  };
  readonly media: {
    upload(input: UploadInput, options?: CallOptions): Promise<MediaAttachment>;
  };
  readonly queues: {
    list(options?: CallOptions): Promise<Queue[]>;
    setAgentStatus(queue: string, status: AgentStatus, options?: CallOptions): Promise<void>;
  };
  readonly agent: {
    authorize(options?: CallOptions): Promise<AgentSession>;
    keepAlive(options?: CallOptions): Promise<void>;
  };
  /** The adapter's raw API: every provider operation with wire types. */
  readonly raw: TRaw;
}
