import type { ProviderSubscribeOptions, ProviderSubscription } from '../../events/event-subscription.js';
import type {
  CreateConversationInput,
  ParticipantRef,
  SendMessageInput,
  TypingAction,
  UpdateConversationInput,
  UploadInput,
} from '../../types/inputs.js';
import type {
  AgentSession,
  AgentStatus,
  Conversation,
  MediaAttachment,
  Message,
  Queue,
} from '../../types/model.js';

/** Options the client passes to every provider call. */
export interface ProviderCallOptions {
  /** The caller's signal; pass it to every request. */
  signal?: AbortSignal | undefined;
  /**
   * Listings only, and only while a caller iterates with `for await` and waits for this page:
   * call it with the page's `nextCursor` as soon as the answer shows it, before reading and
   * mapping the items, and await it. The client then requests the next page, so it travels while
   * this one is mapped. Optional for a provider: without it the next page is requested once this
   * one is returned. The page must then return the same `nextCursor` (a different one fails the
   * listing with `provider_error`), and may still fail (the request sent early is cancelled).
   *
   * @example
   * ```ts
   * const next = answer.meta.hasMore ? answer.meta.afterCursor : undefined;
   * if (next !== undefined) await options.onNextCursor?.(next);
   * return { items: answer.items.map(toConversation), nextCursor: next };
   * ```
   */
  onNextCursor?: ((nextCursor: string) => Promise<void> | undefined) | undefined;
}

/**
 * One page as a provider returns it. `nextCursor` is the provider's own resume state (an offset,
 * a provider cursor, a `since` position…): absent on the last page. The client wraps it into an
 * opaque, provider-bound cursor, so it never needs to be tamper-proof itself, but the provider
 * must reject state it cannot have produced with `invalid_request`.
 */
export interface ProviderPage<T> {
  items: T[];
  nextCursor?: string | undefined;
}

/** What `listConversations` receives, validated by the client. */
export interface ProviderListConversationsParams {
  /** 1..`maxPageSize.conversations`; undefined means the provider's largest page. */
  limit?: number | undefined;
  /** The provider state from an earlier page's `nextCursor`. */
  cursor?: string | undefined;
  userId?: string | undefined;
  userExternalId?: string | undefined;
  channel?: 'sms' | 'webchat' | undefined;
}

/** What `listMessages` receives, validated by the client. */
export interface ProviderListMessagesParams {
  /** 1..`maxPageSize.messages`; undefined means the provider's largest page. */
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Epoch milliseconds: only messages sent after this instant. */
  since?: number | undefined;
  /** `asc`: the listing yields oldest first; `desc`: newest first. */
  order: 'asc' | 'desc';
}

/**
 * The contract an adapter implements, version 1. The client wraps it with what every provider
 * shares (input checks, capability checks, cursors, paging guards, error context), so a provider
 * only talks to its API and maps to and from the neutral types.
 *
 * Its capabilities are the methods it implements (see `capabilityMethods`): a provider that cannot
 * update a conversation leaves `updateConversation` out, and the client answers `unsupported`
 * before any request. Every method rejects only with `ConversationError`.
 */
export interface ConversationProviderV1<TRaw = unknown> {
  readonly specificationVersion: 'v1';
  /** The adapter name, e.g. `ultracart`. */
  readonly name: string;
  /** Largest page the provider serves: the default and the upper bound of `limit`. */
  readonly maxPageSize: { readonly conversations: number; readonly messages: number };
  /** The raw API: one method per provider operation, wire types in and out. */
  readonly raw: TRaw;

  listConversations?(
    params: ProviderListConversationsParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Conversation>>;
  getConversation?(
    id: string,
    params: { messageLimit?: number | undefined },
    options: ProviderCallOptions,
  ): Promise<Conversation>;
  createConversation?(input: CreateConversationInput, options: ProviderCallOptions): Promise<Conversation>;
  updateConversation?(
    id: string,
    patch: UpdateConversationInput,
    options: ProviderCallOptions,
  ): Promise<Conversation>;
  deleteConversation?(id: string, options: ProviderCallOptions): Promise<void>;
  joinConversation?(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void>;
  leaveConversation?(
    id: string,
    participant: ParticipantRef | undefined,
    options: ProviderCallOptions,
  ): Promise<void>;
  markConversationRead?(id: string, options: ProviderCallOptions): Promise<void>;
  listMessages?(
    conversationId: string,
    params: ProviderListMessagesParams,
    options: ProviderCallOptions,
  ): Promise<ProviderPage<Message>>;
  sendMessage?(
    conversationId: string,
    input: SendMessageInput,
    options: ProviderCallOptions,
  ): Promise<Message>;
  uploadMedia?(input: UploadInput, options: ProviderCallOptions): Promise<MediaAttachment>;
  listQueues?(options: ProviderCallOptions): Promise<Queue[]>;
  setAgentStatus?(queue: string, status: AgentStatus, options: ProviderCallOptions): Promise<void>;
  authorizeAgent?(options: ProviderCallOptions): Promise<AgentSession>;
  keepAlive?(options: ProviderCallOptions): Promise<void>;
  /** Shows or hides the typing indicator in a conversation, as the business/agent. */
  sendTyping?(id: string, action: TypingAction, options: ProviderCallOptions): Promise<void>;
  /**
   * Starts delivering the provider's events through `options.deliver` until `options.signal`
   * aborts: a push provider returns its `webhook`; a pull provider polls (see `runPoller`) and
   * returns `done`. Throws `ConversationError` (e.g. `invalid_config`) when it cannot subscribe.
   */
  subscribe?(options: ProviderSubscribeOptions): ProviderSubscription;
}
