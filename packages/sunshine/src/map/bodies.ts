// Neutral inputs → Sunshine request bodies, after Sunshine's limits. Loaded on first use
// (deferred.ts): most apps read far more than they write. A refused input throws a Refusal, which
// the provider turns into `invalid_request` (refusal.ts says why).
import type {
  CreateConversationInput,
  ParticipantRef,
  SendMessageInput,
  UpdateConversationInput,
} from '@parley/core';
import { checkIconUrl, checkMetadata, checkText } from '../limit-checks.js';
import { SUNSHINE_LIMITS } from '../limits.js';
import { Refusal } from '../refusal.js';
import type {
  SunshineContentBody,
  SunshineConversationCreateBody,
  SunshineConversationUpdateBody,
  SunshineMessagePost,
  SunshineParticipantLeaveBody,
} from '../wire/requests.js';
import { participantSub } from './participant-ref.js';

function checkCommon(input: UpdateConversationInput, field: string): void {
  if (input.title !== undefined) checkText(input.title, `${field}.title`);
  if (input.description !== undefined) checkText(input.description, `${field}.description`);
  if (input.iconUrl !== undefined) checkIconUrl(input.iconUrl, `${field}.iconUrl`);
  if (input.metadata !== undefined) checkMetadata(input.metadata, `${field}.metadata`);
}

function commonBody(input: UpdateConversationInput): SunshineConversationUpdateBody {
  return {
    ...(input.title === undefined ? {} : { displayName: input.title }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.iconUrl === undefined ? {} : { iconUrl: input.iconUrl }),
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
  };
}

/**
 * `ConversationCreateBody` for a neutral input, after Sunshine's limits: `group` → `sdkGroup`,
 * `personal` (the default) with exactly one participant, at most 10 participants. `sdkGroup`
 * participants get `subscribeSDKClient: false` (the field is required there; `false` avoids
 * creating SDK clients and push subscriptions as a side effect).
 */
export function toCreateBody(input: CreateConversationInput): SunshineConversationCreateBody {
  if (input.queue !== undefined)
    throw new Refusal('input.queue', 'is not supported by Sunshine (UltraCart only)');
  checkCommon(input, 'input');
  const type = input.type === 'group' ? 'sdkGroup' : 'personal';
  const refs = input.participants ?? [];
  if (refs.length > SUNSHINE_LIMITS.maxParticipants)
    throw new Refusal('input.participants', `must have at most ${SUNSHINE_LIMITS.maxParticipants} entries`);
  if (type === 'personal' && refs.length !== 1)
    throw new Refusal('input.participants', 'must have exactly one entry for a personal conversation');
  const participants = refs.map((ref, index) => {
    const sub = participantSub(ref);
    if (typeof sub === 'string') throw new Refusal(`input.participants[${index}]`, sub);
    return type === 'sdkGroup' ? { ...sub, subscribeSDKClient: false } : sub;
  });
  return { type, ...(participants.length === 0 ? {} : { participants }), ...commonBody(input) };
}

/** `ConversationUpdateBody` for a neutral patch, after Sunshine's limits. */
export function toUpdateBody(patch: UpdateConversationInput): SunshineConversationUpdateBody {
  checkCommon(patch, 'patch');
  return commonBody(patch);
}

const imageExtensions = /\.(jpe?g|png|gif|webp|bmp)(?:$|[?#])/i;

/**
 * `messagePost` for a neutral message, posted as the business: text → `text` content; one medium →
 * `image` (an `image/*` type, or an image file extension when the type is not given) or `file`,
 * with the text as its caption. Sunshine carries one medium per message, so more are refused.
 */
export function toMessagePost(input: SendMessageInput): SunshineMessagePost {
  const media = input.media ?? [];
  if (input.text !== undefined && [...input.text].length > SUNSHINE_LIMITS.messageTextMaxLength)
    throw new Refusal('input.text', `must be at most ${SUNSHINE_LIMITS.messageTextMaxLength} characters`);
  if (media.length > 1)
    throw new Refusal('input.media', 'must have at most one entry: Sunshine sends one medium per message');
  if (input.metadata !== undefined) checkMetadata(input.metadata, 'input.metadata');
  const medium = media[0];
  let content: SunshineContentBody;
  if (medium === undefined) {
    if (input.text === undefined) throw new Refusal('input', 'needs text or media');
    content = { type: 'text', text: input.text };
  } else {
    const isImage =
      medium.contentType === undefined
        ? imageExtensions.test(medium.url)
        : medium.contentType.startsWith('image/');
    content = {
      type: isImage ? 'image' : 'file',
      mediaUrl: medium.url,
      ...(input.text === undefined ? {} : { text: input.text }),
    };
  }
  return {
    author: { type: 'business' },
    content,
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
  };
}

/**
 * `participantLeaveBody` for a neutral reference: a oneOf, so exactly one of `id` (as
 * `participantId`), `userId` or `userExternalId`.
 */
export function toLeaveBody(ref: ParticipantRef, field: string): SunshineParticipantLeaveBody {
  const given: SunshineParticipantLeaveBody[] = [
    ...(ref.id === undefined ? [] : [{ participantId: ref.id }]),
    ...(ref.userId === undefined ? [] : [{ userId: ref.userId }]),
    ...(ref.userExternalId === undefined ? [] : [{ userExternalId: ref.userExternalId }]),
  ];
  const [body, ...others] = given;
  if (body === undefined || others.length > 0)
    throw new Refusal(field, 'needs exactly one of id, userId or userExternalId');
  return body;
}
