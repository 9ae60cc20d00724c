import * as v from 'valibot';
import { ConversationError } from '../errors/conversation-error.js';
import { issueMessage, issuePath } from '../errors/error-factories.js';
import { pathSegmentProblem } from '../transport/path-segment.js';
import { mediaTypeProblem } from '../validation/header-values.js';

const MAX_ID_LENGTH = 1024;

/** A non-empty id without control characters, at most 1 KiB. */
export const idSchema = v.pipe(
  v.string('must be a string'),
  v.nonEmpty('must not be empty'),
  v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
  v.check(
    (id) => ![...id].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127),
    'must not contain control characters',
  ),
  // Ids become URL path segments: refuse those no encoding keeps in place (`.`, `..`, lone surrogates).
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? pathSegmentProblem(dataset.value) : undefined;
    if (problem !== undefined) addIssue({ message: problem });
  }),
);

const text = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));
const metadataSchema = v.record(
  v.string(),
  v.union([v.string(), v.number(), v.boolean()], 'values must be strings, numbers or booleans'),
  'must be an object',
);

const participantRefSchema = v.pipe(
  v.strictObject({
    id: v.optional(idSchema),
    userId: v.optional(idSchema),
    userExternalId: v.optional(idSchema),
  }),
  v.check(
    (ref) => ref.id !== undefined || ref.userId !== undefined || ref.userExternalId !== undefined,
    'needs one of id, userId or userExternalId',
  ),
);

/** Input of `conversations.create`. */
export const createInputSchema = v.strictObject({
  type: v.optional(v.picklist(['personal', 'group'], "must be 'personal' or 'group'")),
  title: v.optional(text),
  description: v.optional(text),
  iconUrl: v.optional(v.pipe(v.string('must be a string'), v.url('must be a URL'))),
  metadata: v.optional(metadataSchema),
  participants: v.optional(v.array(participantRefSchema, 'must be an array')),
  queue: v.optional(text),
});

/** Input of `conversations.update`: at least one field. */
export const updateInputSchema = v.pipe(
  v.strictObject({
    title: v.optional(text),
    description: v.optional(text),
    iconUrl: v.optional(v.pipe(v.string('must be a string'), v.url('must be a URL'))),
    metadata: v.optional(metadataSchema),
  }),
  v.check(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'must change at least one field',
  ),
);

/** Input of `messages.send`: text or media. */
export const sendInputSchema = v.pipe(
  v.strictObject({
    text: v.optional(text),
    media: v.optional(
      v.array(
        v.strictObject({
          url: v.pipe(v.string('must be a string'), v.url('must be a URL')),
          contentType: v.optional(text),
        }),
        'must be an array',
      ),
    ),
    metadata: v.optional(metadataSchema),
  }),
  v.check((input) => input.text !== undefined || (input.media?.length ?? 0) > 0, 'needs text or media'),
);

const isBinary = (value: unknown) =>
  value instanceof Uint8Array ||
  value instanceof ArrayBuffer ||
  (typeof Blob !== 'undefined' && value instanceof Blob) ||
  (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream);

/** Input of `media.upload`. */
export const uploadInputSchema = v.strictObject({
  data: v.custom<unknown>(isBinary, 'must be a Blob, Uint8Array, ArrayBuffer or ReadableStream'),
  // It becomes a header (Content-Type of the upload or of its multipart part): refused here, never
  // replaced by a default or discovered by the sender.
  contentType: v.pipe(
    v.string('must be a string'),
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = dataset.typed ? mediaTypeProblem(dataset.value) : undefined;
      if (problem !== undefined) addIssue({ message: problem });
    }),
  ),
  filename: v.optional(v.pipe(text, v.maxLength(255))),
  conversationId: v.optional(idSchema),
});

/** Participant option of join/leave. */
export const participantOptionSchema = v.optional(participantRefSchema);

/** Agent status of `queues.setAgentStatus`. */
export const agentStatusSchema = v.picklist(
  ['available', 'busy', 'unavailable'],
  "must be 'available', 'busy' or 'unavailable'",
);

/** What `conversations.typing` takes. */
export const typingActionSchema = v.picklist(['start', 'stop'], "must be 'start' or 'stop'");

/** An integer page size in 1..max. */
export function limitSchema(max: number) {
  return v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be an integer'),
      v.minValue(1, `must be between 1 and ${max}`),
      v.maxValue(max, `must be between 1 and ${max}`),
    ),
  );
}

const cursorSchema = v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty'));
const signalSchema = v.instance(AbortSignal, 'must be an AbortSignal');

/** Params of `conversations.list`, with `limit` up to the provider's largest page. */
export function listConversationsSchema(maxLimit: number) {
  return v.strictObject({
    limit: limitSchema(maxLimit),
    cursor: v.optional(cursorSchema),
    userId: v.optional(idSchema),
    userExternalId: v.optional(idSchema),
    channel: v.optional(v.picklist(['sms', 'webchat'], "must be 'sms' or 'webchat'")),
    signal: v.optional(signalSchema),
  });
}

/** Params of `messages.list`, with `limit` up to the provider's largest page. */
export function listMessagesSchema(maxLimit: number) {
  return v.strictObject({
    limit: limitSchema(maxLimit),
    cursor: v.optional(cursorSchema),
    since: v.optional(
      v.union([v.string(), v.instance(Date), v.number()], 'must be an ISO-8601 string, a Date or a number'),
    ),
    order: v.optional(v.picklist(['asc', 'desc'], "must be 'asc' or 'desc'")),
    signal: v.optional(signalSchema),
  });
}

/**
 * Parses `value` or throws `invalid_request` naming the field, e.g. `input.participants[0] needs one of …`.
 */
export function check<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  field: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue === undefined ? '(root)' : issuePath(issue);
  const where = path === '(root)' ? field : path.startsWith('[') ? `${field}${path}` : `${field}.${path}`;
  throw new ConversationError({
    code: 'invalid_request',
    message: `${where} ${issue === undefined ? 'is invalid' : issueMessage(issue)}`,
  });
}

/** `since` as epoch milliseconds, from an ISO-8601 string, a Date or a number. */
export function toEpochMs(since: string | Date | number): number {
  const ms = since instanceof Date ? since.getTime() : typeof since === 'number' ? since : Date.parse(since);
  if (!Number.isFinite(ms) || ms < 0)
    throw new ConversationError({
      code: 'invalid_request',
      message: 'since must be an ISO-8601 date-time, a Date or epoch milliseconds',
    });
  return ms;
}
