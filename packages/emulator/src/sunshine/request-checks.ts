import { HttpError, isRecord, type Json } from '../http.js';
import type { Metadata } from './model.js';

/** The activity types `POST …/activity` takes. */
export type ActivityType = 'conversation:read' | 'typing:start' | 'typing:stop';

/** What a business author keeps of the request's `author`. */
const BUSINESS_AUTHOR_KEYS = ['subtypes', 'displayName', 'avatarUrl'] as const;

/** A 400 `bad_request` titled `title`. */
export function bad(title: string): HttpError {
  return new HttpError(400, 'bad_request', title);
}

/** A request's `author`, which must be an object of type `business` or `user`. */
export function checkAuthor(value: unknown): Json & { readonly type: 'business' | 'user' } {
  if (!isRecord(value) || (value.type !== 'business' && value.type !== 'user')) {
    throw bad('author.type must be business or user');
  }
  return value as Json & { readonly type: 'business' | 'user' };
}

/** The business author as stored: its type and the display fields it was given. */
export function businessAuthor(author: Json): Json {
  const out: Json = { type: 'business' };
  for (const key of BUSINESS_AUTHOR_KEYS) if (author[key] !== undefined) out[key] = author[key];
  return out;
}

/** A message's `content`: a type, with text for `text` and a media URL for `image` and `file`. */
export function checkContent(value: unknown): Json {
  if (!isRecord(value) || typeof value.type !== 'string') throw bad('content.type is required');
  if (
    value.type === 'text' &&
    ![value.text, value.htmlText, value.markdownText, value.actions].some(Boolean)
  ) {
    throw bad('content.text is required');
  }
  if ((value.type === 'image' || value.type === 'file') && typeof value.mediaUrl !== 'string') {
    throw bad('content.mediaUrl is required');
  }
  return value;
}

/** An activity `type`; a user author may only send `conversation:read`. */
export function checkActivityType(type: unknown, authorType: 'business' | 'user'): ActivityType {
  if (type !== 'conversation:read' && type !== 'typing:start' && type !== 'typing:stop') {
    throw bad('type must be conversation:read, typing:start or typing:stop');
  }
  if (authorType === 'user' && type !== 'conversation:read')
    throw bad('Users can only send conversation:read');
  return type;
}

/** A user reference: exactly one of `userId` and `userExternalId`, as a string. */
export function participantRef(ref: unknown): { userId?: string; userExternalId?: string } {
  if (!isRecord(ref)) throw bad('participant must be an object');
  const { userId, userExternalId } = ref;
  if ((userId === undefined) === (userExternalId === undefined))
    throw bad('One of userId or userExternalId is required, but not both');
  if (typeof userId === 'string') return { userId };
  if (typeof userExternalId === 'string') return { userExternalId };
  throw bad('userId and userExternalId must be strings');
}

/** Flat metadata of strings, numbers and booleans, at most 4KB as JSON. */
export function checkMetadata(value: unknown): Metadata {
  if (!isRecord(value)) throw bad('metadata must be a flat object');
  const out: Metadata = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw bad('metadata values must be strings, numbers or booleans');
    }
    out[k] = v;
  }
  if (Buffer.byteLength(JSON.stringify(out)) > 4096) throw bad('metadata is limited to 4KB');
  return out;
}
