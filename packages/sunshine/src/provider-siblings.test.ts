import { describe, expect, it } from 'vitest';
import { fastSettings, testConfig } from './__fixtures__/harness.js';
import { createSunshineProvider } from './provider.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const notFound = () =>
  json(404, { errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] });

/** A fetch where participants requests hang until aborted, and the rest answer with `answer`. */
function hangingParticipants(answer: (request: Request) => Response) {
  const aborted: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!request.url.includes('/participants')) return answer(request);
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => {
        aborted.push(request.url);
        reject(request.signal.reason);
      });
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, aborted };
}

describe('sibling reads', () => {
  it('get: a failed conversation read cancels the participants read', async () => {
    const { fetch, aborted } = hangingParticipants(notFound);
    const provider = createSunshineProvider(testConfig(), { ...fastSettings, fetch });
    await expect(provider.getConversation?.('c1', {}, {})).rejects.toMatchObject({ code: 'not_found' });
    expect(aborted).toHaveLength(1);
  });

  it('update: a failed write cancels the participants read; a failed read never cancels the write', async () => {
    const { fetch, aborted } = hangingParticipants(notFound);
    const provider = createSunshineProvider(testConfig(), { ...fastSettings, fetch });
    await expect(provider.updateConversation?.('c1', { title: 'x' }, {})).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(aborted).toHaveLength(1);

    const conversation = {
      id: 'c1',
      type: 'sdkGroup',
      displayName: 'Renamed',
      isDefault: false,
      metadata: {},
    };
    const updated = createSunshineProvider(testConfig(), {
      ...fastSettings,
      fetch: (async (input: string | URL | Request) => {
        const url = input instanceof Request ? input.url : String(input);
        return url.includes('/participants') ? json(500, { errors: [] }) : json(200, { conversation });
      }) as typeof globalThis.fetch,
      retry: { limit: 0, maxRetryAfterMs: 0 },
    });
    await expect(updated.updateConversation?.('c1', { title: 'Renamed' }, {})).resolves.toMatchObject({
      title: 'Renamed',
      participants: [],
    });
  });
});
