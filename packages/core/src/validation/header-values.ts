import * as v from 'valibot';

// Checks for values that end up in an HTTP header. They run where the value enters (config,
// inputs), so a bad value is named there instead of failing later inside the sender, whose errors
// would quote it.

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** The message of a refused credential; never built from the value beyond what kind of character it holds. */
function credentialMessage(issue: v.BaseIssue<unknown>): string {
  return typeof issue.input === 'string' && /[\r\n]/.test(issue.input)
    ? 'must not contain line breaks'
    : 'must be visible ASCII (no spaces or control characters)';
}

/**
 * A credential bound for a header (API key, key id or secret, token, webhook secret): a non-empty
 * string of visible ASCII (0x21–0x7E). Surrounding whitespace is trimmed first, as a header value
 * would lose it anyway (a key read from a file often ends in a newline); any other space, control
 * character (NUL, BEL, line breaks) or non-ASCII character (U+200B, …) is refused. The messages
 * never include the value.
 *
 * @example
 * ```ts
 * const schema = v.object({ apiKey: credentialSchema });
 * v.parse(schema, { apiKey: 'abc\u200b' }); // issue at apiKey: 'must be visible ASCII (no spaces or control characters)'
 * ```
 */
export const credentialSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.check((value: string) => VISIBLE_ASCII.test(value), credentialMessage),
);

// RFC 9110 §5.6.2 token characters.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
// RFC 9110 §5.6.4 quoted-string, without obs-text (ASCII only) and without HTAB (a control character).
const QUOTED = '"(?:[ !\\x23-\\x5b\\x5d-\\x7e]|\\\\[ -\\x7e])*"';
const TYPE_SUBTYPE = new RegExp(`^${TOKEN}/${TOKEN}`);
// RFC 9110 §8.3.1: parameters = *( OWS ";" OWS [ parameter ] ), parameter = name "=" ( token / quoted-string ).
const PARAMETERS = new RegExp(`^(?: *; *(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*$`);

/**
 * What is wrong with a media type (e.g. an upload's `contentType`), or `undefined` when it is valid:
 * `type/subtype` of RFC 9110 tokens with optional `; name=value` parameters (value a token or a
 * quoted string), ASCII only, no control characters. The text never includes the value, so callers
 * can put it in an error after the field name.
 *
 * @example
 * ```ts
 * mediaTypeProblem('image/png'); // undefined
 * mediaTypeProblem('text/plain; charset=utf-8'); // undefined
 * mediaTypeProblem('image/png\0'); // 'must not contain control characters'
 * mediaTypeProblem('png'); // "must be a media type like 'image/png' (type/subtype)"
 * ```
 */
export function mediaTypeProblem(value: string): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value === '') return 'must not be empty';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return 'must not contain control characters';
    if (code > 0x7e) return 'must be ASCII';
  }
  const head = TYPE_SUBTYPE.exec(value);
  const rest = head === null ? '' : value.slice(head[0].length);
  // Anything after `type/subtype` other than `;` means the type itself is malformed (`image/png x`).
  if (head === null || (rest !== '' && !/^ *;/.test(rest)))
    return "must be a media type like 'image/png' (type/subtype)";
  if (!PARAMETERS.test(rest))
    return 'must have parameters of the form ; name=value (a token or a quoted string)';
  return undefined;
}
