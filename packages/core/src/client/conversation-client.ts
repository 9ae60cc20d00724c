import type { EventHandler, EventSubscription, SubscribeOptions } from '../events/event-subscription.js';
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
  TypingAction,
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
  /** What the provider can do: the methods its adapter implements. */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Whether the provider can do `capability`.
   *
   * @example
   * ```ts
   * if (client.supports('messages.send')) await client.messages.send(id, { text: 'Hi' });
   * ```
   */
  supports(capability: Capability): boolean;

  readonly conversations: {
    /**
     * Conversations page by page: `await` one page, or `for await` every item. Without `limit`
     * each request takes the provider's largest page.
     *
     * @example
     * ```ts
     * for await (const conversation of client.conversations.list({ channel: 'webchat' })) console.log(conversation.id);
     * const page = await client.conversations.list({ limit: 50 }); // page.nextCursor resumes later
     * ```
     */
    list(params?: ListConversationsParams): PagePromise<Conversation>;
    /**
     * One conversation with its participants (and its newest messages where the provider includes them).
     *
     * @example
     * ```ts
     * const conversation = await client.conversations.get('c-1', { messageLimit: 20 });
     * ```
     */
    get(id: string, options?: GetConversationOptions): Promise<Conversation>;
    /**
     * Starts a conversation (UltraCart: start with participant ARNs and a queue; Sunshine: create).
     *
     * @example
     * ```ts
     * const conversation = await client.conversations.create({ type: 'personal', participants: [{ userId: 'u-1' }] });
     * ```
     */
    create(input: CreateConversationInput, options?: CallOptions): Promise<Conversation>;
    /**
     * Changes a conversation's title, description, icon or metadata.
     *
     * @example
     * ```ts
     * await client.conversations.update('c-1', { title: 'Order 1042' });
     * ```
     */
    update(id: string, patch: UpdateConversationInput, options?: CallOptions): Promise<Conversation>;
    /**
     * Deletes a conversation.
     *
     * @example
     * ```ts
     * await client.conversations.delete('c-1');
     * ```
     */
    delete(id: string, options?: CallOptions): Promise<void>;
    /**
     * Adds a participant (UltraCart: the agent itself; Sunshine: `participant` is required).
     *
     * @example
     * ```ts
     * await client.conversations.join('c-1', { participant: { userId: 'u-2' } });
     * ```
     */
    join(id: string, options?: ParticipantOptions): Promise<void>;
    /**
     * Removes a participant (UltraCart: the agent itself).
     *
     * @example
     * ```ts
     * await client.conversations.leave('c-1', { participant: { userId: 'u-2' } });
     * ```
     */
    leave(id: string, options?: ParticipantOptions): Promise<void>;
    /**
     * Marks the conversation read by the agent/business.
     *
     * @example
     * ```ts
     * await client.conversations.markRead('c-1');
     * ```
     */
    markRead(id: string, options?: CallOptions): Promise<void>;
    /**
     * Shows (`start`) or hides (`stop`) the typing indicator as the business.
     *
     * @example
     * ```ts
     * await client.conversations.typing('c-1', 'start');
     * ```
     */
    typing(id: string, action: TypingAction, options?: CallOptions): Promise<void>;
  };
  readonly messages: {
    /**
     * Messages oldest first (newest first with `order: 'desc'`), optionally only those after `since`.
     *
     * @example
     * ```ts
     * for await (const message of client.messages.list('c-1', { since: '2025-10-07T18:50:23.000Z' })) console.log(message.text);
     * ```
     */
    list(conversationId: string, params?: ListMessagesParams): PagePromise<Message>;
    /**
     * Sends a message as the business.
     *
     * @example
     * ```ts
     * const message = await client.messages.send('c-1', { text: 'Your order shipped' });
     * ```
     */
    send(conversationId: string, input: SendMessageInput, options?: CallOptions): Promise<Message>;
  };
  readonly media: {
    /**
     * Uploads a file to attach to messages (UltraCart: presigned URL; Sunshine: attachment).
     *
     * @example
     * ```ts
     * const media = await client.media.upload({ data: bytes, contentType: 'image/png', filename: 'a.png' });
     * ```
     */
    upload(input: UploadInput, options?: CallOptions): Promise<MediaAttachment>;
  };
  readonly queues: {
    /**
     * The queues with their agents and waiting customers.
     *
     * @example
     * ```ts
     * const queues = await client.queues.list();
     * ```
     */
    list(options?: CallOptions): Promise<Queue[]>;
    /**
     * Sets the agent's status in a queue.
     *
     * @example
     * ```ts
     * await client.queues.setAgentStatus('support', 'available');
     * ```
     */
    setAgentStatus(queue: string, status: AgentStatus, options?: CallOptions): Promise<void>;
  };
  readonly agent: {
    /**
     * A token and URL for the provider's agent websocket.
     *
     * @example
     * ```ts
     * const { token, websocketUrl } = await client.agent.authorize();
     * ```
     */
    authorize(options?: CallOptions): Promise<AgentSession>;
    /**
     * Keeps the agent's session alive.
     *
     * @example
     * ```ts
     * await client.agent.keepAlive();
     * ```
     */
    keepAlive(options?: CallOptions): Promise<void>;
  };
  readonly events: {
    /**
     * Delivers the provider's live events to `handler`, each once across every process sharing
     * `store`: push providers through `subscription.webhook` (mount it at the provider's webhook
     * URL), pull providers by polling within the client's request budget. Throws
     * `ConversationError` at once when the provider cannot (`unsupported`, or `invalid_config` for
     * a missing webhook secret).
     *
     * @example
     * ```ts
     * const subscription = client.events.subscribe(async (event) => {
     *   if (event.type === 'message.created') console.log(event.conversationId, event.message.text);
     * }, { store: createMemoryEventStore() });
     * createServer(toNodeListener(subscription.webhook)).listen(3000); // push providers
     * await subscription.close();
     * ```
     */
    subscribe(handler: EventHandler, options?: SubscribeOptions): EventSubscription;
  };
  /** The adapter's raw API: every provider operation with wire types. */
  readonly raw: TRaw;
}
