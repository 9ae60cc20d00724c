import type { Json } from '../http.js';
import { sunshineDate } from '../time.js';
import type { ScConversation, ScMessage, ScParticipant } from './model.js';

/** `Conversation` on the wire. */
export function conversationWire(conv: ScConversation): Json {
  const wire: Json = { id: conv.id, type: conv.type, isDefault: conv.isDefault };
  if (conv.switchboard) {
    wire.activeSwitchboardIntegration = {
      id: '5ef21b86e933b7355c11c604',
      name: 'zd-agentWorkspace',
      integrationId: '5ef21b86e933b7355c11c605',
      integrationType: 'zd:agentWorkspace',
    };
  }
  for (const key of ['displayName', 'description', 'iconUrl', 'metadata'] as const) {
    if (conv[key] !== undefined) wire[key] = conv[key];
  }
  if (conv.businessLastReadMs !== undefined) wire.businessLastRead = sunshineDate(conv.businessLastReadMs);
  wire.lastUpdatedAt = sunshineDate(conv.lastUpdatedMs);
  wire.createdAt = sunshineDate(conv.createdMs);
  return wire;
}

/** `Participant` on the wire. */
export function participantWire(p: ScParticipant): Json {
  const wire: Json = {
    id: p.id,
    userId: p.user.id,
    unreadCount: p.unreadCount,
    clientAssociations: [{ type: p.clientType, clientId: p.clientId }],
    userExternalId: p.user.externalId,
  };
  if (p.lastReadMs !== undefined) wire.lastRead = sunshineDate(p.lastReadMs);
  return wire;
}

/** `Message` on the wire. */
export function messageWire(m: ScMessage): Json {
  const wire: Json = {
    id: m.id,
    received: sunshineDate(m.receivedMs),
    author: m.author,
    content: m.content,
    source: m.source,
  };
  if (m.metadata !== undefined) wire.metadata = m.metadata;
  return wire;
}
