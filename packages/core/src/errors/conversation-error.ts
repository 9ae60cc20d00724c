import type { ConversationErrorCode } from './error-code.js';

const marker: unique symbol = Symbol.for('parley.error') as never;
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** Fields of a {@link ConversationError}; only `code` and `message` are required. */
export interface ConversationErrorOptions {
  code: ConversationErrorCode;
  message: string;
  /** Adapter name, e.g. `ultracart`. */
  provider?: string | undefined;
  /** Client operation, e.g. `conversations.get`, or raw operation id. */
  operation?: string | undefined;
  status?: number | undefined;
  /** Defaults to true for `rate_limited`, `unavailable`, `timeout` and `network`. */
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  providerCode?: string | undefined;
  providerMessage?: string | undefined;
  cause?: unknown;
}

const retryableByDefault = new Set<ConversationErrorCode>([
  'rate_limited',
  'unavailable',
  'timeout',
  'network',
]);

/**
 * The one error type Parley throws. Check it with {@link ConversationError.isInstance}, which also
 * recognises errors from another copy of `@parley/core` (duplicated installs, bundles).
 *
 * It never carries a secret: messages are written by Parley, provider text is scrubbed of the
 * configured credentials, and `toJSON`/`util.inspect` leave out the raw `cause`. `console.log(error)`
 * prints the stack headed by the code, then `provider`, `operation`, `status`, `requestId` and the
 * other fields.
 *
 * @example
 * ```ts
 * try {
 *   await client.conversations.get(id);
 * } catch (error) {
 *   if (ConversationError.isInstance(error) && error.code === 'not_found') return undefined;
 *   throw error;
 * }
 * ```
 */
export class ConversationError extends Error {
  override name = 'ConversationError';
  readonly code: ConversationErrorCode;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly providerCode: string | undefined;
  readonly providerMessage: string | undefined;

  constructor(options: ConversationErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.provider = options.provider;
    this.operation = options.operation;
    this.status = options.status;
    this.retryable = options.retryable ?? retryableByDefault.has(options.code);
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
    this.providerCode = options.providerCode;
    this.providerMessage = options.providerMessage;
  }

  static {
    // On the prototype, not each error: it never shows among an error's own fields in a crash report.
    Object.defineProperty(ConversationError.prototype, marker, { value: true, enumerable: false });
  }

  /** True for a `ConversationError` from any copy of `@parley/core`. */
  static isInstance(value: unknown): value is ConversationError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /**
   * A copy naming the client operation (`messages.send`) and, where missing, the provider. The
   * client calls it so `operation` is the same name on every provider; the provider's own
   * operation (`postMessage`) stays in the message.
   */
  withContext(provider: string, operation: string): ConversationError {
    if (this.provider !== undefined && this.operation === operation) return this;
    return new ConversationError({ ...this.toOptions(), provider: this.provider ?? provider, operation });
  }

  /**
   * A copy with another message and every other field kept, the original as its cause: how an
   * adapter says which step of a multi-step call failed.
   *
   * @example
   * ```ts
   * throw error.withMessage(`upload failed at step 2 of 2 (PUT to the presigned URL): ${error.message}`);
   * ```
   */
  withMessage(message: string): ConversationError {
    return new ConversationError({ ...this.toOptions(), message, cause: this });
  }

  /** The fields that describe the failure, safe to log. */
  toJSON(): Record<string, unknown> {
    const { cause, ...rest } = this.toOptions();
    const json: Record<string, unknown> = { name: this.name };
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) json[key] = value;
    // The cause can be a fetch error holding the request (and its headers): keep only its name.
    if (cause !== undefined) json.cause = cause instanceof Error ? cause.name : typeof cause;
    return json;
  }

  /**
   * What `console.log(error)` and `util.inspect(error)` print on Node: the stack, headed by the
   * code, then the fields of {@link toJSON} (a cause that is not a `ConversationError` shows as
   * its name only, as it may hold request headers).
   */
  [inspectCustom](
    depth: number | null,
    options: unknown,
    inspect?: (value: unknown, options: object) => string,
  ): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    // A reworded error's cause is one of ours and safe to show whole, with its own stack.
    if (ConversationError.isInstance(this.cause)) fields.cause = this.cause;
    const shown =
      typeof inspect === 'function'
        ? inspect(fields, { ...(options as object), depth })
        : JSON.stringify(fields);
    return `${this.stackWithCode()} ${shown}`;
  }

  private stackWithCode(): string {
    const header = `${this.name} [${this.code}]: ${this.message}`;
    const stack = typeof this.stack === 'string' ? this.stack : '';
    // The frames follow the header, which repeats the (possibly multi-line) message.
    const frames = stack.indexOf('\n    at ');
    return frames === -1 ? header : header + stack.slice(frames);
  }

  private toOptions(): ConversationErrorOptions {
    return {
      code: this.code,
      message: this.message,
      provider: this.provider,
      operation: this.operation,
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
      providerCode: this.providerCode,
      providerMessage: this.providerMessage,
      cause: this.cause,
    };
  }
}
