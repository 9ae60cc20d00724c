import { describe, expect, it } from 'vitest';
import { UltraCartApi } from './api.js';

// Found by the reliability suite: URL parsers read `%2E%2E` as `..`, so `join('..')` would have been
// PUT /conversation/join. The raw API refuses such segments before sending anything.
describe('path segments `.` and `..`', () => {
  it.each(['.', '..'])('are refused with invalid_request before any request: %j', async (id) => {
    const urls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const api = new UltraCartApi({ apiKey: 'uc-key-1234' }, { fetch: fetch as typeof globalThis.fetch });
    await expect(api.getConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(api.joinConversation(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      api.updateConversationWebchatQueueStatus(id, { agent_status: 'available' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(urls).toEqual([]);
  });
});
