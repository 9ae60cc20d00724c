import { describe, expect, it } from 'vitest';
import { testConfig } from './__fixtures__/harness.js';
import { createSunshineProvider } from './provider.js';

// Found by the reliability suite: URL parsers read `%2E%2E` as `..`, so DELETE …/conversations/..
// would have been DELETE /v2/apps/{appId} (delete the app). The raw API refuses such ids.
describe('ids `.` and `..`', () => {
  it.each(['.', '..'])('are refused with invalid_request before any request: %j', async (id) => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const { raw } = createSunshineProvider(testConfig(), { fetch: fetch as typeof globalThis.fetch });
    await expect(raw.deleteConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(raw.getConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(raw.deleteMessage('67a0ecf8f0305f4a391e9db1', id)).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(urls).toEqual([]);
  });

  it('refuses an upload whose filename ends in a path, before any request', async () => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const provider = createSunshineProvider(testConfig(), { fetch: fetch as typeof globalThis.fetch });
    for (const filename of ['a.../../x', '../x', 'photo.'])
      await expect(
        provider.uploadMedia({ data: new Uint8Array([1]), contentType: 'image/png', filename }, {}),
      ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(urls).toEqual([]);
  });
});
