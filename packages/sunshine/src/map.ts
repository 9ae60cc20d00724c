import type {
  Conversation,
  CreateConversationInput,
  MediaAttachment,
  Message,
  Metadata,
  Participant,
  ParticipantRole,
  SendMessageInput,
  UpdateConversationInput,
} from '@parley/core';
import {
  checkSunshineIconUrl,
  checkSunshineMetadata,
  checkSunshineText,
  isFlatMetadataValue,
  refuse,
  sunshineLimits,
} from './limits.js';
import type {
  SunshineAttachmentResponse,
  SunshineAuthor,
  SunshineContentBody,
  SunshineConversation,
  SunshineConversationCreateBody,
  SunshineConversationUpdateBody,
  SunshineMessage,
  SunshineMessagePost,
  SunshineParticipant,
  SunshineParticipantSubSchema,
} from './wire.js';

// What toISOString writes, with every field in range; only the day can still overflow its month.
const CANONICAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A Sunshine datetime as an ISO-8601 UTC string with milliseconds. */
export function toIso(value: string): string {
  // Sunshine already sends toISOString's own form: return it as is rather than build a Date per
  // message (a day past its month's end, which Date rolls over, still goes through Date).
  if (CANONICAL.test(value)) {
    const day = Number(value.slice(8, 10));
    if (day <= 28 || day <= daysInMonth(Number(value.slice(0, 4)), Number(value.slice(5, 7)))) return value;
  }
  return new Date(value).toISOString();
}

/** The flat string/number/boolean entries of wire metadata (anything else stays in `raw`). */
export function toMetadata(value: Record<string, unknown> | null | undefined): Metadata {
  const out: Metadata = {};
  for (const [key, entry] of Object.entries(value ?? {})) if (isFlatMetadataValue(entry)) out[key] = entry;
  return out;
}

/** `author.type` business → agent (bot when a subtype says `bot` or `AI`), user → customer. */
export function toRole(author: Pick<SunshineAuthor, 'type' | 'subtypes'>): ParticipantRole {
  if (author.type === 'user') return 'customer';
  if (author.type !== 'business') return 'unknown';
  const subtypes = author.subtypes ?? [];
  return subtypes.includes('bot') || subtypes.includes('AI') ? 'bot' : 'agent';
}

/** A Sunshine participant. Participants are users, so their role is `customer`. */
export function toParticipant(participant: SunshineParticipant): Participant {
  return {
    id: participant.id,
    role: 'customer',
    ...(participant.userId === undefined ? {} : { userId: participant.userId }),
    raw: participant,
  };
}

/** A Sunshine conversation; `participants` come from List Participants (the model has none). */
export function toConversation(
  conversation: SunshineConversation,
  participants: SunshineParticipant[] = [],
): Conversation {
  return {
    id: conversation.id,
    provider: 'sunshine',
    ...(conversation.displayName == null ? {} : { title: conversation.displayName }),
    ...(conversation.description == null ? {} : { description: conversation.description }),
    ...(conversation.iconUrl == null ? {} : { iconUrl: conversation.iconUrl }),
    // Sunshine conversations have no closed state: they exist until deleted.
    status: 'open',
    ...(conversation.createdAt === undefined ? {} : { createdAt: toIso(conversation.createdAt) }),
    ...(conversation.lastUpdatedAt == null ? {} : { lastActivityAt: toIso(conversation.lastUpdatedAt) }),
    participants: participants.map(toParticipant),
    metadata: toMetadata(conversation.metadata),
    raw: conversation,
  };
}

const mediaContentTypes = new Set(['image', 'file']);
const typesByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/**
 * A content type for media whose `mediaType` is missing (it is read-only and may be absent): the
 * sender's declared type, else one guessed from the URL's extension, else a generic one.
 */
export function guessMediaType(url: string, kind: string, declared?: string): string {
  if (declared !== undefined) return declared;
  const extension = /\.([a-z0-9]+)(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase();
  const known = extension === undefined ? undefined : typesByExtension[extension];
  return known ?? (kind === 'image' ? 'image/*' : 'application/octet-stream');
}

/**
 * A Sunshine message: text, and the media of `image`/`file` content. `declaredMediaType` is the
 * type the sender gave, used when Sunshine's answer leaves `mediaType` out.
 */
export function toMessage(
  message: SunshineMessage,
  conversationId: string,
  declaredMediaType?: string,
): Message {
  const content = message.content;
  const author = message.author;
  const media: MediaAttachment[] = [];
  if (content !== undefined && mediaContentTypes.has(content.type) && content.mediaUrl !== undefined)
    media.push({
      url: content.mediaUrl,
      // An empty `mediaType` says as little as a missing one.
      contentType: content.mediaType || guessMediaType(content.mediaUrl, content.type, declaredMediaType),
      size: content.mediaSize ?? 0,
      raw: content,
    });
  const out: Message = {
    id: message.id,
    conversationId,
    author: { role: toRole(author) },
    media,
    sentAt: toIso(message.received),
    raw: message,
  };
  // Optional fields are set one by one: no object spreads per message of a page.
  if (author.userId !== undefined) out.author.id = author.userId;
  if (author.displayName !== undefined) out.author.name = author.displayName;
  if (content?.text !== undefined) out.text = content.text;
  if (message.metadata != null) out.metadata = toMetadata(message.metadata);
  return out;
}

/** The `attachment` of an upload as a neutral attachment; the size is the bytes sent. */
export function toAttachment(
  response: SunshineAttachmentResponse,
  contentType: string,
  size: number,
): MediaAttachment {
  return {
    url: response.attachment.mediaUrl,
    contentType: response.attachment.mediaType || contentType,
    size,
    raw: response.attachment,
  };
}

/** A participant reference as `participantSubSchema`: exactly one of `userId` / `userExternalId`. */
export function toParticipantSubSchema(
  ref: { userId?: string | undefined; userExternalId?: string | undefined },
  field: string,
  operation: string,
): SunshineParticipantSubSchema {
  if (ref.userId !== undefined && ref.userExternalId !== undefined)
    throw refuse(field, 'needs one of userId or userExternalId, not both', operation);
  if (ref.userId !== undefined) return { userId: ref.userId };
  if (ref.userExternalId !== undefined) return { userExternalId: ref.userExternalId };
  throw refuse(field, 'needs userId or userExternalId (Sunshine adds users, not participant ids)', operation);
}

function checkCommon(input: UpdateConversationInput, field: string, operation: string): void {
  if (input.title !== undefined) checkSunshineText(input.title, `${field}.title`, operation);
  if (input.description !== undefined)
    checkSunshineText(input.description, `${field}.description`, operation);
  if (input.iconUrl !== undefined) checkSunshineIconUrl(input.iconUrl, `${field}.iconUrl`, operation);
  if (input.metadata !== undefined) checkSunshineMetadata(input.metadata, `${field}.metadata`, operation);
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
  const operation = 'conversations.create';
  if (input.queue !== undefined)
    throw refuse('input.queue', 'is not supported by Sunshine (UltraCart only)', operation);
  checkCommon(input, 'input', operation);
  const type = input.type === 'group' ? 'sdkGroup' : 'personal';
  const refs = input.participants ?? [];
  if (refs.length > sunshineLimits.maxParticipants)
    throw refuse(
      'input.participants',
      `must have at most ${sunshineLimits.maxParticipants} entries`,
      operation,
    );
  if (type === 'personal' && refs.length !== 1)
    throw refuse('input.participants', 'must have exactly one entry for a personal conversation', operation);
  const participants = refs.map((ref, index) => {
    const sub = toParticipantSubSchema(ref, `input.participants[${index}]`, operation);
    return type === 'sdkGroup' ? { ...sub, subscribeSDKClient: false } : sub;
  });
  return { type, ...(participants.length === 0 ? {} : { participants }), ...commonBody(input) };
}

/** `ConversationUpdateBody` for a neutral patch, after Sunshine's limits. */
export function toUpdateBody(patch: UpdateConversationInput): SunshineConversationUpdateBody {
  checkCommon(patch, 'patch', 'conversations.update');
  return commonBody(patch);
}

const imageExtensions = /\.(jpe?g|png|gif|webp|bmp)(?:$|[?#])/i;

/**
 * `messagePost` for a neutral message, posted as the business: text → `text` content; one medium →
 * `image` (an `image/*` type, or an image file extension when the type is not given) or `file`,
 * with the text as its caption. Sunshine carries one medium per message, so more are refused.
 */
export function toMessagePost(input: SendMessageInput): SunshineMessagePost {
  const operation = 'messages.send';
  const media = input.media ?? [];
  if (input.text !== undefined && [...input.text].length > sunshineLimits.messageTextMaxLength)
    throw refuse(
      'input.text',
      `must be at most ${sunshineLimits.messageTextMaxLength} characters`,
      operation,
    );
  if (media.length > 1)
    throw refuse(
      'input.media',
      'must have at most one entry: Sunshine sends one medium per message',
      operation,
    );
  if (input.metadata !== undefined) checkSunshineMetadata(input.metadata, 'input.metadata', operation);
  const medium = media[0];
  let content: SunshineContentBody;
  if (medium === undefined) {
    if (input.text === undefined) throw refuse('input', 'needs text or media', operation);
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
