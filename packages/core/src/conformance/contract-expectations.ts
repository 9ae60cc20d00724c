// Helpers of provider-contract.ts: shape and error assertions, and the call each capability makes.
import { expect } from 'vitest';
import type { ConversationClient } from '../client/conversation-client.js';
import { ConversationError } from '../errors/conversation-error.js';
import { shapeProblems } from '../testing/neutral-shape.js';
import type { Capability } from '../types/capability.js';
import type { Conversation, Queue } from '../types/model.js';

/** Asserts `value` has the neutral shape of `kind`. */
export const expectShape = (kind: Parameters<typeof shapeProblems>[0], value: unknown) =>
  expect(shapeProblems(kind, value), `${kind} shape`).toEqual([]);

/** Asserts `promise` rejects with a ConversationError of `code`. */
export async function expectCode(promise: PromiseLike<unknown>, code: string) {
  const error = await Promise.resolve(promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ConversationError.isInstance(error), `expected a ConversationError, got ${String(error)}`).toBe(
    true,
  );
  expect((error as ConversationError).code).toBe(code);
}

/** An unsupported call for each capability, with valid-looking arguments. */
export const unsupportedCalls: Record<Capability, (client: ConversationClient) => PromiseLike<unknown>> = {
  'conversations.list': (c) => c.conversations.list(),
  'conversations.get': (c) => c.conversations.get('x'),
  'conversations.create': (c) => c.conversations.create({ title: 'x' }),
  'conversations.update': (c) => c.conversations.update('x', { title: 'y' }),
  'conversations.delete': (c) => c.conversations.delete('x'),
  'conversations.join': (c) => c.conversations.join('x'),
  'conversations.leave': (c) => c.conversations.leave('x'),
  'conversations.markRead': (c) => c.conversations.markRead('x'),
  'messages.list': (c) => c.messages.list('x'),
  'messages.send': (c) => c.messages.send('x', { text: 'hi' }),
  'media.upload': (c) => c.media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }),
  'queues.list': (c) => c.queues.list(),
  'queues.setAgentStatus': (c) => c.queues.setAgentStatus('q', 'available'),
  'agent.authorize': (c) => c.agent.authorize(),
  'agent.keepAlive': (c) => c.agent.keepAlive(),
  'conversations.typing': (c) => c.conversations.typing('x', 'start'),
  // subscribe answers at once (it returns a subscription, not a promise): its throw becomes a rejection.
  'events.subscribe': async (c) => c.events.subscribe(() => {}),
};

/** Ids of the participants a conversation lists as still present (no `leftAt`). */
export const activeParticipants = (conversation: Conversation): string[] =>
  conversation.participants
    .filter((p) => p.leftAt === undefined)
    .map((p) => p.id)
    .sort();

/** Each agent's status in `queue`, keyed by id (or name). */
export const agentStatuses = (queues: readonly Queue[], queue: string): Map<string, string> => {
  const found = queues.find((q) => q.name === queue);
  expect(found, `queues.list lists ${queue}`).toBeDefined();
  return new Map(found?.agents.map((a, index) => [a.id ?? a.name ?? String(index), a.status]));
};
