import * as v from 'valibot';
import { vi } from 'vitest';
import type { ClientSettings, ConversationAdapterV1 } from '../../provider/v1/adapter-definition-v1.js';
import type { ConversationProviderV1 } from '../../provider/v1/conversation-provider-v1.js';

/** A canary credential: tests assert it never shows up where it must not. */
export const CANARY = 'canary-token-77aa';

/**
 * A spy provider that records calls and answers minimal objects. It implements list, get, messages
 * and upload: those are its capabilities.
 */
export function spyAdapter() {
  const calls: unknown[][] = [];
  let settings: ClientSettings | undefined;
  let section: unknown;
  const provider: ConversationProviderV1<{ token: string }> = {
    specificationVersion: 'v1',
    name: 'spy',
    maxPageSize: { conversations: 50, messages: 20 },
    raw: { token: 'raw-api' },
    listConversations: vi.fn(async (params) => {
      calls.push(['listConversations', params]);
      return { items: [], ...(params.cursor === undefined ? {} : {}) };
    }),
    getConversation: vi.fn(async (id, params) => {
      calls.push(['getConversation', id, params]);
      if (id === 'boom') throw new TypeError('undefined is not a function');
      if (id === 'leak') throw new Error(`rejected key ${CANARY}`);
      return { id, provider: 'spy', status: 'open' as const, participants: [], metadata: {}, raw: {} };
    }),
    listMessages: vi.fn(async (conversationId, params) => {
      calls.push(['listMessages', conversationId, params]);
      return { items: [] };
    }),
    uploadMedia: vi.fn(async (input) => {
      calls.push(['uploadMedia', input.contentType]);
      return { contentType: input.contentType, size: 1, key: 'k', raw: {} };
    }),
  };
  const adapter: ConversationAdapterV1<'spy', { apiKey: string }, { apiKey: string }, { token: string }> = {
    specificationVersion: 'v1',
    name: 'spy',
    configSchema: v.strictObject({ apiKey: v.string() }),
    secretKeys: ['apiKey'],
    createProvider: (options) => {
      settings = options.settings;
      section = options.config;
      return provider;
    },
  };
  return { adapter, calls, provider, settings: () => settings, section: () => section };
}
