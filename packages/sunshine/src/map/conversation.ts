import type { Conversation, Participant } from '@parley/core';
import type { SunshineConversation } from '../wire/conversations.js';
import { accepted, isId, isMetadata, isNullishString, isObject } from './checks.js';
import { toMetadata } from './metadata.js';
import { isoTimestamp } from './timestamp.js';

/**
 * A Sunshine conversation as a neutral one, read without copying: undefined when a field it reads
 * breaks `conversationSchema`. Reads `id`, `displayName`, `description`, `iconUrl`, `createdAt`,
 * `lastUpdatedAt` and `metadata`, each datetime parsed once; not read, so not checked: `type`,
 * `isDefault`, `activeSwitchboardIntegration`, `pendingSwitchboardIntegration`, `businessLastRead`.
 * `participants` come from List Participants (the model has none).
 */
export function readConversation(value: unknown, participants: Participant[] = []): Conversation | undefined {
  if (!isObject(value)) return undefined;
  const { id, metadata, displayName, description, iconUrl, lastUpdatedAt, createdAt } = value;
  if (
    !isId(id) ||
    !isMetadata(metadata) ||
    !isNullishString(displayName) ||
    !isNullishString(description) ||
    !isNullishString(iconUrl)
  )
    return undefined;
  let lastActivityAt: string | undefined;
  if (lastUpdatedAt !== undefined && lastUpdatedAt !== null) {
    if (typeof lastUpdatedAt !== 'string') return undefined;
    lastActivityAt = isoTimestamp(lastUpdatedAt);
    if (lastActivityAt === undefined) return undefined;
  }
  let created: string | undefined;
  if (createdAt !== undefined) {
    if (typeof createdAt !== 'string') return undefined;
    created = isoTimestamp(createdAt);
    if (created === undefined) return undefined;
  }
  // Sunshine conversations have no closed state: they exist until deleted.
  const out: Conversation = {
    id,
    provider: 'sunshine',
    status: 'open',
    participants,
    metadata: toMetadata(metadata),
    raw: value,
  };
  // Optional fields are set one by one: no object spreads per conversation of a page.
  if (displayName != null) out.title = displayName;
  if (description != null) out.description = description;
  if (iconUrl != null) out.iconUrl = iconUrl;
  if (created !== undefined) out.createdAt = created;
  if (lastActivityAt !== undefined) out.lastActivityAt = lastActivityAt;
  return out;
}

/** A conversation the wire schema already accepted (webhook payloads, answers of create and update). */
export function toConversation(
  conversation: SunshineConversation,
  participants: Participant[] = [],
): Conversation {
  return accepted(readConversation(conversation, participants), 'conversation');
}
