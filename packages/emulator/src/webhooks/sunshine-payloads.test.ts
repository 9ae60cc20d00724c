import { describe, expect, it } from 'vitest';
import { obj, sc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';
import {
  postPersonalConversation,
  receiver,
  twoUsers,
  WEBHOOK_SECRET,
  webhookHarness,
} from '../testing/webhook-receiver.js';

const spec = specValidator('sunshine');
const { setup, track } = webhookHarness();

describe('emulator webhooks: what is sent', () => {
  it('POSTs the documented envelope for every change made through the API', async () => {
    const { emu, target } = await setup();
    const { a, b } = twoUsers(emu);
    const created = await sc(emu, 'POST', '/conversations', {
      type: 'sdkGroup',
      participants: [{ userId: a.id, subscribeSDKClient: false }],
      metadata: { ticket: 7 },
    });
    const cid = String(obj(obj(created.body).conversation).id);
    await sc(emu, 'POST', `/conversations/${cid}/join`, { userId: b.id, subscribeSDKClient: false });
    await sc(emu, 'POST', `/conversations/${cid}/messages`, {
      author: { type: 'user', userId: a.id },
      content: { type: 'text', text: 'hello' },
    });
    await sc(emu, 'POST', `/conversations/${cid}/activity`, {
      author: { type: 'business' },
      type: 'conversation:read',
    });
    await sc(emu, 'POST', `/conversations/${cid}/activity`, {
      author: { type: 'business' },
      type: 'typing:start',
    });
    await sc(emu, 'POST', `/conversations/${cid}/activity`, {
      author: { type: 'business' },
      type: 'typing:stop',
    });
    await sc(emu, 'POST', `/conversations/${cid}/leave`, { userId: b.id });
    await sc(emu, 'DELETE', `/conversations/${cid}`);
    await emu.webhooksSettled();

    const webhook = emu.webhooks[0];
    for (const { headers, body } of target.received) {
      expect(headers['x-api-key']).toBe(WEBHOOK_SECRET);
      expect(headers['content-type']).toBe('application/json');
      expect(body.app).toEqual({ id: emu.sunshine.appId });
      expect(body.webhook).toEqual({ id: webhook?.id, version: 'v2' });
    }
    const events = target.events();
    expect(events.map((e) => e.type)).toEqual([
      'conversation:create',
      'conversation:join',
      'conversation:message',
      'conversation:read',
      'conversation:typing',
      'conversation:typing',
      'conversation:leave',
      'conversation:remove',
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const event of events) {
      expect(event.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const payload = obj(event.payload);
      expect(obj(payload.conversation)).toEqual({ id: cid, type: 'sdkGroup', metadata: { ticket: 7 } });
      expect(spec.schema('conversationTruncated', payload.conversation)).toEqual([]);
    }
    const [create, join, message, read, typingStart, typingStop, leave] = events.map((e) => obj(e.payload));
    expect(create).toMatchObject({
      creationReason: 'none',
      source: { type: 'api:conversations' },
      user: null,
    });
    expect(join?.user).toEqual({ id: b.id, authenticated: false, externalId: b.externalId });
    expect(leave?.user).toEqual({ id: b.id, authenticated: false, externalId: b.externalId });
    const sent = obj(message?.message);
    expect(sent).toMatchObject({
      content: { type: 'text', text: 'hello' },
      author: { type: 'user', userId: a.id, user: { id: a.id, externalId: a.externalId } },
    });
    expect(spec.schema('message', sent)).toEqual([]);
    expect(message?.recentNotifications).toEqual([]);
    expect(read?.activity).toEqual({
      type: 'conversation:read',
      author: { type: 'business' },
      source: { type: 'api:conversations' },
    });
    expect(obj(typingStart?.activity).type).toBe('typing:start');
    expect(obj(typingStop?.activity).type).toBe('typing:stop');
  });

  it('sends only the subscribed triggers, nothing for seeded data, reads or personal leaves', async () => {
    const { emu, target } = await setup();
    const only = await receiver();
    track(only.close);
    emu.addWebhook({ target: only.url, secret: 'other', triggers: ['conversation:message'] });
    const cid = emu.facts.sunshine.deletableConversationId;
    await sc(emu, 'GET', `/conversations/${cid}`);
    await sc(emu, 'POST', `/conversations/${cid}/messages`, {
      author: { type: 'business' },
      content: { type: 'text', text: 'hi' },
    });
    const me = emu.facts.sunshine.longConversation.userId;
    expect((await sc(emu, 'POST', `/conversations/${cid}/leave`, { userId: me })).status).toBeLessThan(500);
    await emu.webhooksSettled();
    expect(only.events().map((e) => e.type)).toEqual(['conversation:message']);
    expect(only.received[0]?.headers['x-api-key']).toBe('other');
    expect(target.events().map((e) => e.type)).toEqual(['conversation:message']);
  });

  it('names the user of a personal conversation it creates', async () => {
    const { emu, target } = await setup();
    const { user: a, answer: created } = await postPersonalConversation(emu);
    expect(created.status).toBe(201);
    await emu.webhooksSettled();
    const [event] = target.events();
    expect(event?.type).toBe('conversation:create');
    expect(obj(event?.payload).user).toEqual({ id: a.id, authenticated: false, externalId: a.externalId });
    expect(obj(obj(event?.payload).conversation).type).toBe('personal');
  });
});
