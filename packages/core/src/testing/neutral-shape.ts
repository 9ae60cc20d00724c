import { ConversationError } from '../errors/conversation-error.js';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const roles = new Set(['agent', 'customer', 'bot', 'unknown']);

/** The neutral objects {@link shapeProblems} knows. */
export type NeutralKind = 'conversation' | 'message' | 'participant' | 'media' | 'queue' | 'session';

/**
 * Problems with a neutral object's shape (empty when it is fine): ids non-empty, timestamps
 * ISO-8601 UTC with milliseconds, `raw` kept as an object, enums in range.
 */
export function shapeProblems(kind: NeutralKind, value: unknown): string[] {
  const problems: string[] = [];
  const at = (path: string, problem: string) => problems.push(`${kind}${path} ${problem}`);
  const object = (path: string, v: unknown): v is Record<string, unknown> => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
    at(path, 'must be an object');
    return false;
  };
  const id = (path: string, v: unknown) =>
    typeof v !== 'string' || v === '' ? at(path, 'must be a non-empty string') : undefined;
  const time = (path: string, v: unknown, required = false) => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || !isoUtc.test(v))
      at(path, `must be ISO-8601 UTC with milliseconds, got ${JSON.stringify(v)}`);
  };
  if (!object('', value)) return problems;
  object('.raw', value.raw);
  const participant = (path: string, p: unknown) => {
    if (!object(path, p)) return;
    id(`${path}.id`, p.id);
    if (!roles.has(p.role as string)) at(`${path}.role`, 'must be agent, customer, bot or unknown');
    time(`${path}.joinedAt`, p.joinedAt);
    time(`${path}.leftAt`, p.leftAt);
    object(`${path}.raw`, p.raw);
  };
  const message = (path: string, m: unknown) => {
    if (!object(path, m)) return;
    id(`${path}.id`, m.id);
    id(`${path}.conversationId`, m.conversationId);
    time(`${path}.sentAt`, m.sentAt, true);
    if (object(`${path}.author`, m.author) && !roles.has(m.author.role as string))
      at(`${path}.author.role`, 'is not a role');
    if (!Array.isArray(m.media)) at(`${path}.media`, 'must be an array');
    object(`${path}.raw`, m.raw);
  };
  switch (kind) {
    case 'conversation': {
      id('.id', value.id);
      id('.provider', value.provider);
      if (value.status !== 'open' && value.status !== 'closed') at('.status', "must be 'open' or 'closed'");
      time('.createdAt', value.createdAt);
      time('.lastActivityAt', value.lastActivityAt);
      if (value.channel !== undefined && value.channel !== 'sms' && value.channel !== 'webchat')
        at('.channel', 'must be sms or webchat');
      object('.metadata', value.metadata);
      if (Array.isArray(value.participants))
        for (const [i, p] of value.participants.entries()) participant(`.participants[${i}]`, p);
      else at('.participants', 'must be an array');
      if (Array.isArray(value.messages))
        for (const [i, m] of value.messages.entries()) message(`.messages[${i}]`, m);
      break;
    }
    case 'message':
      message('', value);
      break;
    case 'participant':
      participant('', value);
      break;
    case 'media':
      if (typeof value.contentType !== 'string' || value.contentType === '')
        at('.contentType', 'must be a non-empty string');
      if (typeof value.size !== 'number' || value.size < 0) at('.size', 'must be a non-negative number');
      if (value.url === undefined && value.key === undefined) at('', 'needs a url or a key');
      break;
    case 'queue':
      id('.name', value.name);
      if (!Array.isArray(value.agents)) at('.agents', 'must be an array');
      if (!Array.isArray(value.waiting)) at('.waiting', 'must be an array');
      else
        for (const [i, w] of value.waiting.entries())
          if (object(`.waiting[${i}]`, w)) time(`.waiting[${i}].since`, w.since);
      object('.counts', value.counts);
      break;
    case 'session':
      id('.token', value.token);
      id('.websocketUrl', value.websocketUrl);
      break;
  }
  return problems;
}

/**
 * Problems with what a provider call gave, whatever its provider answered: none when it gave
 * neutral objects of `kind` (an array is checked item by item) or failed with a
 * `ConversationError` saying the answer was bad (`invalid_response`, `provider_error`); the
 * failure as a problem for another code. Anything else it threw (a `TypeError`, a `RangeError`) is
 * thrown again, so a test shows where it came from.
 *
 * @example
 * ```ts
 * expect(await outcomeProblems('conversation', provider.getConversation('c1', {}, options))).toEqual([]);
 * ```
 */
export async function outcomeProblems(kind: NeutralKind, call: Promise<unknown>): Promise<string[]> {
  let value: unknown;
  try {
    value = await call;
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    return error.code === 'invalid_response' || error.code === 'provider_error'
      ? []
      : [`failed with ${error.code}: ${error.message}`];
  }
  return (Array.isArray(value) ? value : [value]).flatMap((item) => shapeProblems(kind, item));
}
