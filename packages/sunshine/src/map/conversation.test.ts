import type { Participant } from '@parley/core';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/harness.js';
import { conversationResponseSchema, type SunshineConversation } from '../wire/conversations.js';
import { readConversation, toConversation } from './conversation.js';
import { readParticipant } from './participant.js';

const cid = '67a0ecf8f0305f4a391e9db1';

describe('readConversation and toConversation', () => {
  it('maps the spec example: dates, status, empty metadata, raw kept as received', () => {
    const wire = fixture('get-conversation').conversation;
    const listed = fixture<{ participants: unknown[] }>('list-participants').participants;
    const participants = listed.map((participant) => readParticipant(participant));
    expect(participants[0]?.raw).toBe(listed[0]);
    const conversation = readConversation(wire, participants as Participant[]);
    // Read without copying: `raw` is the answer's own object.
    expect(conversation?.raw).toBe(wire);
    expect(conversation).toEqual({
      id: cid,
      provider: 'sunshine',
      status: 'open',
      createdAt: '2025-02-03T16:21:12.308Z',
      lastActivityAt: '2025-02-03T16:21:12.308Z',
      participants: [
        {
          id: '67a0ecf880e2647cbb7a9701',
          role: 'customer',
          userId: '67179a2930a150d5adc4d51f',
          raw: listed[0],
        },
      ],
      metadata: {},
      raw: fixture('get-conversation').conversation,
    });
    const parsed = v.parse(conversationResponseSchema, fixture('get-conversation')).conversation;
    expect(toConversation(parsed, participants as Participant[])).toEqual(conversation);
  });

  it('maps displayName → title, description, iconUrl, flat metadata, lastUpdatedAt → lastActivityAt in UTC', () => {
    const wire: SunshineConversation = {
      id: cid,
      type: 'sdkGroup',
      displayName: 'Order 1234',
      description: 'Shipping question',
      iconUrl: 'https://www.gravatar.com/image.jpg',
      metadata: { lang: 'en-ca', priority: 2, vip: true, nested: { no: 1 } },
      lastUpdatedAt: '2025-02-03T18:33:47+02:00',
      createdAt: '2025-02-03T16:21:12Z',
    };
    expect(toConversation(wire)).toMatchObject({
      title: 'Order 1234',
      description: 'Shipping question',
      iconUrl: 'https://www.gravatar.com/image.jpg',
      metadata: { lang: 'en-ca', priority: 2, vip: true },
      lastActivityAt: '2025-02-03T16:33:47.000Z',
      createdAt: '2025-02-03T16:21:12.000Z',
      participants: [],
    });
  });

  it('leaves nulls out', () => {
    const mapped = toConversation({
      id: cid,
      displayName: null,
      description: null,
      iconUrl: null,
      metadata: null,
    });
    expect(mapped).not.toHaveProperty('title');
    expect(mapped).not.toHaveProperty('description');
    expect(mapped).not.toHaveProperty('iconUrl');
    expect(mapped.metadata).toEqual({});
  });
});
