import { createHmac } from 'node:crypto';

/** Options of {@link JwtSigner}. */
export interface JwtSignerOptions {
  /** Lifetime of each token in seconds. Default 300: short, so a leaked token soon expires. */
  ttlSeconds?: number;
  /** Re-sign when fewer than this many seconds remain. Default 60, which absorbs clock skew and slow requests. */
  refreshBeforeSeconds?: number;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** Called with each newly signed token, e.g. to scrub it from provider text. */
  onSign?: (token: string) => void;
}

/**
 * The JWT `scope` claim for an API key: `account` for account (`act_…`) and service-account
 * (`svc_…`) keys, `app` otherwise (sunshine-notes §2c: app keys sign `{"scope":"app"}`).
 */
export function scopeForKey(keyId: string): 'app' | 'account' {
  return /^(act|svc)_/.test(keyId) ? 'account' : 'app';
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * Signs Sunshine API JWTs: HS256 with the key secret, header `{ alg, typ, kid }`, payload
 * `{ scope, exp }`. A token is cached and re-signed shortly before it expires, so a long-running
 * client never sends an expired one. The signer never exposes the secret (not even to `JSON.stringify`).
 *
 * @example
 * ```ts
 * const signer = new JwtSigner('app_5963ceb97cde542d000dbdb1', secret);
 * headers.set('authorization', `Bearer ${signer.token()}`);
 * ```
 */
export class JwtSigner {
  readonly #keyId: string;
  readonly #secret: string;
  readonly #ttlSeconds: number;
  readonly #refreshBeforeSeconds: number;
  readonly #now: () => number;
  readonly #onSign: ((token: string) => void) | undefined;
  #cached: { token: string; exp: number } | undefined;

  constructor(keyId: string, secret: string, options: JwtSignerOptions = {}) {
    this.#keyId = keyId;
    this.#secret = secret;
    this.#ttlSeconds = options.ttlSeconds ?? 300;
    this.#refreshBeforeSeconds = Math.min(options.refreshBeforeSeconds ?? 60, this.#ttlSeconds / 2);
    this.#now = options.now ?? Date.now;
    this.#onSign = options.onSign;
  }

  /** A valid token: the cached one while it has more than `refreshBeforeSeconds` left, else a new one. */
  token(): string {
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (this.#cached !== undefined && this.#cached.exp - nowSeconds > this.#refreshBeforeSeconds)
      return this.#cached.token;
    const exp = nowSeconds + this.#ttlSeconds;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: this.#keyId }));
    const payload = base64url(JSON.stringify({ scope: scopeForKey(this.#keyId), exp }));
    const signature = createHmac('sha256', this.#secret).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.#cached = { token, exp };
    this.#onSign?.(token);
    return token;
  }

  /** The key id only: the secret and tokens stay out of logs. */
  toJSON(): Record<string, string> {
    return { keyId: this.#keyId };
  }
}
