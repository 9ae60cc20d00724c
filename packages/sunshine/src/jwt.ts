// This module imports nothing: the transport loads it only when `auth` is `jwt`, and esbuild
// then keeps it in a chunk of its own. Importing anything the app already loads (core, valibot)
// would split that shared code into a second chunk loaded at import, costing more than this file.
const encoder = new TextEncoder();

/** Base64url without padding (RFC 7515 §2) of a string's UTF-8 bytes or of bytes. */
export function encodeBase64Url(data: string | Uint8Array): string {
  let binary = '';
  for (const byte of typeof data === 'string' ? encoder.encode(data) : data)
    binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

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

/**
 * Signs Sunshine API JWTs: HS256 with the key secret, header `{ alg, typ, kid }`, payload
 * `{ scope, exp }`, through Web Crypto (`crypto.subtle`), so it runs on Node, Bun, Deno and Workers.
 * A token is cached and re-signed shortly before it expires, so a long-running client never sends
 * an expired one. The HMAC key is imported once, on first use, as non-extractable. The signer never
 * exposes the secret (not even to `JSON.stringify`).
 *
 * @example
 * ```ts
 * const signer = new JwtSigner('app_5963ceb97cde542d000dbdb1', secret);
 * headers.set('authorization', `Bearer ${await signer.token()}`);
 * ```
 */
export class JwtSigner {
  readonly #keyId: string;
  readonly #ttlSeconds: number;
  readonly #refreshBeforeSeconds: number;
  readonly #now: () => number;
  readonly #onSign: ((token: string) => void) | undefined;
  // The secret lives only inside the CryptoKey; the string is dropped once it is imported.
  #secret: string | undefined;
  #key: Promise<CryptoKey> | undefined;
  #cached: { token: string; exp: number } | undefined;
  // A signing in progress: concurrent callers share it instead of each signing a token.
  #pending: Promise<string> | undefined;

  constructor(keyId: string, secret: string, options: JwtSignerOptions = {}) {
    this.#keyId = keyId;
    this.#secret = secret;
    this.#ttlSeconds = options.ttlSeconds ?? 300;
    this.#refreshBeforeSeconds = Math.min(options.refreshBeforeSeconds ?? 60, this.#ttlSeconds / 2);
    this.#now = options.now ?? Date.now;
    this.#onSign = options.onSign;
  }

  /** A valid token: the cached one while it has more than `refreshBeforeSeconds` left, else a new one. */
  token(): Promise<string> {
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (this.#cached !== undefined && this.#cached.exp - nowSeconds > this.#refreshBeforeSeconds)
      return Promise.resolve(this.#cached.token);
    this.#pending ??= this.#sign(nowSeconds).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #sign(nowSeconds: number): Promise<string> {
    const exp = nowSeconds + this.#ttlSeconds;
    const header = encodeBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: this.#keyId }));
    const payload = encodeBase64Url(JSON.stringify({ scope: scopeForKey(this.#keyId), exp }));
    const signed = await crypto.subtle.sign(
      'HMAC',
      await this.#hmacKey(),
      encoder.encode(`${header}.${payload}`),
    );
    const token = `${header}.${payload}.${encodeBase64Url(new Uint8Array(signed))}`;
    this.#cached = { token, exp };
    this.#onSign?.(token);
    return token;
  }

  #hmacKey(): Promise<CryptoKey> {
    if (this.#key === undefined) {
      const raw = encoder.encode(this.#secret ?? '');
      this.#secret = undefined;
      this.#key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    }
    return this.#key;
  }

  /** The key id only: the secret and tokens stay out of logs. */
  toJSON(): Record<string, string> {
    return { keyId: this.#keyId };
  }
}
