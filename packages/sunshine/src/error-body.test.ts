import { createConversations } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { failure, KEY_SECRET, testConfig } from './__fixtures__/harness.js';
import { sunshine } from './index.js';

const cid = '029c31f25a21b47effd7be90';

/** A client whose fetch answers every request with `body` (HTTP 200) and records the URLs. */
function clientAnswering(body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    urls.push(input instanceof Request ? input.url : String(input));
    const text = JSON.stringify(body);
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = createConversations({
    adapters: [sunshine],
    config: { provider: 'sunshine', sunshine: testConfig(), retry: { limit: 2 } },
    fetch: fetch as typeof globalThis.fetch,
  });
  return { client, urls };
}

// Found by the reliability suite's fault matrix: a 200 `{ errors }` passed for success on the
// calls whose answer is `{}`.
describe('a 2xx answer that carries errors', () => {
  it('fails a `{}`-answer call with provider_error instead of passing for success, without retrying', async () => {
    const { client, urls } = clientAnswering({
      errors: [{ code: 'conflict', title: 'Conversation is locked' }],
    });
    const error = await failure(client.conversations.delete(cid));
    expect(error).toMatchObject({
      code: 'provider_error',
      status: 200,
      providerCode: 'conflict',
      providerMessage: 'Conversation is locked',
      retryable: false,
      operation: 'conversations.delete',
    });
    expect(urls).toHaveLength(1);
  });

  it('fails a call with a body the same way, and scrubs the key secret from the title', async () => {
    const { client } = clientAnswering({ errors: [{ title: `bad key ${KEY_SECRET}` }] });
    const error = await failure(client.conversations.markRead(cid));
    expect(error.code).toBe('provider_error');
    expect(error.providerMessage).toBe('bad key [redacted]');
    expect(JSON.stringify(error)).not.toContain(KEY_SECRET);
    expect(error.message).not.toContain(KEY_SECRET);
  });

  it('still accepts an empty `errors` list alongside a normal answer', async () => {
    const { client } = clientAnswering({ errors: [] });
    await expect(client.conversations.delete(cid)).resolves.toBeUndefined();
  });
});
