import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/harness.js';
import { ConversationWebchatQueueStatusesResponseSchema } from '../wire/queue.js';
import { toQueue } from './queue.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });

describe('toQueue', () => {
  it('maps agents, waiting entries and every counter', () => {
    const wire = v.parse(ConversationWebchatQueueStatusesResponseSchema, fixture('queue-statuses'))
      .queue_statuses?.[0];
    if (wire === undefined) throw new Error('fixture');
    const queue = toQueue(wire, ctx('queue_statuses[0]'));
    expect(queue).toEqual({
      name: 'support',
      agents: [
        { id: 'arn:ultracart:participant:DEMO:agent-1', name: 'Alex Agent', status: 'available' },
        { id: 'arn:ultracart:participant:DEMO:agent-2', name: 'Bo Agent', status: 'busy' },
        { id: 'arn:ultracart:participant:DEMO:agent-3', name: 'Cy Agent', status: 'on lunch' },
      ],
      waiting: [{ name: 'Quinn Waiting', question: 'Where is my order?', since: '2025-10-07T18:55:00.000Z' }],
      counts: {
        agents: 3,
        agentsAvailable: 1,
        agentsBusy: 1,
        agentsUnavailable: 1,
        waiting: 1,
        active: 2,
        chats: 12,
        abandoned: 4,
        averageAbandonSeconds: 95,
        averageChatSeconds: 420,
        averageHoldSeconds: 30,
      },
      raw: wire,
    });
  });

  it('maps a minimal queue, and an agent without a status as unknown', () => {
    expect(toQueue({ queue_name: 'q', agents: [{}] }, ctx('q'))).toEqual({
      name: 'q',
      agents: [{ status: 'unknown' }],
      waiting: [],
      counts: {},
      raw: { queue_name: 'q', agents: [{}] },
    });
    expect(() => toQueue({}, ctx('queue_statuses[1]'))).toThrow(/queue_statuses\[1\]\.queue_name/);
  });
});
