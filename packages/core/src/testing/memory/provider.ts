import { ConversationError } from '../../errors/conversation-error.js';
import { abortError } from '../../errors/error-factories.js';
import type { ConversationEvent } from '../../events/conversation-event.js';
import type {
  ConversationProviderV1,
  ProviderCallOptions,
} from '../../provider/v1/conversation-provider-v1.js';
import type { Conversation, MediaAttachment, Message, Participant } from '../../types/model.js';
import { listPage, MAX_PAGE } from './paging.js';
import type { MemoryRaw, MemoryState } from './state.js';

const business = { id: 'agent-1', name: 'Sam Agent', role: 'agent' as const };

/** The memory provider over `state`: every capability, in memory. */
export function createMemoryProviderV1(state: MemoryState): ConversationProviderV1<MemoryRaw> {
  const find = (id: string): Conversation => {
    const conversation = state.conversations.get(id);
    if (conversation === undefined)
      throw new ConversationError({
        code: 'not_found',
        message: `memory has no conversation ${id}`,
        status: 404,
      });
    return conversation;
  };
  const guard = (options: ProviderCallOptions) => {
    if (options.signal?.aborted) throw abortError({ provider: 'memory' }, options.signal.reason);
  };
  const participantOf = (
    ref: { id?: string; userId?: string; userExternalId?: string } | undefined,
  ): Participant => {
    const id = ref?.id ?? ref?.userId ?? ref?.userExternalId ?? 'agent-1';
    return {
      id,
      role: ref === undefined ? 'agent' : 'customer',
      ...(ref?.userId === undefined ? {} : { userId: ref.userId }),
      joinedAt: new Date().toISOString(),
      raw: { ...ref },
    };
  };

  return {
    specificationVersion: 'v1',
    name: 'memory',
    maxPageSize: { conversations: MAX_PAGE, messages: MAX_PAGE },
    raw: { conversations: state.conversations, messages: state.messages, uploads: state.uploads },

    async listConversations(params, options) {
      guard(options);
      const all = [...state.conversations.values()].filter(
        (c) =>
          (params.channel === undefined || c.channel === params.channel) &&
          (params.userId === undefined || c.participants.some((p) => p.userId === params.userId)),
      );
      return listPage(all, params.cursor, params.limit);
    },
    async getConversation(id, params, options) {
      guard(options);
      const conversation = find(id);
      const messages = state.messages.get(id) ?? [];
      return { ...conversation, messages: messages.slice(-(params.messageLimit ?? 50)) };
    },
    async createConversation(input, options) {
      guard(options);
      const now = new Date().toISOString();
      const conversation: Conversation = {
        id: state.nextId('conv'),
        provider: 'memory',
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.iconUrl === undefined ? {} : { iconUrl: input.iconUrl }),
        status: 'open',
        createdAt: now,
        lastActivityAt: now,
        messageCount: 0,
        participants: (input.participants ?? []).map(participantOf),
        metadata: { ...input.metadata },
        raw: { ...input },
      };
      state.conversations.set(conversation.id, conversation);
      state.messages.set(conversation.id, []);
      state.emit({ type: 'conversation.created', conversationId: conversation.id, conversation });
      return conversation;
    },
    async updateConversation(id, patch, options) {
      guard(options);
      const current = find(id);
      const updated: Conversation = {
        ...current,
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.iconUrl === undefined ? {} : { iconUrl: patch.iconUrl }),
        metadata: { ...current.metadata, ...patch.metadata },
        lastActivityAt: new Date().toISOString(),
      };
      state.conversations.set(id, updated);
      return updated;
    },
    async deleteConversation(id, options) {
      guard(options);
      const conversation = find(id);
      state.conversations.delete(id);
      state.messages.delete(id);
      state.emit({ type: 'conversation.removed', conversationId: id, conversation });
    },
    async joinConversation(id, participant, options) {
      guard(options);
      const conversation = find(id);
      const joined = participantOf(participant);
      state.conversations.set(id, {
        ...conversation,
        participants: [...conversation.participants.filter((p) => p.id !== joined.id), joined],
      });
      state.emit({ type: 'participant.joined', conversationId: id, participant: joined });
    },
    async leaveConversation(id, participant, options) {
      guard(options);
      const conversation = find(id);
      const leaving = participantOf(participant).id;
      if (!conversation.participants.some((p) => p.id === leaving))
        throw new ConversationError({
          code: 'not_found',
          message: `${leaving} is not in conversation ${id}`,
          status: 404,
        });
      state.conversations.set(id, {
        ...conversation,
        participants: conversation.participants.filter((p) => p.id !== leaving),
      });
      state.emit({ type: 'participant.left', conversationId: id, participant: participantOf(participant) });
    },
    async markConversationRead(id, options) {
      guard(options);
      state.conversations.set(id, { ...find(id), unread: false });
      state.emit({ type: 'conversation.read', conversationId: id, author: business });
    },
    async listMessages(conversationId, params, options) {
      guard(options);
      find(conversationId);
      const all = (state.messages.get(conversationId) ?? []).filter(
        (m) => params.since === undefined || Date.parse(m.sentAt) > (params.since ?? 0),
      );
      return listPage(params.order === 'desc' ? [...all].reverse() : all, params.cursor, params.limit);
    },
    async sendMessage(conversationId, input, options) {
      guard(options);
      const conversation = find(conversationId);
      const message: Message = {
        id: state.nextId('msg'),
        conversationId,
        author: business,
        ...(input.text === undefined ? {} : { text: input.text }),
        media: (input.media ?? []).map((m) => ({
          url: m.url,
          contentType: m.contentType ?? 'application/octet-stream',
          size: 0,
          raw: { ...m },
        })),
        sentAt: new Date().toISOString(),
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        raw: { ...input },
      };
      state.messages.set(conversationId, [...(state.messages.get(conversationId) ?? []), message]);
      state.conversations.set(conversationId, {
        ...conversation,
        messageCount: (conversation.messageCount ?? 0) + 1,
        lastActivityAt: message.sentAt,
      });
      state.emit({ type: 'message.created', conversationId, message });
      return message;
    },
    async uploadMedia(input, options) {
      guard(options);
      const bytes = new Uint8Array(await new Response(input.data as BodyInit).arrayBuffer());
      const key = state.nextId('media');
      state.uploads.set(key, { bytes, contentType: input.contentType });
      const attachment: MediaAttachment = {
        url: `memory://media/${key}`,
        key,
        contentType: input.contentType,
        size: bytes.byteLength,
        raw: { key, filename: input.filename ?? null },
      };
      return attachment;
    },
    async listQueues(options) {
      guard(options);
      return state.queues.map((queue) => ({ ...queue, agents: queue.agents.map((agent) => ({ ...agent })) }));
    },
    async setAgentStatus(queue, status, options) {
      guard(options);
      const found = state.queues.find((q) => q.name === queue);
      if (found === undefined)
        throw new ConversationError({
          code: 'not_found',
          message: `memory has no queue ${queue}`,
          status: 404,
        });
      for (const agent of found.agents) agent.status = status;
    },
    async authorizeAgent(options) {
      guard(options);
      return {
        token: state.nextId('token'),
        websocketUrl: 'memory://agent',
        participantId: 'agent-1',
        participantName: 'Sam Agent',
        raw: {},
      };
    },
    async keepAlive(options) {
      guard(options);
    },
    async sendTyping(id, action, options) {
      guard(options);
      find(id);
      state.emit({
        type: action === 'start' ? 'typing.started' : 'typing.stopped',
        conversationId: id,
        author: business,
      });
    },
    subscribe(options) {
      // Its own changes, as they happen; a handler's failure is reported, the change stands.
      const listener = (event: ConversationEvent) => {
        options.deliver(event).catch((error: unknown) => options.onError(error));
      };
      state.listeners.add(listener);
      const done = new Promise<void>((resolve) => {
        const stop = () => {
          state.listeners.delete(listener);
          resolve();
        };
        if (options.signal.aborted) stop();
        else options.signal.addEventListener('abort', stop, { once: true });
      });
      return { done };
    },
  };
}
