import { describe, expect, it } from 'vitest';
import type { Emulator } from '../index.js';
import { obj, sc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';
import { receiver, webhookHarness } from '../testing/webhook-receiver.js';

const spec = specValidator('sunshine');
const { setup } = webhookHarness();

describe('emulator webhooks: delivery', () => {
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
