import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../index.js';
import { list, obj, uc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';

const spec = specValidator('ultracart');
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: 7, conversations: 250 });
});
afterAll(() => emu.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string | undefined>,
) {
  const answer = await uc(emu, method, path, body, headers);
  expect(spec.response(method, `/rest/v2${path}`, answer.status, answer.body)).toEqual([]);
  expect(answer.headers.get('x-ultracart-request-id')).toMatch(/^[0-9A-F]{31}$/);
  return answer;
}

describe('UltraCart auth and headers', () => {
  it('requires the version header (400) and a valid key (401), with UC-REST-ERROR', async () => {
    const noVersion = await call('GET', '/conversation/conversations', undefined, {
      'X-UltraCart-Api-Version': undefined,
    });
    expect(noVersion.status).toBe(400);
    expect(noVersion.headers.get('uc-rest-error')).toMatch(/X-UltraCart-Api-Version/);
    expect(obj(obj(noVersion.body).error).developer_message).toMatch(/2017-03-01/);
    const noKey = await call('GET', '/conversation/conversations', undefined, {
      'x-ultracart-simple-key': undefined,
    });
    expect(noKey.status).toBe(401);
    const wrong = await call('GET', '/conversation/conversations', undefined, {
      'x-ultracart-simple-key': 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('uc-rest-error')).toBeTruthy();
    expect(obj(wrong.body).success).toBe(false);
  });

  it('accepts Authorization: Bearer with the access token and redacts credentials in the log', async () => {
    const bearer = await call('GET', '/conversation/agent/keepalive', undefined, {
      'x-ultracart-simple-key': undefined,
      authorization: `Bearer ${emu.ultracart.accessToken}`,
    });
    expect(bearer.status).toBe(204);
    const bad = await call('GET', '/conversation/agent/keepalive', undefined, {
      'x-ultracart-simple-key': undefined,
      authorization: 'Bearer forged',
    });
    expect(bad.status).toBe(401);
    const logged = JSON.stringify(emu.requests);
    expect(logged).not.toContain(emu.ultracart.apiKey);
    expect(logged).not.toContain(emu.ultracart.accessToken);
  });
});

describe('UltraCart errors', () => {
  it('answers 404 for an unknown conversation whose id is not ASCII, in the ErrorResponse shape', async () => {
    const answer = await call('GET', `/conversation/conversations/${encodeURIComponent('nøt-hére-😀')}`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('uc-rest-error')).toMatch(/^[\x20-\x7e]+$/);
    expect(obj(answer.body).success).toBe(false);
  });
});

describe('UltraCart conversations', () => {
  it('pages with _limit/_offset and metadata.result_set, newest first', async () => {
    const seen: string[] = [];
    let offset = 0;
    let pages = 0;
    for (;;) {
      const page = await call('GET', `/conversation/conversations?_limit=60&_offset=${offset}`);
      const body = obj(page.body);
      expect(body.success).toBe(true);
      const rs = obj(obj(body.metadata).result_set);
      const items = list(body.conversations);
      expect(rs).toMatchObject({ count: items.length, limit: 60, offset, total_records: 250 });
      seen.push(...items.map((c) => String(c.conversation_uuid)));
      pages++;
      if (!rs.more) break;
      offset = Number(rs.next_offset);
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(250);
    expect(seen.slice(0, 10)).toEqual(emu.facts.ultracart.newestConversationUuids);
  });

  it('defaults _limit to 100, caps it at 200 and filters by medium', async () => {
    const first = obj((await call('GET', '/conversation/conversations')).body);
    expect(list(first.conversations)).toHaveLength(100);
    const capped = obj((await call('GET', '/conversation/conversations?_limit=500')).body);
    expect(list(capped.conversations)).toHaveLength(200);
    const sms = list(
      obj((await call('GET', '/conversation/conversations?medium=sms&_limit=200')).body).conversations,
    );
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.every((c) => c.medium === 'sms')).toBe(true);
  });

  it('returns a conversation with participants and its most recent messages; dates carry an offset', async () => {
    const { uuid, messageCount } = emu.facts.ultracart.longConversation;
    const res = await call('GET', `/conversation/conversations/${uuid}?limit=20`);
    const conv = obj(obj(res.body).conversation);
    expect(conv.message_count).toBe(messageCount);
    expect(list(conv.messages)).toHaveLength(20);
    expect(String(conv.start_dts)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
    expect(list(conv.participants).length).toBeGreaterThanOrEqual(2);
    const missing = await call('GET', '/conversation/conversations/00000000-0000-4000-a000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('returns messages after `since`, capped at `limit`, with shared milliseconds', async () => {
    const { uuid, messageCount } = emu.facts.ultracart.longConversation;
    const all: Record<string, unknown>[] = [];
    let since = 0;
    // Poll the way a careful client does: re-ask from the last epoch minus one and drop repeats.
    for (let guard = 0; guard < 50; guard++) {
      const res = await call('GET', `/conversation/conversations/${uuid}/messages/${since}?limit=100`);
      const batch = list(obj(res.body).conversation_messages);
      expect(batch.length).toBeLessThanOrEqual(100);
      const fresh = batch.filter(
        (m) => !all.some((x) => x.conversation_message_uuid === m.conversation_message_uuid),
      );
      if (fresh.length === 0) break;
      all.push(...fresh);
      since = Number(batch[batch.length - 1]?.message_epoch) - 1;
    }
    expect(all).toHaveLength(messageCount);
    const epochs = all.map((m) => Number(m.message_epoch));
    expect([...epochs].sort((a, b) => a - b)).toEqual(epochs);
    expect(new Set(epochs).size).toBeLessThan(epochs.length);
    const after = list(
      obj((await call('GET', `/conversation/conversations/${uuid}/messages/${epochs[10]}`)).body)
        .conversation_messages,
    );
    expect(after.every((m) => Number(m.message_epoch) > (epochs[10] ?? 0))).toBe(true);
  });
});

describe('UltraCart state changes', () => {
  it('start, join, leave and markread change later reads', async () => {
    const { agent, queues } = emu.facts.ultracart;
    const started = await call('PUT', '/conversation/conversations', {
      add_conversation_participant_arns: ['arn:ultracart:conversation:DEMO:participant/customer/abc'],
      conversation_webchat_queue_uuid: queues[0]?.uuid,
    });
    expect(started.status).toBe(200);
    const conv = obj(obj(started.body).conversation);
    const uuid = String(conv.conversation_uuid);
    const newest = list(obj((await call('GET', '/conversation/conversations?_limit=1')).body).conversations);
    expect(newest[0]?.conversation_uuid).toBe(uuid);

    const target = emu.facts.ultracart.notJoinedConversationUuid;
    const activeAgent = async () =>
      list(
        obj(obj((await call('GET', `/conversation/conversations/${target}`)).body).conversation).participants,
      ).filter((p) => p.conversation_participant_arn === agent.arn && p.left_dts === undefined);
    expect(await activeAgent()).toHaveLength(0);
    expect((await call('PUT', `/conversation/conversations/${target}/join`, {})).status).toBe(204);
    expect(await activeAgent()).toHaveLength(1);
    expect((await call('DELETE', `/conversation/conversations/${target}/leave`)).status).toBe(204);
    expect(await activeAgent()).toHaveLength(0);

    const unread = list(
      obj((await call('GET', '/conversation/conversations?_limit=200')).body).conversations,
    ).find((c) => c.unread_messages === true);
    expect(unread).toBeDefined();
    await call('PUT', `/conversation/conversations/${String(unread?.conversation_uuid)}/markread`);
    const after = obj(
      obj((await call('GET', `/conversation/conversations/${String(unread?.conversation_uuid)}`)).body)
        .conversation,
    );
    expect(after.unread_messages).toBe(false);
  });

  it('queue status updates show in queue statuses; bad status is 400', async () => {
    const { agent } = emu.facts.ultracart;
    expect(
      (await call('PUT', '/conversation/conversations/queues/Support/status', { agent_status: 'busy' }))
        .status,
    ).toBe(204);
    const statuses = list(
      obj((await call('GET', '/conversation/conversations/queues/statuses')).body).queue_statuses,
    );
    const support = statuses.find((q) => q.queue_name === 'Support');
    const me = list(support?.agents).find((a) => a.conversation_participant_arn === agent.arn);
    expect(me?.agent_status).toBe('busy');
    expect(list(support?.queue_entries).length).toBe(3);
    expect(
      (await call('PUT', '/conversation/conversations/queues/Support/status', { agent_status: 'asleep' }))
        .status,
    ).toBe(400);
    expect(
      (await call('PUT', '/conversation/conversations/queues/Nope/status', { agent_status: 'busy' })).status,
    ).toBe(404);
  });

  it('agent auth, context and keepalive answer as in the reference', async () => {
    const auth = obj(obj((await call('PUT', '/conversation/agent/auth')).body).agent_auth);
    expect(auth.conversation_participant_arn).toBe(emu.facts.ultracart.agent.arn);
    expect(String(auth.websocket_url)).toMatch(/^ws:\/\//);
    const ctx = await call(
      'PUT',
      `/conversation/conversations/${emu.facts.ultracart.webchatConversationUuid}/context`,
    );
    expect(obj(ctx.body).current_url).toBeTruthy();
  });
});

describe('UltraCart presigned upload', () => {
  it('answers 400 InvalidURI, not a 500, for a key with a malformed escape', async () => {
    const res = await fetch(`${emu.url}/uploads/%ZZ`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidURI</Code>');
  });

  it('hands out a URL on the emulator that takes a credential-free PUT and then serves the file', async () => {
    const res = await call('GET', '/conversation/upload_url/png');
    const { key, url } = obj(obj(res.body).conversation_multimedia_upload_url);
    expect(String(key)).toMatch(/\.png$/);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const withKey = await fetch(String(url), {
      method: 'PUT',
      body: bytes,
      headers: { 'x-ultracart-simple-key': emu.ultracart.apiKey },
    });
    expect(withKey.status).toBe(400);
    const put = await fetch(String(url), {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'image/png' },
    });
    expect(put.status).toBe(200);
    const got = await fetch(String(url).split('?')[0] ?? '');
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    // Changes the signature's first character, whatever it is (a fixed one would match it sometimes).
    const tamperedUrl = String(url).replace(
      /signature=(\w)/,
      (_, c: string) => `signature=${c === '0' ? '1' : '0'}`,
    );
    const tampered = await fetch(tamperedUrl, {
      method: 'PUT',
      body: bytes,
    });
    expect(tampered.status).toBe(403);
    expect((await call('GET', '/conversation/upload_url/p.ng')).status).toBe(400);
  });
});
