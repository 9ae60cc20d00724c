import { afterAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './index.js';
import { list, obj, sc, uc } from './testing/http-helpers.js';

const started: Emulator[] = [];
afterAll(() => Promise.all(started.map((e) => e.close())));

async function start(seed: number, conversations?: number): Promise<Emulator> {
  const emu = await startEmulator({ seed, ...(conversations !== undefined ? { conversations } : {}) });
  started.push(emu);
  return emu;
}

async function snapshot(emu: Emulator): Promise<string> {
  const convs = obj((await uc(emu, 'GET', '/conversation/conversations?_limit=200')).body).conversations;
  const long = emu.facts.ultracart.longConversation.uuid;
  const messages = obj(
    (await uc(emu, 'GET', `/conversation/conversations/${long}/messages/0`)).body,
  ).conversation_messages;
  const scMessages = obj(
    (await sc(emu, 'GET', `/conversations/${emu.facts.sunshine.longConversation.id}/messages`)).body,
  );
  const all = JSON.stringify([
    emu.facts,
    convs,
    messages,
    list(scMessages.messages).map((m) => [m.id, m.received, m.content]),
  ]);
  // Seeded media URLs point at the emulator itself, whose port differs per run.
  return all.replaceAll(emu.url, 'http://emulator');
}

describe('seed data', () => {
  it('is the same for the same seed and different for another', async () => {
    const a = await snapshot(await start(42));
    const b = await snapshot(await start(42));
    const c = await snapshot(await start(43));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('looks like a real inbox: queues, agents, sms and webchat, transfers, long histories', async () => {
    const emu = await start(42);
    const f = emu.facts;
    expect(f.ultracart.queues.map((q) => q.name)).toEqual([
      'Sales',
      'Support',
      'Billing',
      'Returns',
      'Wholesale',
    ]);
    expect(f.ultracart.agents).toHaveLength(6);
    expect(f.ultracart.agent.name).toBe('Alex Rivera');
    expect(f.ultracart.longConversation.messageCount).toBeGreaterThan(250);
    expect(f.sunshine.powerUser).toMatchObject({ externalId: 'parley-power-user', conversationCount: 260 });
    expect(f.sunshine.longConversation.messageCount).toBeGreaterThan(250);
    const convs = list(
      obj((await uc(emu, 'GET', '/conversation/conversations?_limit=60')).body).conversations,
    );
    expect(new Set(convs.map((c) => c.medium))).toEqual(new Set(['sms', 'websocket']));
    const transferred = convs.find((c) => c.conversation_uuid === f.ultracart.transferredConversationUuid);
    expect(list(transferred?.participants).some((p) => p.left_dts !== undefined)).toBe(true);
  });

  it('seeds 100,000 conversations per provider and serves them', async () => {
    const before = process.memoryUsage().heapUsed;
    const emu = await start(1, 100_000);
    const grown = process.memoryUsage().heapUsed - before;
    expect(emu.facts.ultracart.conversationCount).toBe(100_000);
    const last = obj((await uc(emu, 'GET', '/conversation/conversations?_limit=200&_offset=99900')).body);
    expect(list(last.conversations)).toHaveLength(100);
    expect(obj(obj(last.metadata).result_set)).toMatchObject({ more: false, total_records: 100_000 });
    // Sanity, not a benchmark: the compact store should stay far below a gigabyte.
    expect(grown).toBeLessThan(600 * 1024 * 1024);
  });
});
