import type {
  ConversationError,
  ConversationEvent,
  EventAuthor,
  EventParticipant,
  RawObject,
} from '@parley/core';
import { invalidRequest, issueMessage, issuePath } from '@parley/core/provider';
import * as v from 'valibot';
import { toConversation } from '../map/conversation.js';
import { toMessage } from '../map/message.js';
import { toRole } from '../map/participant.js';
import { toIso } from '../map/timestamp.js';
import type { SunshineAuthor } from '../wire/messages.js';
import {
  type SunshineMappedEventType,
  type SunshineWebhookActivity,
  type SunshineWebhookEvent,
  type SunshineWebhookUser,
  webhookEnvelopeSchema,
  webhookPayloadSchemas,
} from '../wire/webhooks.js';

const operation = 'webhook.parse';

function malformed(field: string, problem: string): ConversationError {
  return invalidRequest(`Sunshine webhook body: ${field}`, problem, { provider: 'sunshine', operation });
}

function problemOf(issue: v.BaseIssue<unknown>): string {
  if (issue.input === undefined && issue.kind === 'schema') return 'is missing';
  // valibot appends the received value; leave it out so event content never lands in logs.
  return `is invalid: ${issueMessage(issue)}`;
}

function check<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  prefix: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw malformed(issuePath(issue, prefix), problemOf(issue));
}

function decode(body: unknown): unknown {
  let text: string;
  if (typeof body === 'string') text = body;
  else if (body instanceof ArrayBuffer) text = new TextDecoder().decode(body);
  else if (ArrayBuffer.isView(body)) text = new TextDecoder().decode(body);
  else return body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed('(root)', 'is not valid JSON');
  }
}

function authorOf(author: SunshineAuthor | undefined): EventAuthor {
  if (author === undefined) return { role: 'unknown' };
  return {
    ...(author.userId === undefined ? {} : { id: author.userId }),
    ...(author.displayName === undefined ? {} : { name: author.displayName }),
    role: toRole(author),
  };
}

function participantOf(user: SunshineWebhookUser): EventParticipant {
  // Sunshine names the user, not the participant: participants are users, hence `customer`.
  return {
    userId: user.id,
    ...(user.externalId == null ? {} : { userExternalId: user.externalId }),
    role: 'customer',
    raw: user,
  };
}

const typingTypes: Record<string, 'typing.started' | 'typing.stopped'> = {
  'typing:start': 'typing.started',
  'typing:stop': 'typing.stopped',
};

function isMapped(type: string): type is SunshineMappedEventType {
  return Object.hasOwn(webhookPayloadSchemas, type);
}

function conversationIdIn(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const conversation = (payload as { conversation?: unknown }).conversation;
  if (typeof conversation !== 'object' || conversation === null) return undefined;
  const id = (conversation as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function unknownEvent(event: SunshineWebhookEvent, occurredAt: string): ConversationEvent {
  const conversationId = conversationIdIn(event.payload);
  return {
    id: event.id,
    provider: 'sunshine',
    type: 'unknown',
    providerType: event.type,
    occurredAt,
    ...(conversationId === undefined ? {} : { conversationId }),
    raw: event,
  };
}

function activityEvent(
  event: SunshineWebhookEvent,
  base: { id: string; provider: string; occurredAt: string; conversationId: string; raw: RawObject },
  activity: SunshineWebhookActivity,
): ConversationEvent {
  const author = authorOf(activity.author);
  if (event.type === 'conversation:read' && activity.type === 'conversation:read')
    return { ...base, type: 'conversation.read', author };
  const typing = event.type === 'conversation:typing' ? typingTypes[activity.type] : undefined;
  // An activity type added after spec 17.12.1 is kept whole rather than guessed at.
  if (typing === undefined) return unknownEvent(event, base.occurredAt);
  return { ...base, type: typing, author };
}

function toEvent(event: SunshineWebhookEvent, index: number): ConversationEvent {
  const occurredAt = toIso(event.createdAt);
  const type = event.type;
  if (!isMapped(type)) return unknownEvent(event, occurredAt);
  const prefix = `events[${index}].payload`;
  const base = (conversationId: string) => ({
    id: event.id,
    provider: 'sunshine',
    occurredAt,
    conversationId,
    raw: event,
  });
  switch (type) {
    case 'conversation:create': {
      const payload = check(webhookPayloadSchemas[type], event.payload, prefix);
      return {
        ...base(payload.conversation.id),
        type: 'conversation.created',
        conversation: toConversation(payload.conversation),
        ...(payload.creationReason === undefined ? {} : { reason: payload.creationReason }),
      };
    }
    case 'conversation:remove': {
      const payload = check(webhookPayloadSchemas[type], event.payload, prefix);
      return {
        ...base(payload.conversation.id),
        type: 'conversation.removed',
        conversation: toConversation(payload.conversation),
      };
    }
    case 'conversation:message': {
      const payload = check(webhookPayloadSchemas[type], event.payload, prefix);
      const conversationId = payload.conversation.id;
      return {
        ...base(conversationId),
        type: 'message.created',
        message: toMessage(payload.message, conversationId),
      };
    }
    case 'conversation:join':
    case 'conversation:leave': {
      const payload = check(webhookPayloadSchemas[type], event.payload, prefix);
      return {
        ...base(payload.conversation.id),
        type: type === 'conversation:join' ? 'participant.joined' : 'participant.left',
        participant: participantOf(payload.user),
      };
    }
    case 'conversation:read':
    case 'conversation:typing': {
      const payload = check(webhookPayloadSchemas[type], event.payload, prefix);
      return activityEvent(event, base(payload.conversation.id), payload.activity);
    }
  }
}

/**
 * Parses a Sunshine webhook body (the raw text, its bytes, or the parsed JSON) into neutral
 * events: every event of the envelope, in order. Types Parley does not model (`user:merge`,
 * `switchboard:passControl`, …) come back as `unknown` with `providerType` and `raw`, never
 * dropped. `occurredAt` is the event's `createdAt` as UTC ISO-8601 with milliseconds and
 * `conversationId` is `payload.conversation.id`.
 *
 * Does not check the secret: call {@link verifyWebhook} first, or use {@link createWebhookHandler}.
 *
 * @throws ConversationError `invalid_request` naming the first bad field (e.g.
 * `events[0].payload.conversation.id is missing`) when the body is not a webhook envelope.
 *
 * @example
 * ```ts
 * for (const event of parseWebhook(await request.text())) {
 *   if (event.type === 'message.created') console.log(event.conversationId, event.message.text);
 * }
 * ```
 */
export function parseWebhook(body: unknown): ConversationEvent[] {
  const data = decode(body);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw malformed('(root)', 'must be a JSON object');
  const envelope = check(webhookEnvelopeSchema, data, '');
  return envelope.events.map(toEvent);
}
