import { createHmac, timingSafeEqual } from 'node:crypto';
import { header, isRecord, type RequestContext } from '../http.js';

/** Credentials of the emulated app's API key. */
export interface SunshineCredentials {
  readonly appId: string;
  readonly keyId: string;
  readonly keySecret: string;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks basic auth (key id / secret) or a JWT (HS256, header `kid` = key id, signed with the
 * secret, a `scope` claim, `exp` not in the past). Returns the reason when refused.
 */
export function checkSunshineAuth(
  ctx: RequestContext,
  creds: SunshineCredentials,
  nowMs: number,
): string | undefined {
  const authorization = header(ctx.headers, 'authorization');
  if (authorization === undefined) return 'Authorization is required';
  const basic = /^Basic (.+)$/i.exec(authorization);
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'Invalid basic credentials';
    return same(decoded.slice(0, colon), creds.keyId) && same(decoded.slice(colon + 1), creds.keySecret)
      ? undefined
      : 'Invalid credentials';
  }
  const bearer = /^Bearer (.+)$/.exec(authorization);
  if (bearer?.[1] === undefined) return 'Unsupported authorization scheme';
  const parts = bearer[1].split('.');
  const [h, p, s] = parts;
  if (parts.length !== 3 || h === undefined || p === undefined || s === undefined) return 'Malformed JWT';
  const jwtHeader = decodeJson(h);
  const payload = decodeJson(p);
  if (!jwtHeader || !payload) return 'Malformed JWT';
  if (jwtHeader.alg !== 'HS256') return 'Unsupported JWT algorithm; use HS256';
  if (jwtHeader.kid !== creds.keyId) return 'Unknown JWT key id';
  const expected = createHmac('sha256', creds.keySecret).update(`${h}.${p}`).digest('base64url');
  if (!same(s, expected)) return 'Invalid JWT signature';
  if (payload.scope !== 'app' && payload.scope !== 'account' && payload.scope !== 'integration') {
    return 'JWT scope claim must be app, account or integration';
  }
  if (typeof payload.exp === 'number' && payload.exp * 1000 <= nowMs) return 'JWT has expired';
  return undefined;
}

/** Signs an HS256 JWT the way Sunshine expects (helper for tests and examples). */
export function signSunshineJwt(
  creds: Pick<SunshineCredentials, 'keyId' | 'keySecret'>,
  payload: Record<string, unknown> = { scope: 'app' },
): string {
  const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: creds.keyId })).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', creds.keySecret).update(`${h}.${p}`).digest('base64url')}`;
}
