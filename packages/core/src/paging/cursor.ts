import { decodeBase64UrlText, encodeBase64Url } from '../encoding/base64.js';
import { ConversationError } from '../errors/conversation-error.js';

const PREFIX = 'pc1.';
const VERSION = 1;

/** What a client cursor carries: which provider and listing issued it, and the provider's state. */
export interface CursorPayload {
  provider: string;
  /** The listing it resumes, e.g. `conversations` or `messages:<conversationId>`. */
  scope: string;
  /** The provider's own resume state. */
  state: string;
}

/**
 * An opaque cursor: `pc1.` + base64url JSON + `.` + checksum. It is a plain string, so it survives
 * JSON and storage, and resumes the listing in a later process.
 */
export function encodeCursor(payload: CursorPayload): string {
  const body = encodeBase64Url(JSON.stringify([VERSION, payload.provider, payload.scope, payload.state]));
  return `${PREFIX}${body}.${checksum(body)}`;
}

/**
 * The provider state inside `cursor`, or `invalid_request` when the cursor is malformed, was edited,
 * or was issued by another provider or listing.
 */
export function decodeCursor(
  cursor: string,
  expected: { provider: string; scope: string; operation: string },
): string {
  const fail = (why: string) =>
    new ConversationError({
      code: 'invalid_request',
      message: `cursor ${why}; pass a nextCursor returned by this listing`,
      provider: expected.provider,
      operation: expected.operation,
    });
  if (typeof cursor !== 'string' || !cursor.startsWith(PREFIX)) throw fail('is not a Parley cursor');
  const [body, sum, extra] = cursor.slice(PREFIX.length).split('.');
  if (body === undefined || sum === undefined || extra !== undefined) throw fail('is malformed');
  if (checksum(body) !== sum) throw fail('was modified or truncated');
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeBase64UrlText(body, 'cursor'));
  } catch {
    throw fail('is malformed');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    !parsed.every((part) => typeof part === 'string' || typeof part === 'number')
  )
    throw fail('is malformed');
  const [version, provider, scope, state] = parsed as [unknown, unknown, unknown, unknown];
  if (version !== VERSION) throw fail(`has unsupported version ${String(version)}`);
  if (provider !== expected.provider)
    throw fail(`was issued by ${String(provider)}, not ${expected.provider}`);
  if (scope !== expected.scope) throw fail('belongs to another listing');
  if (typeof state !== 'string') throw fail('is malformed');
  return state;
}

// FNV-1a: detects edits and truncation; cursors are not a security boundary, the provider
// still validates the state it receives.
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
