import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../index.js';
import { list, obj, uc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';
import { ultracartDate } from '../time.js';

const spec = specValidator('ultracart');
const emulators: Emulator[] = [];
afterEach(async () => {
  for (const emu of emulators.splice(0)) await emu.close();
});

async function start(seed = 7, conversations = 150): Promise<Emulator> {
  const emu = await startEmulator({ seed, conversations });
  emulators.push(emu);
  return emu;
}

/** A spec-checked UltraCart GET. */
async function get(emu: Emulator, path: string): Promise<Record<string, unknown>> {
  const answer = await uc(emu, 'GET', path);
  expect(answer.status).toBe(200);
  expect(spec.response('GET', `/rest/v2${path}`, answer.status, answer.body)).toEqual([]);
  return obj(answer.body);
}

const conversation = async (emu: Emulator, uuid: string, limit = 5) =>
  obj((await get(emu, `/conversation/conversations/${uuid}?limit=${limit}`)).conversation);
const since = async (emu: Emulator, uuid: string, epoch: number) =>
  list((await get(emu, `/conversation/conversations/${uuid}/messages/${epoch}`)).conversation_messages);
const page = async (emu: Emulator, query: string) => {
  const body = await get(emu, `/conversation/conversations?${query}`);
  return { items: list(body.conversations), resultSet: obj(obj(body.metadata).result_set) };
};

describe('UltraCart inbound activity: a customer message', () => {
  it('moves the conversation as UltraCart shows it and comes back from messages/{since}', async () => {
    const emu = await start();
    const uuid = emu.facts.ultracart.joinedConversationUuid;
    const before = await conversation(emu, uuid);
    const me = emu.facts.ultracart.agent.arn;
    const agentUnread = (c: Record<string, unknown>) =>
      list(c.participants).find((p) => p.conversation_participant_arn === me && p.status === 'active')
        ?.unread_messages;
    const unreadBefore = Number(agentUnread(before));

    const sent = emu.ultracart.activity.customerMessage(uuid, 'Is my order on its way?');
    expect(sent).toMatchObject({ conversationUuid: uuid, body: 'Is my order on its way?' });
    expect(sent.messageDts).toBe(ultracartDate(sent.messageEpoch));
    expect(sent.sentAt).toBe(new Date(sent.messageEpoch).toISOString());
    expect(Math.abs(sent.messageEpoch - Date.now())).toBeLessThan(5_000);

    const after = await conversation(emu, uuid);
    expect(after.message_count).toBe(Number(before.message_count) + 1);
    expect(after.last_message_dts).toBe(sent.messageDts);
    expect(after.last_interactive_message_dts).toBe(sent.messageDts);
    expect(after.last_conversation_message_body).toBe('Is my order on its way?');
    expect(after.last_conversation_participant_arn).toBe(sent.authorArn);
    expect(after.unread_messages).toBe(true);
    expect(agentUnread(after)).toBe(unreadBefore + 1);
    const customer = list(after.participants).find((p) => p.conversation_participant_arn === sent.authorArn);
    expect(customer?.last_message_dts).toBe(sent.messageDts);
    const newest = list(after.messages).at(-1);
    expect(newest).toMatchObject({
      conversation_message_uuid: sent.messageUuid,
      message_epoch: sent.messageEpoch,
      body: 'Is my order on its way?',
      author_conversation_participant_arn: sent.authorArn,
      author_conversation_participant_name: sent.authorName,
    });

    // The poller's view: everything after the last seen epoch, and nothing at or after it.
    const fresh = await since(emu, uuid, sent.messageEpoch - 1);
    expect(fresh.map((m) => m.conversation_message_uuid)).toEqual([sent.messageUuid]);
    expect(await since(emu, uuid, sent.messageEpoch)).toEqual([]);
    // The summary in the list, first now.
    const { items } = await page(emu, '_limit=3');
    expect(items[0]?.conversation_uuid).toBe(uuid);
    expect(items[0]?.message_count).toBe(after.message_count);
    expect(items[0]?.unread_messages).toBe(true);
    // markread clears it again.
    expect((await uc(emu, 'PUT', `/conversation/conversations/${uuid}/markread`)).status).toBe(204);
    expect((await conversation(emu, uuid)).unread_messages).toBe(false);
  });

  it('keeps `since` exact when several messages share a millisecond', async () => {
    const emu = await start();
    const uuid = emu.facts.ultracart.webchatConversationUuid;
    const first = emu.ultracart.activity.customerMessage(uuid, 'one');
    const second = emu.ultracart.activity.customerMessage(uuid, 'two', { at: first.messageEpoch });
    const third = emu.ultracart.activity.customerMessage(uuid, 'three', { at: first.messageEpoch });
    // Never earlier than the last message: an `at` in the past moves forward.
    const fourth = emu.ultracart.activity.customerMessage(uuid, 'four', { at: first.messageEpoch - 60_000 });
    expect(second.messageEpoch).toBe(first.messageEpoch);
    expect(third.messageEpoch).toBe(first.messageEpoch);
    expect(fourth.messageEpoch).toBe(first.messageEpoch);
    const later = emu.ultracart.activity.customerMessage(uuid, 'five', { at: first.messageEpoch + 1 });
    expect(later.messageEpoch).toBe(first.messageEpoch + 1);

    const shared = await since(emu, uuid, first.messageEpoch - 1);
    expect(shared.map((m) => m.body)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect((await since(emu, uuid, first.messageEpoch)).map((m) => m.body)).toEqual(['five']);
    // Paged by `limit` with pages ending inside a shared millisecond, a careful poller (last epoch
    // minus one, drop repeats) loses and repeats nothing.
    const other = emu.facts.ultracart.smsConversationUuid;
    const t = first.messageEpoch + 10;
    const burst = [t, t, t + 1, t + 1, t + 2].map((at, i) =>
      emu.ultracart.activity.customerMessage(other, `burst ${i}`, { at }),
    );
    const seen: string[] = [];
    let from = t - 1;
    for (let guard = 0; guard < 10; guard++) {
      const batch = list(
        (await get(emu, `/conversation/conversations/${other}/messages/${from}?limit=3`))
          .conversation_messages,
      );
      const fresh = batch.filter((m) => !seen.includes(String(m.conversation_message_uuid)));
      if (fresh.length === 0) break;
      seen.push(...fresh.map((m) => String(m.conversation_message_uuid)));
      from = Number(batch.at(-1)?.message_epoch) - 1;
    }
    expect(seen).toEqual(burst.map((m) => m.messageUuid));
  });

  it('picks a recent open conversation by default, reopens a closed one, and is seeded', async () => {
    const emu = await start();
    const twin = await start();
    const a = emu.ultracart.activity.customerMessage();
    const b = twin.ultracart.activity.customerMessage();
    expect(b.conversationUuid).toBe(a.conversationUuid);
    expect(b.body).toBe(a.body);
    expect(a.body.length).toBeGreaterThan(0);
    expect((await conversation(emu, a.conversationUuid)).closed).toBe(false);

    const { items } = await page(emu, '_limit=200');
    const closed = items.find((c) => c.closed === true);
    expect(closed).toBeDefined();
    const uuid = String(closed?.conversation_uuid);
    emu.ultracart.activity.customerMessage(uuid, 'Hello again');
    const reopened = await conversation(emu, uuid);
    expect(reopened.closed).toBe(false);
    const customerWasLast = String(closed?.last_conversation_participant_arn).includes('/customer/');
    expect(reopened.customer_first_message_unresponded_to_dts).toBe(
      customerWasLast ? closed?.last_message_dts : reopened.last_message_dts,
    );
    expect(() => emu.ultracart.activity.customerMessage('no-such-conversation')).toThrow(/does not exist/);
  });

  it('keeps the first unanswered customer message when the customer writes again', async () => {
    const emu = await start();
    const { conversationUuid: uuid, message: first } = emu.ultracart.activity.newConversation(
      undefined,
      'hello?',
    );
    emu.ultracart.activity.customerMessage(uuid, 'anyone there?', { at: first.messageEpoch + 2_000 });
    const conv = await conversation(emu, uuid);
    expect(conv.customer_first_message_unresponded_to_dts).toBe(first.messageDts);
    expect(conv.last_message_dts).toBe(ultracartDate(first.messageEpoch + 2_000));
    expect(conv.message_count).toBe(2);
  });
});

describe('UltraCart inbound activity: a new conversation', () => {
  it('appears first in the list with its first message, and waits in the queue until joined', async () => {
    const emu = await start();
    const total = Number((await page(emu, '_limit=1')).resultSet.total_records);
    const started = emu.ultracart.activity.newConversation('Support', 'Do you ship to Canada?');
    expect(started).toMatchObject({ queue: 'Support', medium: 'websocket' });
    expect(started.message).toMatchObject({
      conversationUuid: started.conversationUuid,
      body: 'Do you ship to Canada?',
    });
    expect(started.startEpoch).toBe(started.message.messageEpoch);

    const { items, resultSet } = await page(emu, '_limit=2');
    expect(resultSet.total_records).toBe(total + 1);
    const summary = items[0];
    expect(summary).toMatchObject({
      conversation_uuid: started.conversationUuid,
      conversation_arn: started.conversationArn,
      medium: 'websocket',
      closed: false,
      message_count: 1,
      unread_messages: true,
      last_conversation_message_body: 'Do you ship to Canada?',
      last_conversation_participant_arn: started.customer.arn,
      start_dts: ultracartDate(started.startEpoch),
      customer_first_message_unresponded_to_dts: ultracartDate(started.startEpoch),
    });
    expect(list(summary?.participants).map((p) => p.conversation_participant_name)).toEqual([
      started.customer.name,
    ]);
    const messages = await since(emu, started.conversationUuid, 0);
    expect(messages.map((m) => m.conversation_message_uuid)).toEqual([started.message.messageUuid]);

    const support = async () =>
      list((await get(emu, '/conversation/conversations/queues/statuses')).queue_statuses).find(
        (q) => q.queue_name === 'Support',
      );
    const waiting = list((await support())?.queue_entries);
    expect(waiting.at(-1)).toMatchObject({
      conversation_participant_arn: started.customer.arn,
      question: 'Do you ship to Canada?',
    });
    expect(
      (await uc(emu, 'PUT', `/conversation/conversations/${started.conversationUuid}/join`, {})).status,
    ).toBe(204);
    expect(
      list((await support())?.queue_entries).some(
        (e) => e.conversation_participant_arn === started.customer.arn,
      ),
    ).toBe(false);
    const joined = await conversation(emu, started.conversationUuid);
    expect(list(joined.participants).map((p) => p.conversation_participant_arn)).toContain(
      emu.facts.ultracart.agent.arn,
    );
  });

  it('takes a queue uuid or a random queue, sms too, newest first; unknown queues throw', async () => {
    const emu = await start();
    const queue = emu.facts.ultracart.queues[2];
    const byUuid = emu.ultracart.activity.newConversation(queue?.uuid);
    expect(byUuid.queue).toBe(queue?.name);
    const sms = emu.ultracart.activity.newConversation(undefined, undefined, { medium: 'sms' });
    expect(emu.facts.ultracart.queues.map((q) => q.name)).toContain(sms.queue);
    const { items } = await page(emu, '_limit=2');
    expect(items.map((c) => c.conversation_uuid)).toEqual([sms.conversationUuid, byUuid.conversationUuid]);
    expect(items[0]?.medium).toBe('sms');
    expect(list(items[0]?.participants)[0]?.sms_phone_number).toMatch(/^\+1555\d{7}$/);
    const filtered = await page(emu, 'medium=sms&_limit=1');
    expect(filtered.items[0]?.conversation_uuid).toBe(sms.conversationUuid);
    expect(() => emu.ultracart.activity.newConversation('Nope')).toThrow(RangeError);
  });
});

describe('UltraCart list order after activity', () => {
  it('pages every conversation exactly once, latest message first, whatever moved', async () => {
    const emu = await start(7, 150);
    const seededOrder = (await page(emu, '_limit=200')).items.map((c) => String(c.conversation_uuid));
    expect(seededOrder).toHaveLength(150);
    // Move seeded conversations at scattered positions, and start new ones in between.
    const movedOrder: string[] = [];
    let at = Date.now();
    for (const index of [37, 0, 5, 149, 6, 100]) {
      const uuid = seededOrder[index] ?? '';
      emu.ultracart.activity.customerMessage(uuid, `moved ${index}`, { at: at++ });
      movedOrder.unshift(uuid);
      if (index === 5)
        movedOrder.unshift(
          emu.ultracart.activity.newConversation(undefined, 'new', { at: at++ }).conversationUuid,
        );
    }
    // Moving one again puts it first again.
    emu.ultracart.activity.customerMessage(seededOrder[37] ?? '', 'again', { at: at++ });
    movedOrder.splice(movedOrder.indexOf(seededOrder[37] ?? ''), 1);
    movedOrder.unshift(seededOrder[37] ?? '');
    const expected = [...movedOrder, ...seededOrder.filter((uuid) => !movedOrder.includes(uuid))];
    expect(expected).toHaveLength(151);

    for (const size of [1, 7, 50]) {
      const paged: string[] = [];
      for (let offset = 0; ; offset += size) {
        const { items, resultSet } = await page(emu, `_limit=${size}&_offset=${offset}`);
        paged.push(...items.map((c) => String(c.conversation_uuid)));
        expect(resultSet.total_records).toBe(151);
        if (!resultSet.more) break;
      }
      expect(paged).toEqual(expected);
    }
    // `before` (an instant) keeps the same order.
    const cut = (await page(emu, '_limit=200')).items[3];
    const older = await page(emu, `_limit=200&before=${encodeURIComponent(String(cut?.last_message_dts))}`);
    const lastMs = older.items.map((c) => Date.parse(String(c.last_message_dts)));
    expect([...lastMs].sort((x, y) => y - x)).toEqual(lastMs);
  });
});
