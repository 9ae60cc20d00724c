import * as v from 'valibot';
import { ConversationError } from '../errors/conversation-error.js';
import { issueMessage, issuePath } from '../errors/error-factories.js';
import type { ClientSettings, ConversationAdapterV1 } from '../provider/v1/adapter-definition-v1.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/transport-types.js';
import { closestKey } from './closest-key.js';

/** An adapter of any name, settings and raw API. */
export type AnyAdapter = ConversationAdapterV1<string, unknown, unknown, unknown>;

/** The settings every provider shares. */
export interface SharedConfig {
  /** Deadline of each attempt in milliseconds (1..600000): connection, headers and body. Default 30000. */
  timeoutMs?: number;
  /** Retries of failed idempotent requests. Default `{ limit: 2, maxRetryAfterMs: 60000 }`. */
  retry?: { limit?: number; maxRetryAfterMs?: number };
  /**
   * Largest answer read, in bytes after decompression (1 KiB..1 GiB); a larger one fails with
   * `invalid_response` and memory stays bounded. Default 33554432 (32 MiB).
   */
  maxResponseBytes?: number;
}

/** The config section an adapter takes, as written (before defaults). */
export type AdapterConfigInput<TAdapter> =
  TAdapter extends ConversationAdapterV1<string, infer TInput, unknown, unknown> ? TInput : never;

/**
 * The config of a program that can use `TAdapters`: `provider` is one of their names, each section
 * has its adapter's input type, and the shared fields. Only the selected provider's section is
 * required at run time; any other present section is validated too.
 *
 * @example
 * ```ts
 * const config: ParleyConfig<[typeof ultracart, typeof sunshine]> = {
 *   provider: 'ultracart',
 *   ultracart: { apiKey: process.env.ULTRACART_API_KEY ?? '' },
 *   timeoutMs: 30_000,
 * };
 * ```
 */
export type ParleyConfig<TAdapters extends readonly AnyAdapter[] = readonly AnyAdapter[]> = SharedConfig & {
  /** Name of the adapter to use. */
  provider: TAdapters[number]['name'];
} & { [TAdapter in TAdapters[number] as TAdapter['name']]?: AdapterConfigInput<TAdapter> };

const sharedKeys = ['provider', 'timeoutMs', 'retry', 'maxResponseBytes'];

// The adapters' sections pass through; resolveConfig refuses unknown keys itself, naming the key
// they resemble. Loose rather than `v.object`: no other schema loads valibot's `object`.
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
  adapter: AnyAdapter;
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
      const path = issuePath(issue, prefix);
      return `${path === '(root)' ? prefix : path} ${problemOf(issue)}`;
    })
    .join('; ');
}

/** What is wrong, in the words of the config: a missing key is "is required", not valibot's "Invalid key". */
function problemOf(issue: v.BaseIssue<unknown>): string {
  const objectIssue =
    issue.type === 'object' || issue.type === 'strict_object' || issue.type === 'loose_object';
  if (objectIssue && issue.input === undefined && (issue.path?.length ?? 0) > 0) return 'is required';
  if (objectIssue && (issue.path?.length ?? 0) === 0) return 'must be an object';
  return issueMessage(issue);
}

/** The keys an object schema (possibly inside a pipe) declares, or undefined when it declares none. */
function declaredKeys(schema: unknown): string[] | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  if ('entries' in schema && typeof schema.entries === 'object' && schema.entries !== null)
    return Object.keys(schema.entries);
  if ('pipe' in schema && Array.isArray(schema.pipe)) return declaredKeys(schema.pipe[0]);
  return undefined;
}

/** Refuses a key `known` does not list, naming it and the known key it most resembles. */
function refuseUnknownKeys(value: unknown, known: readonly string[], where: string, provider?: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = closestKey(key, known);
    throw configError(
      `Invalid config: ${where === '' ? '' : `${where}.`}${key} is not a known setting${near === undefined ? '' : `; did you mean ${where === '' ? '' : `${where}.`}${near}?`}`,
      provider,
    );
  }
}

/**
 * Validates the whole config before anything else happens: shared fields, the selected adapter's
 * section (required unless the adapter has no settings) and every other present section whose
 * adapter is loaded. An unknown key fails naming it and the key it resembles. Messages name the
 * field and never echo a value.
 */
export function resolveConfig(config: unknown, adapters: readonly AnyAdapter[]): ResolvedConfig {
  if (adapters.length === 0) throw configError('adapters must list at least one adapter, e.g. [ultracart]');
  const shared = v.safeParse(sharedSchema, config);
  if (!shared.success) throw configError(`Invalid config: ${describeIssues('config', shared.issues)}`);
  refuseUnknownKeys(config, [...sharedKeys, ...adapters.map((candidate) => candidate.name)], '');
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
    const known = declaredKeys(candidate.configSchema);
    if (known !== undefined) refuseUnknownKeys(value, known, candidate.name, candidate.name);
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
