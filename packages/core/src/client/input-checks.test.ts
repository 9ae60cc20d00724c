import { describe, expect, it } from 'vitest';
import { createMemoryProvider } from '../testing/memory-provider.js';
import { createConversations } from './create-conversations.js';

// Found by the reliability suite: `%2E%2E` is read as `..` by URL parsers, so these ids would
// address another endpoint (`get('..')` → the parent collection). They are refused before any call.
describe('ids that cannot be a URL path segment', () => {
  const client = createConversations({ adapters: [createMemoryProvider()], config: { provider: 'memory' } });

  it.each(['.', '..'])('refuses %j with invalid_request', async (id) => {
    await expect(client.conversations.get(id)).rejects.toMatchObject({
      code: 'invalid_request',
      message: "id must not be '.' or '..'",
    });
    await expect(client.conversations.delete(id)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.messages.list(id)).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('refuses an id with a lone surrogate, which no URL can carry, as invalid_request', async () => {
    await expect(client.conversations.get('a\uD800b')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.conversations.get('\uDC00')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.conversations.get('😀')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('still takes ids that merely contain dots', async () => {
    await expect(client.conversations.get('...')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.conversations.get('a..b')).rejects.toMatchObject({ code: 'not_found' });
  });
});
