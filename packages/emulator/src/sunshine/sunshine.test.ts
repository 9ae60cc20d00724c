import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, signSunshineJwt, startEmulator } from '../index.js';
import { list, obj, sc } from '../testing/http-helpers.js';
import { specValidator } from '../testing/spec-validator.js';

const spec = specValidator('sunshine');
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
});
afterAll(() => emu.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string | undefined>,
) {
  const answer = await sc(emu, method, path, body, headers);
  const fullPath = `/sc/v2/apps/${emu.sunshine.appId}${path}`;
  expect(spec.response(method, fullPath, answer.status, answer.body)).toEqual([]);
  return answer;
}

function errorCode(body: unknown): unknown {
  return list(obj(body).errors)[0]?.code;
}

describe('Sunshine auth', () => {
  const path = () => `/conversations/${emu.facts.sunshine.defaultConversationId}`;

  it('accepts basic auth and an HS256 JWT with kid and scope', async () => {
    expect((await call('GET', path())).status).toBe(200);
    const jwt = emu.sunshineJwt({ scope: 'app', exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await call('GET', path(), undefined, { authorization: `Bearer ${jwt}` })).status).toBe(200);
  });

  it('refuses missing, wrong, forged, expired and wrong-kid credentials with 401 {errors}', async () => {
    const creds = { keyId: emu.sunshine.keyId, keySecret: emu.sunshine.keySecret };
    const cases: (string | undefined)[] = [
      undefined,
      `Basic ${Buffer.from(`${emu.sunshine.keyId}:wrong`).toString('base64')}`,
      `Bearer ${signSunshineJwt({ ...creds, keySecret: 'other-secret' })}`,
      `Bearer ${signSunshineJwt(creds, { scope: 'app', exp: Math.floor(Date.now() / 1000) - 10 })}`,
      `Bearer ${signSunshineJwt({ ...creds, keyId: 'app_someoneelse' })}`,
      `Bearer ${signSunshineJwt(creds, {})}`,
    ];
    for (const authorization of cases) {
      const res = await call('GET', path(), undefined, { authorization });
      expect(res.status).toBe(401);
      expect(errorCode(res.body)).toBe('unauthorized');
    }
  });

  it('refuses another app id with 403', async () => {
    const basic = `Basic ${Buffer.from(`${emu.sunshine.keyId}:${emu.sunshine.keySecret}`).toString('base64')}`;
    const res = await fetch(`${emu.sunshine.baseUrl}/v2/apps/000000000000000000000000${path()}`, {
      headers: { authorization: basic },
    });
    expect(res.status).toBe(403);
  });

  it('serves the same API under /v2/apps without the /sc prefix', async () => {
    const basic = `Basic ${Buffer.from(`${emu.sunshine.keyId}:${emu.sunshine.keySecret}`).toString('base64')}`;
    const res = await fetch(`${emu.url}/v2/apps/${emu.sunshine.appId}${path()}`, {
      headers: { authorization: basic },
    });
    expect(res.status).toBe(200);
  });
});

describe('Sunshine conversation listing', () => {
  it('needs exactly one of filter[userId] / filter[userExternalId]', async () => {
    const user = emu.facts.sunshine.users[0];
    expect((await call('GET', '/conversations')).status).toBe(400);
    const both = await call(
      'GET',
      `/conversations?filter[userId]=${user?.id}&filter[userExternalId]=${user?.externalId}`,
    );
    expect(both.status).toBe(400);
    expect((await call('GET', '/conversations?filter[userExternalId]=nobody')).status).toBe(404);
  });

  it('pages the power user through 260 conversations with afterCursor, and back with beforeCursor', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const query = `filter[userExternalId]=parley-power-user&page[size]=100${after ? `&page[after]=${after}` : ''}`;
      const body = obj((await call('GET', `/conversations?${query}`)).body);
      ids.push(...list(body.conversations).map((c) => String(c.id)));
      const meta = obj(body.meta);
      after = meta.hasMore ? String(meta.afterCursor) : undefined;
      if (after) expect(String(obj(body.links).next)).toContain(`page[after]=${after}`);
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(emu.facts.sunshine.powerUser.conversationCount);
    const before = obj(
      (
        await call(
          'GET',
          `/conversations?filter[userId]=${emu.facts.sunshine.powerUser.id}&page[before]=${ids[30]}&page[size]=10`,
        )
      ).body,
    );
    expect(list(before.conversations).map((c) => c.id)).toEqual(ids.slice(20, 30));
    expect(obj(before.meta).hasMore).toBe(true);
  });

  it('enforces the cursor rules', async () => {
    const base = '/conversations?filter[userExternalId]=parley-power-user';
    const id = emu.facts.sunshine.defaultConversationId;
    for (const q of [
      `&page[after]=${id}&page[before]=${id}`,
      '&page[size]=0',
      '&page[size]=101',
      '&page[after]=short',
    ]) {
      const res = await call('GET', base + q);
      expect(res.status).toBe(400);
      expect(errorCode(res.body)).toBe('bad_request');
    }
    expect(list(obj((await call('GET', base)).body).conversations)).toHaveLength(25);
  });
});

describe('Sunshine conversation lifecycle', () => {
  it('creates, gets, updates and deletes; the default conversation cannot be deleted', async () => {
    const user = emu.facts.sunshine.users[1];
    const created = await call('POST', '/conversations', {
      type: 'personal',
      displayName: 'Order 1001',
      metadata: { order: 1001, vip: true },
      participants: [{ userExternalId: user?.externalId }],
    });
    expect(created.status).toBe(201);
    const conv = obj(obj(created.body).conversation);
    expect(conv).toMatchObject({ type: 'personal', isDefault: false, displayName: 'Order 1001' });
    const id = String(conv.id);
    const patched = await call('PATCH', `/conversations/${id}`, {
      description: 'Shipping',
      displayName: null,
    });
    expect(obj(obj(patched.body).conversation).description).toBe('Shipping');
    expect(obj(obj(patched.body).conversation).displayName).toBeUndefined();
    expect((await call('PATCH', `/conversations/${id}`, { metadata: { nested: { a: 1 } } })).status).toBe(
      400,
    );
    expect((await call('DELETE', `/conversations/${id}`)).status).toBe(200);
    expect((await call('GET', `/conversations/${id}`)).status).toBe(404);
    const def = await call('DELETE', `/conversations/${emu.facts.sunshine.defaultConversationId}`);
    expect(def.status).toBe(400);
    expect(errorCode(def.body)).toBe('bad_request');
  });

  it('joins, lists and removes participants of an sdkGroup conversation', async () => {
    const id = emu.facts.sunshine.groupConversationId;
    const before = list(obj((await call('GET', `/conversations/${id}/participants`)).body).participants);
    const outsider = emu.facts.sunshine.users.find((u) => !before.some((p) => p.userId === u.id));
    const joined = await call('POST', `/conversations/${id}/join`, {
      userId: outsider?.id,
      subscribeSDKClient: false,
    });
    expect(joined.status).toBe(201);
    const after = list(obj((await call('GET', `/conversations/${id}/participants`)).body).participants);
    expect(after).toHaveLength(before.length + 1);
    expect(
      (await call('POST', `/conversations/${id}/leave`, { userExternalId: outsider?.externalId })).status,
    ).toBe(200);
    expect(
      (await call('POST', `/conversations/${id}/leave`, { userExternalId: outsider?.externalId })).status,
    ).toBe(404);
    const personal = emu.facts.sunshine.defaultConversationId;
    expect((await call('POST', `/conversations/${personal}/join`, { userId: outsider?.id })).status).toBe(
      400,
    );
  });
});

describe('Sunshine messages', () => {
  it('lists newest page first, 100 per page, and pages backwards to the start', async () => {
    const { id, messageCount } = emu.facts.sunshine.longConversation;
    const pages: Record<string, unknown>[][] = [];
    let before: string | undefined;
    do {
      const body = obj(
        (await call('GET', `/conversations/${id}/messages${before ? `?page[before]=${before}` : ''}`)).body,
      );
      pages.push(list(body.messages));
      const meta = obj(body.meta);
      before = meta.hasMore ? String(meta.beforeCursor) : undefined;
    } while (before);
    expect(pages[0]).toHaveLength(100);
    const all = pages.reverse().flat();
    expect(all).toHaveLength(messageCount);
    const times = all.map((m) => String(m.received));
    expect([...times].sort()).toEqual(times);
    const forward = obj(
      (await call('GET', `/conversations/${id}/messages?page[after]=${String(all[0]?.id)}`)).body,
    );
    expect(list(forward.messages).map((m) => m.id)).toEqual(all.slice(1, 101).map((m) => m.id));
    expect(obj(forward.meta).hasMore).toBe(true);
  });

  it('posts, deletes one and deletes all messages', async () => {
    const id = emu.facts.sunshine.deletableConversationId;
    const posted = await call('POST', `/conversations/${id}/messages`, {
      author: { type: 'business', displayName: 'Parley' },
      content: { type: 'text', text: 'Hello from the test' },
      metadata: { ref: 'abc' },
    });
    expect(posted.status).toBe(201);
    const message = list(obj(posted.body).messages)[0];
    const newest = list(obj((await call('GET', `/conversations/${id}/messages`)).body).messages);
    expect(newest.at(-1)?.id).toBe(message?.id);
    expect(
      (await call('POST', `/conversations/${id}/messages`, { author: { type: 'business' } })).status,
    ).toBe(400);
    expect((await call('DELETE', `/conversations/${id}/messages/${String(message?.id)}`)).status).toBe(200);
    expect((await call('DELETE', `/conversations/${id}/messages`)).status).toBe(200);
    expect(list(obj((await call('GET', `/conversations/${id}/messages`)).body).messages)).toHaveLength(0);
  });

  it('records conversation:read from the business and rejects typing from a user', async () => {
    const id = emu.facts.sunshine.deletableConversationId;
    const read = await call('POST', `/conversations/${id}/activity`, {
      author: { type: 'business' },
      type: 'conversation:read',
    });
    expect(read.status).toBe(200);
    const conv = obj(obj((await call('GET', `/conversations/${id}`)).body).conversation);
    expect(Date.now() - Date.parse(String(conv.businessLastRead))).toBeLessThan(60_000);
    const typing = await call('POST', `/conversations/${id}/activity`, {
      author: { type: 'user', userId: emu.facts.sunshine.users[0]?.id },
      type: 'typing:start',
    });
    expect(typing.status).toBe(400);
  });
});

describe('Sunshine attachments', () => {
  it('takes a multipart upload with a source part and serves it at mediaUrl', async () => {
    const form = new FormData();
    form.append('source', new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' }), 'dot.png');
    const basic = `Basic ${Buffer.from(`${emu.sunshine.keyId}:${emu.sunshine.keySecret}`).toString('base64')}`;
    const res = await fetch(
      `${emu.sunshine.baseUrl}/v2/apps/${emu.sunshine.appId}/attachments?access=public&for=message`,
      {
        method: 'POST',
        body: form,
        headers: { authorization: basic },
      },
    );
    expect(res.status).toBe(201);
    const body: unknown = await res.json();
    expect(spec.response('POST', `/sc/v2/apps/x/attachments`, 201, body)).toEqual([]);
    const attachment = obj(obj(body).attachment);
    expect(attachment.mediaType).toBe('image/png');
    const file = await fetch(String(attachment.mediaUrl));
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    const wrongPart = new FormData();
    wrongPart.append('file', new Blob(['x']), 'x.txt');
    const bad = await fetch(
      `${emu.sunshine.baseUrl}/v2/apps/${emu.sunshine.appId}/attachments?access=public`,
      {
        method: 'POST',
        body: wrongPart,
        headers: { authorization: basic },
      },
    );
    expect(bad.status).toBe(400);
    const removed = await call('POST', '/attachments/remove', { mediaUrl: attachment.mediaUrl });
    expect(removed.status).toBe(200);
    expect((await fetch(String(attachment.mediaUrl))).status).toBe(404);
  });
});
