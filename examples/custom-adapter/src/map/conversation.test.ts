import { describe, expect, it } from 'vitest';
import { toConversation } from './conversation.js';

const wire = {
  id: 'conv-001',
  subject: 'Order #1001',
  state: 'open',
  created_at: Date.UTC(2025, 9, 7, 10, 0, 0),
  updated_at: Date.UTC(2025, 9, 7, 10, 3, 0),
  participants: [
    {
      id: 'customer-1',
      display_name: 'Customer 1',
      kind: 'customer',
      joined_at: Date.UTC(2025, 9, 7, 10, 0, 0),
    },
    { id: 'agent-1', kind: 'supervisor' },
  ],
  message_count: 3,
  priority: 'high',
};

describe('toConversation', () => {
  it('maps an Acme conversation to a neutral one, keeping the whole wire object as raw', () => {
    expect(toConversation(wire)).toEqual({
      id: 'conv-001',
      provider: 'acme',
      title: 'Order #1001',
      status: 'open',
      createdAt: '2025-10-07T10:00:00.000Z',
      lastActivityAt: '2025-10-07T10:03:00.000Z',
      messageCount: 3,
      participants: [
        {
          id: 'customer-1',
          name: 'Customer 1',
          role: 'customer',
          joinedAt: '2025-10-07T10:00:00.000Z',
          raw: wire.participants[0],
        },
        // A kind Acme added later is a role Parley does not know.
        { id: 'agent-1', role: 'unknown', raw: wire.participants[1] },
      ],
      metadata: {},
      raw: wire,
    });
  });

  it('has no title without a subject, and reads any state but closed as open', () => {
    const bare = {
      ...wire,
      subject: null,
      state: 'snoozed',
      updated_at: undefined,
      message_count: undefined,
    };
    const conversation = toConversation(bare);
    expect(conversation).not.toHaveProperty('title');
    expect(conversation).not.toHaveProperty('lastActivityAt');
    expect(conversation).not.toHaveProperty('messageCount');
    expect(conversation.status).toBe('open');
    expect(toConversation({ ...wire, state: 'closed' }).status).toBe('closed');
  });
});
