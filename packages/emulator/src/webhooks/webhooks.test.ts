import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATED_WEBHOOK_TRIGGERS, type Emulator, type EmulatorOptions, startEmulator } from '../index.js';
import { list, obj, sc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';

const spec = specValidator('sunshine');
const secret = 'whsec-emulator-test';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A webhook target on loopback; `answer` decides each status (or returns `hang` to never answer). */
async function receiver(answer: (n: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: obj(JSON.parse(Buffer.concat(chunks).toString('utf8'))) });
      const status = answer(received.length);
      if (status === 'hang') return;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, received, close, events: () => received.flatMap((r) => list(r.body.events)) };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(answer?: (n: number) => number | 'hang', options: EmulatorOptions = {}) {
  const target = await receiver(answer);
  cleanups.push(target.close);
  const emu = await startEmulator({
    webhooks: [{ target: target.url, secret, triggers: EMULATED_WEBHOOK_TRIGGERS }],
    webhookRetryBaseMs: 5,
    ...options,
  });
  cleanups.push(() => emu.close());
  return { emu, target };
}

function users(emu: Emulator) {
  const [a, b] = emu.facts.sunshine.users;
  if (!a || !b) throw new Error('seed has fewer than two users');
  return { a, b };
}

describe('emulator webhooks: what is sent', () => {
  it('POSTs the documented envelope for every change made through the API', async () => {
    const { emu, target } = await setup();
    const { a, b } = users(emu);
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
      expect(headers['x-api-key']).toBe(secret);
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
    cleanups.push(only.close);
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
    const { a } = users(emu);
    const created = await sc(emu, 'POST', '/conversations', {
      type: 'personal',
      participants: [{ userId: a.id }],
    });
    expect(created.status).toBe(201);
    await emu.webhooksSettled();
    const [event] = target.events();
    expect(event?.type).toBe('conversation:create');
    expect(obj(event?.payload).user).toEqual({ id: a.id, authenticated: false, externalId: a.externalId });
    expect(obj(obj(event?.payload).conversation).type).toBe('personal');
  });

  it('answers the API call without waiting for the target', async () => {
    const { emu, target } = await setup(() => 'hang', { webhookTimeoutMs: 60_000 });
    const started = Date.now();
    const answer = await sc(
      emu,
      'POST',
      `/conversations/${emu.facts.sunshine.groupConversationId}/messages`,
      {
        author: { type: 'business' },
        content: { type: 'text', text: 'not blocked' },
      },
    );
    expect(answer.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect.poll(() => target.received.length).toBe(1);
    expect(emu.webhookDeliveries).toHaveLength(0);
  });
});

async function postMessage(emu: Emulator): Promise<void> {
  const answer = await sc(emu, 'POST', `/conversations/${emu.facts.sunshine.groupConversationId}/messages`, {
    author: { type: 'business' },
    content: { type: 'text', text: 'retry me' },
  });
  expect(answer.status).toBe(201);
}

describe('emulator webhooks: retries', () => {
  it('retries a non-2xx answer with the same event until it succeeds, at growing intervals', async () => {
    const { emu, target } = await setup((n) => (n <= 2 ? 500 : 200), { webhookRetryBaseMs: 40 });
    const started = Date.now();
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    // 40 ms, then 80 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    const ids = target.events().map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  it('gives up after 5 retries', async () => {
    const { emu, target } = await setup(() => 503);
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(target.received).toHaveLength(6);
  });

  it.each([400, 401, 403, 404, 406])('never retries %i', async (status) => {
    const { emu, target } = await setup(() => status);
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries.map((d) => d.status)).toEqual([status]);
    expect(target.received).toHaveLength(1);
  });

  it('retries when the target does not answer in time or refuses the connection', async () => {
    const { emu } = await setup((n) => (n === 1 ? 'hang' : 200), { webhookTimeoutMs: 50 });
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries.map((d) => [d.status, d.error])).toEqual([
      [0, 'timeout'],
      [200, undefined],
    ]);

    const gone = await receiver();
    await gone.close();
    emu.addWebhook({ target: gone.url, triggers: ['conversation:message'] });
    emu.clearRequests();
    await postMessage(emu);
    await emu.webhooksSettled();
    const refused = emu.webhookDeliveries.filter((d) => d.target === gone.url);
    expect(refused).toHaveLength(6);
    expect(refused.every((d) => d.status === 0 && d.error !== undefined)).toBe(true);
  });

  it('cancels pending retries on close, leaving no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const { emu, target } = await setup(() => 500, { webhookRetryBaseMs: 60_000 });
    await postMessage(emu);
    await expect.poll(() => emu.webhookDeliveries.length).toBe(1);
    expect(timers()).toBeGreaterThan(before);
    await emu.close();
    expect(timers()).toBe(before);
    expect(target.received).toHaveLength(1);
    await expect(emu.webhooksSettled()).resolves.toBeUndefined();
  });
});

describe('emulator webhooks: faults and registration', () => {
  it('delivers the next envelope twice on demand', async () => {
    const { emu, target } = await setup();
    emu.duplicateNextWebhook();
    await postMessage(emu);
    await postMessage(emu);
    await emu.webhooksSettled();
    const ids = target.events().map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(emu.webhookDeliveries.map((d) => d.duplicate)).toEqual([false, true, false]);
  });

  it('duplicates at the planned rate', async () => {
    const { emu, target } = await setup(undefined, { webhookFaults: { duplicate: 1 } });
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(target.received).toHaveLength(2);
    emu.setWebhookFaults(undefined);
    await postMessage(emu);
    await emu.webhooksSettled();
    expect(target.received).toHaveLength(3);
  });

  it('generates a secret when none is given and checks registrations', async () => {
    const { emu } = await setup();
    const hook = emu.addWebhook({ target: 'http://127.0.0.1:9/hooks', triggers: ['conversation:create'] });
    expect(hook.secret).toMatch(/^[\w-]{20,}$/);
    expect(emu.webhooks.map((w) => w.id)).toContain(hook.id);
    expect(emu.removeWebhook(hook.id)).toBe(true);
    expect(emu.webhooks.map((w) => w.id)).not.toContain(hook.id);
    expect(() => emu.addWebhook({ target: 'not a url', triggers: ['x'] })).toThrow('absolute http(s) URL');
    expect(() => emu.addWebhook({ target: 'ftp://example.test/', triggers: ['x'] })).toThrow(
      'absolute http(s) URL',
    );
    expect(() => emu.addWebhook({ target: 'http://127.0.0.1:9/', triggers: [] })).toThrow('non-empty');
    for (let i = 1; i < 10; i++) emu.addWebhook({ target: 'http://127.0.0.1:9/', triggers: ['x'] });
    expect(() => emu.addWebhook({ target: 'http://127.0.0.1:9/', triggers: ['x'] })).toThrow('limited to 10');
  });
});

describe('emulator webhooks: typing and read activity', () => {
  it('retries and duplicates typing and read webhooks like the others', async () => {
    // The retry waits long enough for the read's deliveries to come first.
    const { emu, target } = await setup((n) => (n === 1 ? 503 : 200), { webhookRetryBaseMs: 300 });
    const cid = emu.facts.sunshine.groupConversationId;
    emu.duplicateNextWebhook(2);
    for (const type of ['typing:start', 'conversation:read'] as const) {
      const answer = await sc(emu, 'POST', `/conversations/${cid}/activity`, {
        author: { type: 'business' },
        type,
      });
      expect(answer.status).toBe(200);
    }
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries.map((d) => [d.eventTypes[0], d.attempt, d.duplicate, d.status])).toEqual([
      ['conversation:typing', 1, false, 503],
      ['conversation:typing', 1, true, 200],
      ['conversation:read', 1, false, 200],
      ['conversation:read', 1, true, 200],
      ['conversation:typing', 2, false, 200],
    ]);
    const events = target.events();
    expect(new Set(events.filter((e) => e.type === 'conversation:typing').map((e) => e.id)).size).toBe(1);
    expect(new Set(events.filter((e) => e.type === 'conversation:read').map((e) => e.id)).size).toBe(1);
    for (const event of events) {
      const activity = obj(obj(event.payload).activity);
      expect(spec.schema('activityTypes', activity)).toEqual([]);
      expect(spec.schema('source', activity.source)).toEqual([]);
      expect(spec.schema('author', activity.author)).toEqual([]);
    }
  });
});

describe('emulator webhooks: customer activity on demand', () => {
  it('a customer message is stored like a user message and sent as conversation:message', async () => {
    const { emu, target } = await setup();
    const { a } = users(emu);
    const created = await sc(emu, 'POST', '/conversations', {
      type: 'personal',
      participants: [{ userId: a.id }],
    });
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
