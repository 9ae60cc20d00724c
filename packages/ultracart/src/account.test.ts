import { describe, expect, it } from 'vitest';
import { API_KEY } from './__fixtures__/harness.js';
import { ultracartAccount } from './account.js';

describe('ultracartAccount', () => {
  it('names the account by base URL and a digest prefix of the credential, never the credential', async () => {
    const account = await ultracartAccount('https://secure.ultracart.com/rest/v2', API_KEY);
    expect(account).toMatch(/^ultracart:https:\/\/secure\.ultracart\.com\/rest\/v2:[0-9a-f]{16}$/);
    expect(account).not.toContain(API_KEY);
    expect(await ultracartAccount('https://secure.ultracart.com/rest/v2', API_KEY)).toBe(account);
    expect(await ultracartAccount('https://secure.ultracart.com/rest/v2', `${API_KEY}x`)).not.toBe(account);
  });
});
