import * as v from 'valibot';
import { ConversationError } from '../errors/conversation-error.js';
import { issueMessage, issuePath } from '../errors/error-factories.js';
import type { ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import type { ClientSettings } from '../provider/v1/tokens.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/create-transport.js';

/**
 * Plain-data configuration: a JSON file or `configFromEnv(process.env)`. `provider` picks the
 * adapter; each adapter reads the section named after it, so one file can hold several providers.
 *
 * @example
 * ```ts
 * const config: ParleyConfig = {
 *   provider: 'ultracart',
 *   ultracart: { apiKey: process.env.ULTRACART_API_KEY },
 *   sunshine: { appId: 'app_1', keyId: 'app_key', keySecret: '…', subdomain: 'acme' },
 *   timeoutMs: 30_000,
 *   retry: { limit: 2, maxRetryAfterMs: 60_000 },
 * };
 * ```
 */
export interface ParleyConfig {
  /** Name of the adapter to use: `ultracart`, `sunshine`, `memory`, … */
  provider: string;
  /** Deadline of each attempt in milliseconds (1..600000): connection, headers and body. Default 30000. */
  timeoutMs?: number;
  /** Retries of failed idempotent requests. Default `{ limit: 2, maxRetryAfterMs: 60000 }`. */
  retry?: { limit?: number; maxRetryAfterMs?: number };
  /**
   * Largest answer read, in bytes after decompression (1 KiB..1 GiB); a larger one fails with
   * `invalid_response` and memory stays bounded. Default 33554432 (32 MiB).
   */
  maxResponseBytes?: number;
  /** Adapter sections, keyed by adapter name. */
  [section: string]: unknown;
}

const sharedSchema = v.looseObject({
  provider: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
  timeoutMs: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1), v.maxValue(600_000)),
  ),
  retry: v.optional(
    v.strictObject({
      limit: v.optional(
        v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(0), v.maxValue(10)),
      ),
      maxRetryAfterMs: v.optional(
        v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(0)),
      ),
    }),
  ),
  maxResponseBytes: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be an integer'),
      v.minValue(1024, 'must be at least 1024'),
      v.maxValue(1024 ** 3, 'must be at most 1073741824 (1 GiB)'),
    ),
  ),
});

/** The outcome of validating a config against the available adapters. */
export interface ResolvedConfig {
  adapter: ConversationAdapterV1;
  section: unknown;
  settings: Pick<ClientSettings, 'timeoutMs' | 'retry' | 'maxResponseBytes'>;
}

function configError(message: string, provider?: string): ConversationError {
  return new ConversationError({
    code: 'invalid_config',
    message,
    provider,
    operation: 'createConversations',
  });
}

function describeIssues(prefix: string, issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issuePath(issue);
      return `${path === '(root)' ? prefix : `${prefix}.${path}`} ${issueMessage(issue)}`;
    })
    .join('; ');
}

/**
 * Validates the whole config before anything else happens: shared fields, the selected adapter's
 * section (required unless the adapter has no settings) and every other present section whose
 * adapter is loaded. Messages name the field and never echo a value.
 */
export function resolveConfig(config: unknown, adapters: readonly ConversationAdapterV1[]): ResolvedConfig {
  if (adapters.length === 0) throw configError('adapters must list at least one adapter, e.g. [ultracart]');
  const shared = v.safeParse(sharedSchema, config);
  if (!shared.success) throw configError(`Invalid config: ${describeIssues('config', shared.issues)}`);
  const name = shared.output.provider;
  const adapter = adapters.find((candidate) => candidate.name === name);
  if (adapter === undefined) {
    const available = adapters.map((candidate) => `'${candidate.name}'`).join(', ');
    throw configError(`Unknown provider '${name}': available providers are ${available}`, name);
  }
  const raw = config as Record<string, unknown>;
  let section: unknown;
  for (const candidate of adapters) {
    const value = raw[candidate.name];
    const selected = candidate === adapter;
    if (candidate.configSchema === undefined || (value === undefined && !selected)) continue;
    if (value === undefined)
      throw configError(
        `Invalid ${candidate.name} config: the '${candidate.name}' section is missing`,
        candidate.name,
      );
    const parsed = v.safeParse(candidate.configSchema, value);
    if (!parsed.success)
      throw configError(
        `Invalid ${candidate.name} config: ${describeIssues(candidate.name, parsed.issues)}`,
        candidate.name,
      );
    if (selected) section = parsed.output;
  }
  return {
    adapter,
    section,
    settings: {
      timeoutMs: shared.output.timeoutMs ?? 30_000,
      maxResponseBytes: shared.output.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      retry: {
        limit: shared.output.retry?.limit ?? 2,
        maxRetryAfterMs: shared.output.retry?.maxRetryAfterMs ?? 60_000,
      },
    },
  };
}
