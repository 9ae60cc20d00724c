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
  | 'agent.keepAlive';

/** Every capability, in the order of the client's members. */
export const allCapabilities: readonly Capability[] = [
  'conversations.list',
  'conversations.get',
  'conversations.create',
  'conversations.update',
  'conversations.delete',
  'conversations.join',
  'conversations.leave',
  'conversations.markRead',
  'messages.list',
  'messages.send',
  'media.upload',
  'queues.list',
  'queues.setAgentStatus',
  'agent.authorize',
  'agent.keepAlive',
];
