import type { Json } from '../http.js';
import type { SunshineChange } from '../sunshine/change.js';
import type { ScConversation, ScUser } from '../sunshine/model.js';
import type { SunshineStore } from '../sunshine/store.js';
import { conversationWire, messageWire } from '../sunshine/wire.js';
import { sunshineDate } from '../time.js';

/** The webhook triggers the emulator fires (Sunshine has more; these follow API changes). */
export const EMULATED_WEBHOOK_TRIGGERS = [
  'conversation:create',
  'conversation:remove',
  'conversation:join',
  'conversation:leave',
  'conversation:message',
  'conversation:read',
  'conversation:typing',
] as const;

/** A trigger the emulator fires. */
export type EmulatedWebhookTrigger = (typeof EMULATED_WEBHOOK_TRIGGERS)[number];

/** `conversationTruncated`: what webhook payloads carry instead of the full conversation. */
function conversationTruncated(conv: ScConversation): Json {
  const wire = conversationWire(conv);
  const out: Json = { id: wire.id, type: wire.type };
  for (const key of ['metadata', 'activeSwitchboardIntegration'] as const)
    if (wire[key] !== undefined) out[key] = wire[key];
  return out;
}

/** `userTruncated`. The emulator's users are not authenticated (no JWT-signed user sessions). */
function userTruncated(user: ScUser): Json {
  return { id: user.id, authenticated: false, externalId: user.externalId };
}

const API_SOURCE = { type: 'api:conversations' } as const;

/** The `payload` Sunshine sends for a change (reference notes §2f, "Payloads by event type"). */
function payloadOf(store: SunshineStore, change: SunshineChange): Json {
  const conversation = conversationTruncated(change.conversation);
  switch (change.type) {
    case 'conversation:create': {
      const owner = change.conversation.type === 'personal' ? change.conversation.members[0] : undefined;
      return {
        conversation,
        // Created through the API, not by a message or a link request.
        creationReason: 'none',
        source: API_SOURCE,
        user: owner ? userTruncated(owner) : null,
        referral: null,
      };
    }
    case 'conversation:remove':
      return { conversation };
    case 'conversation:join':
    case 'conversation:leave':
      return { conversation, user: userTruncated(change.user) };
    case 'conversation:message': {
      const message = messageWire(change.message);
      const author = { ...(message.author as Json) };
      // `messageWebhook` adds the author's user to a user's message.
      if (author.type === 'user' && typeof author.userId === 'string')
        author.user = userTruncated(store.user({ userId: author.userId }));
      return { conversation, message: { ...message, author }, recentNotifications: [] };
    }
    case 'conversation:read':
    case 'conversation:typing':
      return {
        conversation,
        activity: {
          type: change.activity.type,
          author: change.activity.author,
          source: change.activity.source ?? API_SOURCE,
        },
      };
  }
}

/**
 * Sends a webhook event for every change made through the Sunshine API. The payload is built at
 * once, so it shows the state right after the change; delivery happens later.
 */
export function connectSunshineWebhooks(
  store: SunshineStore,
  dispatcher: { listens(type: string): boolean; emit(type: string, payload: Json, createdAt: string): void },
  now: () => number,
): void {
  store.onChange = (change) => {
    if (dispatcher.listens(change.type))
      dispatcher.emit(change.type, payloadOf(store, change), sunshineDate(now()));
  };
}
