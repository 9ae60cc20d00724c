import { ConversationError, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSunshineTour, tinyPng } from './run.js';

const appPath = '/sc/v2/apps/5d8cff3cd55b040010928b5b';
const cid = '67a0ecf8f0305f4a391e9db1';
const userId = '67179a2930a150d5adc4d51f';
const conversation = { id: cid, type: 'personal', isDefault: false, createdAt: '2025-02-03T16:21:12.308Z' };
const participants = {
  participants: [{ id: 'p1', userId, unreadCount: 0, clientAssociations: [] }],
  meta: { hasMore: false },
};
const mediaUrl = 'https://acme.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/parley.png';

function client() {
  return createConversations({
    adapters: [sunshine],
    config: {
      provider: 'sunshine',
      sunshine: {
        appId: '5d8cff3cd55b040010928b5b',
        keyId: 'app_1',
        keySecret: 'example-secret',
        subdomain: 'acme',
      },
      retry: { limit: 0 },
    },
  });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('runSunshineTour', () => {
  it('creates, renames, uploads, sends, pages and deletes', async () => {
    const api = nock('https://acme.zendesk.com');
    api
      .post(`${appPath}/conversations`, {
        type: 'personal',
        participants: [{ userId }],
        displayName: 'Parley tour',
        metadata: { source: 'parley-example' },
      })
      .reply(201, { conversation });
    api.get(`${appPath}/conversations/${cid}/participants`).query(true).times(2).reply(200, participants);
    api
      .patch(`${appPath}/conversations/${cid}`, { displayName: 'Parley tour (renamed)' })
      .reply(200, { conversation: { ...conversation, displayName: 'Parley tour (renamed)' } });
    let upload = '';
    api
      .post(`${appPath}/attachments`)
      .query({ access: 'public', for: 'message', conversationId: cid })
      .reply((_uri, body) => {
        // nock hands over a binary multipart body hex-encoded.
        const text = String(body);
        upload = /^[0-9a-f]+$/.test(text) ? Buffer.from(text, 'hex').toString('latin1') : text;
        return [201, { attachment: { mediaUrl, mediaType: 'image/png' } }];
      });
    const sent = {
      id: 'm2',
      received: '2025-02-03T16:22:00.000Z',
      author: { type: 'business' },
      content: { type: 'image', mediaUrl, mediaType: 'image/png', text: 'Here is the picture you asked for' },
    };
    api
      .post(`${appPath}/conversations/${cid}/messages`, {
        author: { type: 'business' },
        content: { type: 'image', mediaUrl, text: 'Here is the picture you asked for' },
      })
      .reply(201, { messages: [sent] });
    const hello = {
      id: 'm1',
      received: '2025-02-03T16:21:30.000Z',
      author: { type: 'user', userId },
      content: { type: 'text', text: 'Hi there' },
    };
    api
      .get(`${appPath}/conversations/${cid}/messages`)
      .reply(200, { messages: [hello, sent], meta: { hasMore: false } });
    api.delete(`${appPath}/conversations/${cid}`).reply(200, {});

    const lines: string[] = [];
    await runSunshineTour(client(), { userId }, (line) => lines.push(line));
    expect(lines).toEqual([
      `created conversation ${cid} on sunshine`,
      'renamed it to "Parley tour (renamed)"',
      `uploaded ${tinyPng.byteLength} bytes of image/png to ${mediaUrl}`,
      'sent message m2 at 2025-02-03T16:22:00.000Z',
      '  2025-02-03T16:21:30.000Z customer: Hi there',
      '  2025-02-03T16:22:00.000Z agent: Here is the picture you asked for [media]',
      'read 2 message(s)',
      `deleted conversation ${cid}`,
    ]);
    expect(upload).toContain('name="source"; filename="parley.png"');
  });

  it('deletes the conversation even when a step fails', async () => {
    const api = nock('https://acme.zendesk.com');
    api.post(`${appPath}/conversations`).reply(201, { conversation });
    api.get(`${appPath}/conversations/${cid}/participants`).query(true).reply(200, participants);
    api
      .patch(`${appPath}/conversations/${cid}`)
      .reply(404, { errors: [{ code: 'conversation_not_found', title: 'gone' }] });
    api.get(`${appPath}/conversations/${cid}/participants`).query(true).reply(200, participants);
    api.delete(`${appPath}/conversations/${cid}`).reply(200, {});
    const lines: string[] = [];
    const error = await runSunshineTour(client(), { userId }, (line) => lines.push(line)).catch(
      (e: unknown) => e,
    );
    expect(ConversationError.isInstance(error) && error.code).toBe('not_found');
    expect(lines.at(-1)).toBe(`deleted conversation ${cid}`);
  });
});
