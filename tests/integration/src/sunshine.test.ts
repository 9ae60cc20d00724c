import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorClient, listUnderFaultPlan, rejection, requestsTo, senders } from './helpers.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

for (const { sender, fetch: clientFetch } of senders)
  describe(`Sunshine end to end [${sender}]`, () => {
    // A fresh emulator per sender: some tests change what the next run would count (a create that applied).
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ seed: 23 });
    });
    afterAll(() => emulator.close());
    beforeEach(() => {
      emulator.clearFaults();
      emulator.clearRequests();
    });

    const client = (overrides = {}) =>
      emulatorClient(emulator, 'sunshine', { ...overrides, fetch: clientFetch });

    it('walks a user’s 260 conversations in the fewest requests, each once', async () => {
      const { powerUser } = emulator.facts.sunshine;
      const ids: string[] = [];
      for await (const conversation of client().conversations.list({ userExternalId: powerUser.externalId }))
        ids.push(conversation.id);
      expect(ids).toHaveLength(powerUser.conversationCount);
      expect(new Set(ids).size).toBe(ids.length);
      expect(requestsTo(emulator, 'GET', /\/conversations$/)).toHaveLength(
        Math.ceil(powerUser.conversationCount / 100),
      );
    });

    it('pages a long history backwards yet yields it oldest first, or newest first on request', async () => {
      const { id, messageCount } = emulator.facts.sunshine.longConversation;
      const asc = [];
      for await (const message of client().messages.list(id)) asc.push(message);
      expect(asc).toHaveLength(messageCount);
      expect(new Set(asc.map((m) => m.id)).size).toBe(messageCount);
      expect([...asc.map((m) => m.sentAt)].sort()).toEqual(asc.map((m) => m.sentAt));
      const desc = [];
      for await (const message of client().messages.list(id, { order: 'desc' })) desc.push(message);
      expect(desc.map((m) => m.id)).toEqual(asc.map((m) => m.id).reverse());
    });

    it('creates, renames, messages with an uploaded image, and deletes a conversation (JWT auth)', async () => {
      const c = client({ sunshineAuth: 'jwt' });
      const userId = emulator.facts.sunshine.powerUser.id;
      const created = await c.conversations.create({
        type: 'personal',
        title: 'Refund',
        participants: [{ userId }],
      });
      const renamed = await c.conversations.update(created.id, {
        title: 'Refund #1042',
        metadata: { priority: 'high' },
      });
      expect(renamed).toMatchObject({ title: 'Refund #1042', metadata: { priority: 'high' } });
      const image = await c.media.upload({
        data: png,
        contentType: 'image/png',
        filename: 'label.png',
        conversationId: created.id,
      });
      expect(new Uint8Array(await (await fetch(image.url as string)).arrayBuffer())).toEqual(png);
      const sent = await c.messages.send(created.id, {
        text: 'Here is your label',
        media: [{ url: image.url as string, contentType: 'image/png' }],
      });
      expect(sent.author.role).toBe('agent');
      const page = await c.messages.list(created.id, { order: 'desc', limit: 10 });
      expect(page.items.map((m) => m.id)).toContain(sent.id);
      await c.conversations.delete(created.id);
      expect((await rejection(c.conversations.get(created.id))).code).toBe('not_found');
      expect(
        emulator.requests.every(
          (r) =>
            r.headers.authorization === undefined ||
            !r.headers.authorization.includes(emulator.sunshine.keySecret),
        ),
      ).toBe(true);
    });

    it('marks a conversation read as the business in one request: businessLastRead moves on', async () => {
      const id = emulator.facts.sunshine.groupConversationId;
      const c = client();
      const before = Date.parse(String((await c.conversations.get(id)).raw.businessLastRead ?? 0));
      await c.conversations.markRead(id);
      const after = Date.parse(String((await c.conversations.get(id)).raw.businessLastRead));
      expect(after).toBeGreaterThan(before);
      const activity = requestsTo(emulator, 'POST', /\/activity$/);
      expect(activity.map((r) => [r.status, r.body])).toEqual([
        [200, { type: 'conversation:read', author: { type: 'business' } }],
      ]);
    });

    it('refuses to delete a default conversation with the provider’s message', async () => {
      const error = await rejection(
        client().conversations.delete(emulator.facts.sunshine.defaultConversationId),
      );
      expect(error).toMatchObject({ code: 'invalid_request', status: 400, provider: 'sunshine' });
      expect(error.providerCode).toBeTruthy();
    });

    it('maps a wrong secret to unauthorized without echoing it', async () => {
      const error = await rejection(client({ keySecret: 'wrong-secret-123' }).conversations.get('x'));
      expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
      expect(JSON.stringify(error)).not.toContain('wrong-secret-123');
    });

    it('never sends a message or creates a conversation twice when the answer is lost', async () => {
      const id = emulator.facts.sunshine.groupConversationId;
      emulator.failNext({ kind: 'reset-after', match: { method: 'POST', path: /\/messages$/ } });
      expect((await rejection(client().messages.send(id, { text: 'once' }))).code).toBe('network');
      expect(requestsTo(emulator, 'POST', /\/messages$/)).toHaveLength(1);
      emulator.failNext({ kind: '500-after', match: { method: 'POST', path: /\/conversations$/ } });
      const userId = emulator.facts.sunshine.powerUser.id;
      expect(
        (await rejection(client().conversations.create({ type: 'personal', participants: [{ userId }] })))
          .code,
      ).toBe('unavailable');
      expect(requestsTo(emulator, 'POST', /\/conversations$/)).toHaveLength(1);
    });

    it('retries a send refused with 429, and reads through a 503 and a reset', async () => {
      const id = emulator.facts.sunshine.groupConversationId;
      emulator.failNext({
        kind: '429',
        retryAfterSeconds: 0,
        match: { method: 'POST', path: /\/messages$/ },
      });
      const sent = await client().messages.send(id, { text: 'after a 429' });
      expect(sent.text).toBe('after a 429');
      expect(requestsTo(emulator, 'POST', /\/messages$/)).toHaveLength(2);
      emulator.clearRequests();
      emulator.failNext({ kind: '503', match: { method: 'GET' } });
      emulator.failNext({ kind: 'reset', match: { method: 'GET' } });
      expect((await client().conversations.get(id)).id).toBe(id);
      // Both faults struck a read, and each read was retried until it succeeded.
      expect(
        emulator.requests
          .filter((r) => r.fault !== undefined)
          .map((r) => r.fault)
          .sort(),
      ).toEqual(['503', 'reset']);
      expect(emulator.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    });

    it('surfaces a held request as timeout', async () => {
      emulator.failNext({ kind: 'timeout', match: { provider: 'sunshine' } });
      const id = emulator.facts.sunshine.groupConversationId;
      const error = await rejection(client({ timeoutMs: 200, retry: { limit: 0 } }).conversations.get(id));
      expect(error).toMatchObject({ code: 'timeout', provider: 'sunshine', operation: 'conversations.get' });
    });
  });

describe('Sunshine under a random fault plan', () => {
  it('walks every conversation once despite 429s, 503s and resets on 30% of the reads', async () => {
    const { ids, expected, struck } = await listUnderFaultPlan('sunshine');
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    // The plan did strike: some requests failed and were retried.
    expect(struck).toBeGreaterThan(0);
  });
});
