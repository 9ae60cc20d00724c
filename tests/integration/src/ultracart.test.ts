import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorClient, listUnderFaultPlan, rejection, requestsTo, senders } from './helpers.js';

for (const { sender, fetch: clientFetch } of senders)
  describe(`UltraCart end to end [${sender}]`, () => {
    // A fresh emulator per sender: some tests change what the next run would count (a start that applied).
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ seed: 11, conversations: 450, ultracartConcurrency: 'reject' });
    });
    afterAll(() => emulator.close());
    beforeEach(() => {
      emulator.clearFaults();
      emulator.clearRequests();
    });

    const client = (overrides = {}) =>
      emulatorClient(emulator, 'ultracart', { ...overrides, fetch: clientFetch });

    it('walks all 450 conversations in the fewest requests, each once', async () => {
      const ids: string[] = [];
      for await (const conversation of client().conversations.list()) ids.push(conversation.id);
      expect(ids).toHaveLength(emulator.facts.ultracart.conversationCount);
      expect(new Set(ids).size).toBe(ids.length);
      expect(requestsTo(emulator, 'GET', /\/conversation\/conversations$/)).toHaveLength(3);
    });

    it('reads a long history where messages share milliseconds: none lost, none repeated, oldest first', async () => {
      const { uuid, messageCount } = emulator.facts.ultracart.longConversation;
      const messages = [];
      for await (const message of client().messages.list(uuid)) messages.push(message);
      expect(messages).toHaveLength(messageCount);
      expect(new Set(messages.map((m) => m.id)).size).toBe(messageCount);
      const times = messages.map((m) => m.sentAt);
      expect([...times].sort()).toEqual(times);
    });

    it('runs an agent desk flow that changes what later reads return', async () => {
      const c = client();
      const queue = emulator.facts.ultracart.queues[0]?.name as string;
      await c.queues.setAgentStatus(queue, 'available');
      const queues = await c.queues.list();
      const me = queues
        .find((q) => q.name === queue)
        ?.agents.find((a) => a.name === emulator.facts.ultracart.agent.name);
      expect(me?.status).toBe('available');
      const id = emulator.facts.ultracart.notJoinedConversationUuid;
      const { arn } = emulator.facts.ultracart.agent;
      const before = await c.conversations.get(id);
      expect(before.unread).toBe(true);
      await c.conversations.join(id);
      const joined = await c.conversations.get(id);
      expect(joined.participants.some((p) => p.id === arn && p.leftAt === undefined)).toBe(true);
      await c.conversations.markRead(id);
      expect((await c.conversations.get(id)).unread).toBe(false);
      await c.conversations.leave(id);
      const left = (await c.conversations.get(id)).participants.filter((p) => p.id === arn);
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((p) => p.leftAt !== undefined)).toBe(true);
      const session = await c.agent.authorize();
      expect(session.websocketUrl).toMatch(/^wss?:\/\//);
      await c.agent.keepAlive();
      const sent = (method: string, path: RegExp) => requestsTo(emulator, method, path).map((r) => r.status);
      expect(sent('PUT', /\/join$/)).toEqual([204]);
      expect(sent('PUT', /\/markread$/)).toEqual([204]);
      expect(sent('DELETE', /\/leave$/)).toEqual([204]);
      expect(sent('PUT', /\/agent\/auth$/)).toEqual([200]);
      expect(sent('GET', /\/agent\/keepalive$/)).toEqual([204]);
    });

    it('uploads through the presigned URL without UltraCart credentials, and the file is served', async () => {
      const bytes = new TextEncoder().encode('receipt #1042');
      const media = await client().media.upload({
        data: bytes,
        contentType: 'text/plain',
        filename: 'receipt.txt',
      });
      expect(media.key).toBeTruthy();
      const put = emulator.requests.find((r) => r.method === 'PUT' && r.provider !== 'ultracart');
      expect(put).toBeDefined();
      expect(Object.keys(put?.headers ?? {})).not.toContain('x-ultracart-simple-key');
      expect(Object.keys(put?.headers ?? {})).not.toContain('x-ultracart-api-version');
      const served = await fetch(media.url as string);
      expect(await served.text()).toBe('receipt #1042');
    });

    it('maps a wrong key to unauthorized with the request id', async () => {
      const error = await rejection(client({ apiKey: 'wrong-key-0000' }).conversations.get('x'));
      expect(error).toMatchObject({ code: 'unauthorized', status: 401, provider: 'ultracart' });
      expect(error.requestId).toBeTruthy();
      expect(JSON.stringify(error)).not.toContain('wrong-key-0000');
    });

    it('recovers from 503, 429 and a reset within the retry budget', async () => {
      emulator.failNext({ kind: '503', times: 1, match: { provider: 'ultracart', method: 'GET' } });
      emulator.failNext({
        kind: '429',
        times: 1,
        retryAfterSeconds: 0,
        match: { provider: 'ultracart', method: 'GET' },
      });
      const page = await client().conversations.list({ limit: 5 });
      expect(page.items).toHaveLength(5);
      const list = requestsTo(emulator, 'GET', /\/conversation\/conversations$/);
      expect(list.map((r) => r.fault ?? r.status)).toEqual(['503', '429', 200]);
      emulator.failNext({ kind: 'reset', match: { provider: 'ultracart', method: 'GET' } });
      const conversation = await client().conversations.get(emulator.facts.ultracart.smsConversationUuid);
      expect(conversation.channel).toBe('sms');
      const get = requestsTo(emulator, 'GET', /\/conversation\/conversations\/[^/]+$/);
      expect(get.map((r) => r.fault ?? r.status)).toEqual(['reset', 200]);
    });

    it('never starts a conversation twice when the answer is lost after the write', async () => {
      emulator.failNext({
        kind: '500-after',
        match: { method: 'PUT', path: /\/conversation\/conversations$/ },
      });
      const error = await rejection(
        client().conversations.create({ participants: [{ id: emulator.facts.ultracart.agent.arn }] }),
      );
      expect(error.code).toBe('unavailable');
      expect(requestsTo(emulator, 'PUT', /\/conversation\/conversations$/)).toHaveLength(1);
    });

    it('surfaces a held request as timeout', async () => {
      emulator.failNext({ kind: 'timeout', match: { provider: 'ultracart' } });
      const error = await rejection(client({ timeoutMs: 200, retry: { limit: 0 } }).queues.list());
      expect(error).toMatchObject({ code: 'timeout', retryable: true, provider: 'ultracart' });
      expect(requestsTo(emulator, 'GET', /\/queues\/statuses$/)).toHaveLength(1);
    });

    it('sends one request at a time, as UltraCart requires', async () => {
      const c = client();
      const ids = emulator.facts.ultracart.newestConversationUuids.slice(0, 6);
      const conversations = await Promise.all(ids.map((id) => c.conversations.get(id)));
      expect(conversations.map((x) => x.id)).toEqual(ids);
      expect(emulator.requests.every((r) => r.status !== 429)).toBe(true);
    });
  });

describe('UltraCart under a random fault plan', () => {
  it('walks every conversation once despite 429s, 503s and resets on 30% of the reads', async () => {
    const { ids, expected, struck } = await listUnderFaultPlan('ultracart');
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    // The plan did strike: some requests failed and were retried.
    expect(struck).toBeGreaterThan(0);
  });
});
