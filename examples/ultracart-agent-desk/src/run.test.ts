import { createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAgentDesk } from './run.js';

const API = 'https://secure.ultracart.com';
const BASE = '/rest/v2/conversation';
const STORAGE = 'https://uploads.storage.test';
const KEY = 'agent-desk-test-key-1234';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

const client = () =>
  createConversations({
    adapters: [ultracart],
    config: { provider: 'ultracart', ultracart: { apiKey: KEY }, retry: { limit: 0 } },
  });

describe('runAgentDesk', () => {
  it('walks the whole shift in order and goes unavailable at the end', async () => {
    const order: string[] = [];
    const step =
      (name: string, status: number, body?: unknown) =>
      (_uri: string, requestBody: unknown): [number, string, Record<string, string>] => {
        order.push(
          `${name}${requestBody && typeof requestBody === 'object' ? ` ${JSON.stringify(requestBody)}` : ''}`,
        );
        return [
          status,
          body === undefined ? '' : JSON.stringify(body),
          { 'content-type': 'application/json' },
        ];
      };
    const api = nock(API, {
      reqheaders: { 'x-ultracart-simple-key': KEY, 'x-ultracart-api-version': '2017-03-01' },
    });
    api.get(`${BASE}/conversations/queues/statuses`).reply(
      step('queues', 200, {
        success: true,
        queue_statuses: [
          {
            queue_name: 'support',
            agents: [],
            queue_entries: [{ conversation_participant_name: 'Quinn', question: 'Refund?' }],
          },
        ],
      }),
    );
    api.put(`${BASE}/conversations/queues/support/status`).twice().reply(step('status', 204));
    api
      .get(`${BASE}/conversations`)
      .query({ _limit: '10', _offset: '0' })
      .reply(
        step('list', 200, {
          success: true,
          conversations: [{ conversation_uuid: 'c-1', medium: 'sms' }],
          metadata: { result_set: { more: false } },
        }),
      );
    api
      .get(`${BASE}/conversations/c-1`)
      .query({ limit: '20' })
      .reply(
        step('get', 200, {
          success: true,
          conversation: {
            conversation_uuid: 'c-1',
            medium: 'sms',
            participants: [{ conversation_participant_arn: 'arn:p1' }],
            messages: [{ conversation_message_uuid: 'm1', message_epoch: 1, body: 'Refund?' }],
          },
        }),
      );
    api.put(`${BASE}/conversations/c-1/join`).reply(step('join', 204));
    api.get(`${BASE}/upload_url/txt`).reply(
      step('upload_url', 200, {
        success: true,
        conversation_multimedia_upload_url: { key: 'uploads/label.txt', url: `${STORAGE}/label.txt?sig=1` },
      }),
    );
    nock(STORAGE, { badheaders: ['x-ultracart-simple-key', 'x-ultracart-api-version'] })
      .put('/label.txt')
      .query({ sig: '1' })
      .matchHeader('content-type', 'text/plain')
      .reply(step('put file', 200));
    api.put(`${BASE}/conversations/c-1/markread`).reply(step('markread', 204));
    api.delete(`${BASE}/conversations/c-1/leave`).reply(step('leave', 204));

    const lines: string[] = [];
    const summary = await runAgentDesk(client(), (line) => lines.push(line));
    expect(summary).toEqual({
      queue: 'support',
      conversationId: 'c-1',
      messageCount: 1,
      uploadKey: 'uploads/label.txt',
    });
    expect(order).toEqual([
      'queues',
      'status {"agent_status":"available"}',
      'list',
      'get',
      'join',
      'upload_url',
      'put file',
      'markread',
      'leave',
      'status {"agent_status":"unavailable"}',
    ]);
    expect(lines.join('\n')).toContain('first asks: Refund?');
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('goes unavailable again when a step fails', async () => {
    const statuses: unknown[] = [];
    const api = nock(API);
    api
      .get(`${BASE}/conversations/queues/statuses`)
      .reply(200, { queue_statuses: [{ queue_name: 'support' }] });
    api
      .put(`${BASE}/conversations/queues/support/status`)
      .twice()
      .reply((_uri, body) => {
        statuses.push(body);
        return [204, ''];
      });
    api
      .get(`${BASE}/conversations`)
      .query(true)
      .reply(500, { error: { developer_message: 'boom' } });
    await expect(runAgentDesk(client(), () => {})).rejects.toMatchObject({ code: 'unavailable' });
    expect(statuses).toEqual([{ agent_status: 'available' }, { agent_status: 'unavailable' }]);
  });
});
