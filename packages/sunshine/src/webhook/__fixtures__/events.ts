// Webhook bodies built from the reference notes §2f (envelope and payload of each event type).

/** The app and webhook the sample envelopes come from. */
const appId = '5d8cff3cd55b040010928b5b';
const webhookId = '5f4eab2c7e2a3d000c2c1b2a';
export const conversationId = '67a0ecf8f0305f4a391e9db1';
export const userId = '67179a2930a150d5adc4d51f';

/** `conversationTruncated`. */
export const conversation = {
  id: conversationId,
  type: 'sdkGroup',
  metadata: { ticket: 42 },
  activeSwitchboardIntegration: {
    id: '5ef21b86e933b7355c11c604',
    name: 'zd-agentWorkspace',
    integrationId: '5ef21b86e933b7355c11c605',
    integrationType: 'zd:agentWorkspace',
  },
  pendingSwitchboardIntegration: null,
};

/** `userTruncated`. */
export const user = {
  id: userId,
  authenticated: true,
  externalId: 'customer-7',
  zendeskId: '123456789',
};

/** One event of an envelope. */
export function event<TPayload>(
  type: string,
  payload: TPayload,
  id = `evt-${type}`,
  createdAt = '2020-09-30T15:14:29.834Z',
) {
  return { id, type, createdAt, payload };
}

/** The envelope Sunshine POSTs. */
export function envelope(...events: unknown[]) {
  return { app: { id: appId }, webhook: { id: webhookId, version: 'v2' }, events };
}

export const createEvent = event('conversation:create', {
  conversation,
  creationReason: 'startConversation',
  source: { type: 'web', integrationId: '5e4af71a81966c000f4a1c2d' },
  user: null,
  referral: null,
});

export const messageEvent = event('conversation:message', {
  conversation,
  message: {
    id: '5f74a0d52b5315fc007e798a',
    received: '2020-09-30T15:14:29.834Z',
    author: {
      type: 'user',
      userId,
      displayName: 'Steve Ewing',
      user: { id: userId, authenticated: false },
    },
    content: { type: 'text', text: 'Hi! Do you have time to chat?' },
    source: { type: 'web', integrationId: '5e4af71a81966c000f4a1c2d' },
    quotedMessage: null,
    metadata: { lang: 'en-ca' },
    deleted: false,
  },
  recentNotifications: [],
});

export const imageMessageEvent = event(
  'conversation:message',
  {
    conversation,
    message: {
      id: '5f74a0d52b5315fc007e798b',
      received: '2020-09-30T15:15:00.000Z',
      author: { type: 'business', subtypes: ['AI'], displayName: 'Answer Bot' },
      content: {
        type: 'image',
        mediaUrl: 'https://acme.zendesk.com/sc/attachments/v2/01JK/photo.png',
        mediaType: 'image/png',
        mediaSize: 2048,
      },
      source: { type: 'api:conversations' },
    },
  },
  'evt-image',
);

export const joinEvent = event('conversation:join', { conversation, user });
export const leaveEvent = event('conversation:leave', { conversation, user });
export const removeEvent = event('conversation:remove', { conversation });

/** `conversation:read` / `conversation:typing` with `activity.type`. */
export function activityEvent(eventType: 'conversation:read' | 'conversation:typing', activityType: string) {
  return event(
    eventType,
    {
      conversation,
      activity: {
        type: activityType,
        author: { type: 'user', userId, displayName: 'Steve Ewing' },
        source: { type: 'web' },
      },
    },
    `evt-${activityType}`,
  );
}
