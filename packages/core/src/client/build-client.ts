import { ConversationError } from '../errors/conversation-error.js';
import { abortError, unsupportedError } from '../errors/error-factories.js';
import { decodeCursor } from '../paging/cursor.js';
import { PagePromise } from '../paging/page-promise.js';
import type { ConversationProviderV1, ProviderCallOptions } from '../provider/v1/conversation-provider-v1.js';
import { scrub } from '../transport/redact.js';
import { type Capability, capabilitiesOf } from '../types/capability.js';
import type { CallOptions, ListConversationsParams, ListMessagesParams } from '../types/inputs.js';
import type { ConversationClient } from './conversation-client.js';
import {
  agentStatusSchema,
  check,
  createInputSchema,
  idSchema,
  limitSchema,
  listConversationsSchema,
  listMessagesSchema,
  participantOptionSchema,
  sendInputSchema,
  toEpochMs,
  typingActionSchema,
  updateInputSchema,
  uploadInputSchema,
} from './input-checks.js';
import { subscribe } from './subscribe.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * Wraps a provider with what every provider shares: input validation, capability checks, opaque
 * cursors and paging guards, abort checks, and errors that name the provider and operation.
 */
export function buildClient<TRaw>(
  provider: ConversationProviderV1<TRaw>,
  secrets: readonly string[] = [],
): ConversationClient<TRaw> {
  const name = provider.name;
  const capabilities = capabilitiesOf(provider);
  const listConversationsParams = listConversationsSchema(provider.maxPageSize.conversations);
  const listMessagesParams = listMessagesSchema(provider.maxPageSize.messages);
  const messageLimit = limitSchema(10_000);

  const withContext = (error: unknown, operation: string): ConversationError => {
    if (ConversationError.isInstance(error)) return error.withContext(name, operation);
    // A provider must only throw ConversationError; anything else is a bug worth surfacing as such.
    return new ConversationError({
      code: 'provider_error',
      message: `${name} failed unexpectedly in ${operation}: ${scrub(error instanceof Error ? error.message : String(error), secrets)}`,
      provider: name,
      operation,
      cause: error,
    });
  };

  /** Runs one call: capability, abort and input checks first, then the provider. */
  async function call<T>(
    capability: Capability,
    options: CallOptions | undefined,
    run: (callOptions: ProviderCallOptions) => Promise<T> | undefined,
  ): Promise<T> {
    try {
      if (!capabilities.has(capability)) throw unsupportedError(name, capability);
      const signal = options?.signal;
      if (signal !== undefined && !(signal instanceof AbortSignal))
        throw new ConversationError({
          code: 'invalid_request',
          message: 'options.signal must be an AbortSignal',
        });
      if (signal?.aborted) throw abortError({ provider: name, operation: capability }, signal.reason);
      const pending = run({ signal });
      if (pending === undefined) throw unsupportedError(name, capability);
      return await pending;
    } catch (error) {
      throw withContext(error, capability);
    }
  }

  function listing<T>(
    capability: Capability,
    params: { signal?: AbortSignal | undefined } | undefined,
    prepare: () => { scope: string; cursor: string | undefined },
    fetchPage: (
      state: string | undefined,
      options: ProviderCallOptions,
    ) => Promise<{ items: T[]; nextCursor?: string | undefined }> | undefined,
  ): PagePromise<T> {
    let start: string | undefined;
    let failure: ConversationError | undefined;
    let scope = capability as string;
    try {
      if (!capabilities.has(capability)) throw unsupportedError(name, capability);
      const prepared = prepare();
      scope = prepared.scope;
      if (prepared.cursor !== undefined)
        start = decodeCursor(prepared.cursor, { provider: name, scope, operation: capability });
    } catch (error) {
      failure = withContext(error, capability);
    }
    return new PagePromise<T>(
      async (state, options) => {
        if (failure !== undefined) throw failure;
        try {
          const pending = fetchPage(state, options);
          if (pending === undefined) throw unsupportedError(name, capability);
          return await pending;
        } catch (error) {
          throw withContext(error, capability);
        }
      },
      { provider: name, scope, operation: capability, signal: params?.signal },
      start,
    );
  }

  const client: ConversationClient<TRaw> = {
    provider: name,
    capabilities,
    supports: (capability) => capabilities.has(capability),
    conversations: {
      list(params: ListConversationsParams = {}) {
        return listing(
          'conversations.list',
          params,
          () => {
            const p = check(listConversationsParams, params, 'params');
            // Bind the cursor to the filters: resuming with other filters would skip or repeat items.
            const scope = `conversations?${JSON.stringify([p.userId, p.userExternalId, p.channel])}`;
            return { scope, cursor: p.cursor };
          },
          (cursor, options) =>
            provider.listConversations?.(
              {
                limit: params.limit,
                cursor,
                userId: params.userId,
                userExternalId: params.userExternalId,
                channel: params.channel,
              },
              options,
            ),
        );
      },
      get: (id, options = {}) =>
        call('conversations.get', options, (o) => {
          check(idSchema, id, 'id');
          check(messageLimit, options.messageLimit, 'options.messageLimit');
          return provider.getConversation?.(id, { messageLimit: options.messageLimit }, o);
        }),
      create: (input, options) =>
        call('conversations.create', options, (o) => {
          check(createInputSchema, input, 'input');
          return provider.createConversation?.(input, o);
        }),
      update: (id, patch, options) =>
        call('conversations.update', options, (o) => {
          check(idSchema, id, 'id');
          check(updateInputSchema, patch, 'patch');
          return provider.updateConversation?.(id, patch, o);
        }),
      delete: (id, options) =>
        call('conversations.delete', options, (o) => {
          check(idSchema, id, 'id');
          return provider.deleteConversation?.(id, o);
        }),
      join: (id, options = {}) =>
        call('conversations.join', options, (o) => {
          check(idSchema, id, 'id');
          check(participantOptionSchema, options.participant, 'options.participant');
          return provider.joinConversation?.(id, options.participant, o);
        }),
      leave: (id, options = {}) =>
        call('conversations.leave', options, (o) => {
          check(idSchema, id, 'id');
          check(participantOptionSchema, options.participant, 'options.participant');
          return provider.leaveConversation?.(id, options.participant, o);
        }),
      markRead: (id, options) =>
        call('conversations.markRead', options, (o) => {
          check(idSchema, id, 'id');
          return provider.markConversationRead?.(id, o);
        }),
      typing: (id, action, options) =>
        call('conversations.typing', options, (o) => {
          check(idSchema, id, 'id');
          check(typingActionSchema, action, 'action');
          return provider.sendTyping?.(id, action, o);
        }),
    },
    messages: {
      list(conversationId, params: ListMessagesParams = {}) {
        let since: number | undefined;
        return listing(
          'messages.list',
          params,
          () => {
            check(idSchema, conversationId, 'conversationId');
            const p = check(listMessagesParams, params, 'params');
            since = p.since === undefined ? undefined : toEpochMs(p.since);
            const scope = `messages:${JSON.stringify([conversationId, since ?? null, p.order ?? 'asc'])}`;
            return { scope, cursor: p.cursor };
          },
          (cursor, options) =>
            provider.listMessages?.(
              conversationId,
              { limit: params.limit, cursor, since, order: params.order ?? 'asc' },
              options,
            ),
        );
      },
      send: (conversationId, input, options) =>
        call('messages.send', options, (o) => {
          check(idSchema, conversationId, 'conversationId');
          check(sendInputSchema, input, 'input');
          return provider.sendMessage?.(conversationId, input, o);
        }),
    },
    media: {
      upload: (input, options) =>
        call('media.upload', options, (o) => {
          check(uploadInputSchema, input, 'input');
          return provider.uploadMedia?.(input, o);
        }),
    },
    queues: {
      list: (options) => call('queues.list', options, (o) => provider.listQueues?.(o)),
      setAgentStatus: (queue, status, options) =>
        call('queues.setAgentStatus', options, (o) => {
          check(idSchema, queue, 'queue');
          check(agentStatusSchema, status, 'status');
          return provider.setAgentStatus?.(queue, status, o);
        }),
    },
    agent: {
      authorize: (options) => call('agent.authorize', options, (o) => provider.authorizeAgent?.(o)),
      keepAlive: (options) => call('agent.keepAlive', options, (o) => provider.keepAlive?.(o)),
    },
    events: {
      subscribe: (handler, options) => {
        try {
          return subscribe(provider, handler, options);
        } catch (error) {
          throw withContext(error, 'events.subscribe');
        }
      },
    },
    raw: provider.raw,
  };

  const describe = () => ({ provider: name, capabilities: [...capabilities] });
  Object.defineProperty(client, 'toJSON', { value: describe, enumerable: false });
  Object.defineProperty(client, inspectCustom, {
    value: () => `ConversationClient ${JSON.stringify(describe())}`,
    enumerable: false,
  });
  return Object.freeze(client);
}
