import type { ConversationProviderV1 } from '../provider/v1/conversation-provider-v1.js';

/**
 * One thing a provider can do. `client.supports(cap)` tells whether the configured provider does;
 * calling an unsupported one rejects with code `unsupported` before any request.
 */
export type Capability =
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.create'
  | 'conversations.update'
  | 'conversations.delete'
  | 'conversations.join'
  | 'conversations.leave'
  | 'conversations.markRead'
  | 'messages.list'
  | 'messages.send'
  | 'media.upload'
  | 'queues.list'
  | 'queues.setAgentStatus'
  | 'agent.authorize'
  | 'agent.keepAlive'
  | 'conversations.typing'
  | 'events.subscribe';

/** The provider method behind each capability: the one source of what a provider can do. */
export const capabilityMethods = {
  'conversations.list': 'listConversations',
  'conversations.get': 'getConversation',
  'conversations.create': 'createConversation',
  'conversations.update': 'updateConversation',
  'conversations.delete': 'deleteConversation',
  'conversations.join': 'joinConversation',
  'conversations.leave': 'leaveConversation',
  'conversations.markRead': 'markConversationRead',
  'messages.list': 'listMessages',
  'messages.send': 'sendMessage',
  'media.upload': 'uploadMedia',
  'queues.list': 'listQueues',
  'queues.setAgentStatus': 'setAgentStatus',
  'agent.authorize': 'authorizeAgent',
  'agent.keepAlive': 'keepAlive',
  'conversations.typing': 'sendTyping',
  'events.subscribe': 'subscribe',
} as const satisfies Record<Capability, keyof ConversationProviderV1>;

/** Every capability, in the order of the client's members. */
export const allCapabilities: readonly Capability[] = Object.keys(capabilityMethods) as Capability[];

/** The capabilities of `provider`: the methods it implements. */
export function capabilitiesOf(provider: ConversationProviderV1<unknown>): ReadonlySet<Capability> {
  return new Set(
    allCapabilities.filter((capability) => typeof provider[capabilityMethods[capability]] === 'function'),
  );
}
