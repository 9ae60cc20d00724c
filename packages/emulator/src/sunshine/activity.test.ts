import { describe, expect, it } from 'vitest';
import { list, obj, sc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';
import { postPersonalConversation, webhookHarness } from '../testing/webhook-receiver.js';

const spec = specValidator('sunshine');
const { setup } = webhookHarness();

describe('emulator webhooks: customer activity on demand', () => {
  it('a customer message is stored like a user message and sent as conversation:message', async () => {
    const { emu, target } = await setup();
    const { user: a, answer: created } = await postPersonalConversation(emu);
    const cid = String(obj(obj(created.body).conversation).id);
    const sent = emu.sunshine.activity.customerMessage(cid, 'Where is my parcel?');
    expect(sent).toMatchObject({ conversationId: cid, userId: a.id, text: 'Where is my parcel?' });
    expect(sent.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await emu.webhooksSettled();
    const [, event] = target.events();
    expect(event?.type).toBe('conversation:message');
    const payload = obj(event?.payload);
    expect(spec.schema('conversationTruncated', payload.conversation)).toEqual([]);
    const message = obj(payload.message);
    expect(message).toMatchObject({
      id: sent.messageId,
      received: sent.receivedAt,
      author: {
        type: 'user',
        userId: a.id,
        user: { id: a.id, authenticated: false, externalId: a.externalId },
      },
      content: { type: 'text', text: 'Where is my parcel?' },
      source: { type: 'web' },
    });
    expect(spec.schema('message', message)).toEqual([]);
    // The API shows it too.
    const listed = list(obj((await sc(emu, 'GET', `/conversations/${cid}/messages`)).body).messages);
    expect(listed.at(-1)).toMatchObject({ id: sent.messageId, author: { type: 'user', userId: a.id } });
    const got = obj(obj((await sc(emu, 'GET', `/conversations/${cid}`)).body).conversation);
    expect(got.lastUpdatedAt).toBe(sent.receivedAt);
  });

  it('customer typing and read send conversation:typing and conversation:read with a user author', async () => {
    const { emu, target } = await setup();
    const cid = emu.facts.sunshine.groupConversationId;
    const participants = async () =>
      list(obj((await sc(emu, 'GET', `/conversations/${cid}/participants`)).body).participants);
    const member = String((await participants()).at(-1)?.userId);
    emu.sunshine.activity.customerTyping(cid, 'start', { userId: member });
    emu.sunshine.activity.customerTyping(cid, 'stop', { userId: member });
    await sc(emu, 'POST', `/conversations/${cid}/messages`, {
      author: { type: 'business' },
      content: { type: 'text', text: 'An answer' },
    });
    expect((await participants()).find((p) => p.userId === member)?.unreadCount).toBeGreaterThan(0);
    const read = emu.sunshine.activity.customerRead(cid, { userId: member });
    expect(read).toMatchObject({ conversationId: cid, userId: member, type: 'conversation:read' });
    expect((await participants()).find((p) => p.userId === member)).toMatchObject({
      unreadCount: 0,
      lastRead: read.at,
    });
    await emu.webhooksSettled();
    const events = target.events();
    expect(events.map((e) => e.type)).toEqual([
      'conversation:typing',
      'conversation:typing',
      'conversation:message',
      'conversation:read',
    ]);
    const activities = events
      .filter((e) => e.type !== 'conversation:message')
      .map((e) => obj(obj(e.payload).activity));
    expect(activities.map((x) => x.type)).toEqual(['typing:start', 'typing:stop', 'conversation:read']);
    for (const activity of activities) {
      expect(activity.author).toMatchObject({ type: 'user', userId: member });
      expect(activity.source).toMatchObject({ type: 'web' });
      expect(spec.schema('activityTypes', activity)).toEqual([]);
      expect(spec.schema('author', activity.author)).toEqual([]);
      expect(spec.schema('source', activity.source)).toEqual([]);
    }
  });

  it('picks a seeded conversation by default and refuses strangers', async () => {
    const { emu, target } = await setup();
    const sent = emu.sunshine.activity.customerMessage();
    expect(sent.text.length).toBeGreaterThan(0);
    const conv = obj(obj((await sc(emu, 'GET', `/conversations/${sent.conversationId}`)).body).conversation);
    expect(conv.id).toBe(sent.conversationId);
    const stranger = emu.facts.sunshine.powerUser.id;
    expect(() =>
      emu.sunshine.activity.customerMessage(sent.conversationId, 'hi', { userId: stranger }),
    ).toThrow(/not a member/);
    expect(() => emu.sunshine.activity.customerTyping('nope', 'start')).toThrow(/not found/i);
    await emu.webhooksSettled();
    expect(target.events().map((e) => e.type)).toEqual(['conversation:message']);
  });
});
