import { createTransport } from '@parley/core/provider';
import { describe, expect, it } from 'vitest';
import { AcmeApi } from './api.js';
import { listConversationsPage, listMessagesPage } from './paging.js';

/** An API whose every request is recorded and answered with `body`. */
function recordingApi(body: unknown) {
  const urls: string[] = [];
  const api = new AcmeApi(
    createTransport({
      provider: 'acme',
      baseUrl: 'http://acme.test/v1',
      fetch: async (input) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return Response.json(body);
      },
    }),
  );
  return { api, urls };
}

const conversation = { id: 'c1', subject: 'Hi', state: 'open', created_at: 0, participants: [] };

describe('listConversationsPage', () => {
  it('sends limit, token and the userId filter as Acme names them, and hands over and returns the next token', async () => {
    const { api, urls } = recordingApi({ conversations: [conversation], next: 'p3' });
    const handed: string[] = [];
    const onNextCursor = async (next: string) => {
      handed.push(next);
    };
    const page = await listConversationsPage(
      api,
      { limit: 1, cursor: 'p2', userId: 'customer-1' },
      { onNextCursor },
    );
    expect(urls).toEqual(['http://acme.test/v1/conversations?limit=1&after=p2&participant=customer-1']);
    expect(page.items.map((c) => c.id)).toEqual(['c1']);
    expect(page.nextCursor).toBe('p3');
    // Handed over early too, so a `for await` caller's next page travels while this one is mapped.
    expect(handed).toEqual(['p3']);
  });

  it('has no nextCursor on the last page', async () => {
    const { api } = recordingApi({ conversations: [conversation], next: null });
    const handed: string[] = [];
    const onNextCursor = async (next: string) => {
      handed.push(next);
    };
    expect(await listConversationsPage(api, {}, { onNextCursor })).not.toHaveProperty('nextCursor');
    expect(handed).toEqual([]);
  });

  it.each([
    [{ userExternalId: 'u' }, 'params.userExternalId'],
    [{ channel: 'sms' as const }, 'params.channel'],
    [{ cursor: '../x' }, 'cursor was not issued by acme'],
  ])('refuses %j before any request', async (params, message) => {
    const { api, urls } = recordingApi({});
    await expect(listConversationsPage(api, params, {})).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(message),
    });
    expect(urls).toEqual([]);
  });
});

describe('listMessagesPage', () => {
  it('sends order, since and the token', async () => {
    const { api, urls } = recordingApi({ messages: [], next: null });
    const page = await listMessagesPage(
      api,
      'c/1',
      { order: 'desc', since: 1_000, cursor: 'p4', limit: 5 },
      {},
    );
    expect(urls).toEqual([
      'http://acme.test/v1/conversations/c%2F1/messages?order=desc&limit=5&after=p4&since=1000',
    ]);
    expect(page).toEqual({ items: [] });
  });
});
