import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { ConversationError } from '@parley/core';

/**
 * Everything a value shows to someone who looks: `JSON.stringify`, `util.inspect` with hidden
 * properties, and a walk over every own property (enumerable or not, symbols included), the `cause`
 * chain, and the entries of Headers, Maps and Sets.
 */
function everythingShown(value: unknown): string {
  const parts: string[] = [];
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch (error) {
    parts.push(`JSON.stringify threw ${String(error)}`);
  }
  parts.push(inspect(value, { depth: 12, showHidden: true, getters: true }));
  const seen = new WeakSet<object>();
  const walk = (item: unknown, depth: number): void => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint') {
      parts.push(String(item));
      return;
    }
    if ((typeof item !== 'object' && typeof item !== 'function') || item === null || depth > 12) return;
    if (seen.has(item)) return;
    seen.add(item);
    if (item instanceof Headers) for (const [k, v] of item) parts.push(`${k}: ${v}`);
    if (item instanceof Map) for (const [k, v] of item) walk([k, v], depth + 1);
    if (item instanceof Set) for (const v of item) walk(v, depth + 1);
    if (item instanceof Error) parts.push(item.name, item.message, item.stack ?? '');
    for (const key of Reflect.ownKeys(item)) {
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (descriptor === undefined) continue;
      parts.push(String(key));
      if ('value' in descriptor) walk(descriptor.value, depth + 1);
    }
  };
  walk(value, 0);
  return parts.join('\n');
}

const JWT = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{20,}/g;

/** JWTs in `text` whose HS256 signature verifies with `secret`: tokens that were signed with it. */
export function jwtsSignedWith(text: string, secret: string): string[] {
  return [...text.matchAll(JWT)]
    .map((match) => match[0])
    .filter((token) => {
      const [header, payload, signature] = token.split('.');
      const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      return signature === expected;
    });
}

/** A record of everything that could leak: hook payloads, console lines, errors, printed objects. */
export class Exposure {
  readonly #parts: string[] = [];
  readonly #outcomes: Record<string, string> = {};

  /**
   * How each {@link run} ended, by label: `ok`, or the code of its ConversationError (`threw …`
   * for anything else), so a test can check that every path it meant to take was taken.
   */
  get outcomes(): Readonly<Record<string, string>> {
    return { ...this.#outcomes };
  }

  /** Adds everything `value` shows. */
  add(label: string, value: unknown): void {
    this.#parts.push(`--- ${label}\n${everythingShown(value)}`);
  }

  /** Hooks that record every payload they receive. */
  hooks() {
    return {
      onRequest: (request: unknown) => this.add('onRequest', request),
      onResponse: (request: unknown, response: unknown) => this.add('onResponse', [request, response]),
      onRetry: (request: unknown, retry: unknown) => this.add('onRetry', [request, retry]),
      onError: (request: unknown, error: unknown) => this.add('onError', [request, error]),
    };
  }

  /** Runs `call` and records its error (every property) or its result. */
  async run(label: string, call: () => PromiseLike<unknown>): Promise<unknown> {
    try {
      const result = await call();
      this.add(`${label} result`, result);
      this.#outcomes[label] = 'ok';
      return result;
    } catch (error) {
      this.add(`${label} error`, error);
      this.#outcomes[label] = ConversationError.isInstance(error) ? error.code : `threw ${String(error)}`;
      return error;
    }
  }

  /**
   * Each canary (and each JWT signed with `jwtSecret`) found in what was recorded, with the label
   * of the record it was found in.
   */
  leaks(canaries: readonly string[], jwtSecret?: string): string[] {
    const found: string[] = [];
    for (const part of this.#parts) {
      const label = part.slice(4, part.indexOf('\n'));
      for (const canary of canaries) if (part.includes(canary)) found.push(`${canary} in ${label}`);
      if (jwtSecret !== undefined)
        for (const token of jwtsSignedWith(part, jwtSecret))
          found.push(`a JWT signed with the secret (${token.slice(0, 12)}…) in ${label}`);
    }
    return found;
  }
}
