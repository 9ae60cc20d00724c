import type { TransportHooks } from '../../transport/transport-hooks.js';

/** Settings every provider shares, resolved from `config` and the client options. */
export interface ClientSettings {
  /** Deadline of each attempt in milliseconds: connection, headers and body. */
  timeoutMs: number;
  /** Largest answer read, in bytes after decompression. */
  maxResponseBytes: number;
  retry: { limit: number; maxRetryAfterMs: number };
  fetch?: typeof globalThis.fetch | undefined;
  hooks?: TransportHooks | undefined;
}

/** Container token of the selected adapter's validated config section. */
export const AdapterConfigToken: unique symbol = Symbol.for('parley.AdapterConfig') as never;

/** Container token of the {@link ClientSettings}. */
export const ClientSettingsToken: unique symbol = Symbol.for('parley.ClientSettings') as never;

/** Container token under which `registerConversations` registers the client. */
export const ConversationClientToken: unique symbol = Symbol.for('parley.ConversationClient') as never;
