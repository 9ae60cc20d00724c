import { readFile } from 'node:fs/promises';
import { ConversationError, createConversations } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from './config-file.js';
import { adapters } from './providers.js';

const shipped = new URL('../config.emulator.json', import.meta.url);

describe('parseConfigFile', () => {
  it('reads the shipped emulator config: UltraCart selected, Sunshine filtered by the power user', async () => {
    const { config, listFilters } = parseConfigFile(await readFile(shipped, 'utf8'));
    expect(config.provider).toBe('ultracart');
    expect(config.timeoutMs).toBe(10_000);
    expect(listFilters).toEqual({ sunshine: { userExternalId: 'parley-power-user' } });
    // Parley accepts both sections, and one field switches provider.
    expect(createConversations({ adapters, config }).provider).toBe('ultracart');
    expect(createConversations({ adapters, config: { ...config, provider: 'sunshine' } }).provider).toBe(
      'sunshine',
    );
  });

  it('refuses a provider this program has no adapter for, naming the field', () => {
    expect(() => parseConfigFile('{"parley":{"provider":"ultrakart"}}', 'app.json')).toThrow(
      /^app\.json: parley\.provider /,
    );
  });

  it('refuses app settings placed outside the known keys, and bad filters', () => {
    expect(() => parseConfigFile('{"parley":{"provider":"sunshine"},"listFilter":{}}')).toThrow(/listFilter/);
    expect(() =>
      parseConfigFile('{"parley":{"provider":"sunshine"},"listFilters":{"sunshine":{"userId":7}}}'),
    ).toThrow(/listFilters\.sunshine\.userId/);
    expect(() => parseConfigFile('{"parley":')).toThrow(/is not JSON/);
  });

  it('leaves the sections to createConversations, which names a misspelt key and its likely meaning', () => {
    const { config } = parseConfigFile(
      JSON.stringify({ parley: { provider: 'ultracart', ultracart: { apiKey: 'k', baseURL: 'http://x' } } }),
    );
    let error: unknown;
    try {
      createConversations({ adapters, config });
    } catch (e) {
      error = e;
    }
    expect(ConversationError.isInstance(error) && error.code).toBe('invalid_config');
    expect((error as Error).message).toContain('ultracart.baseURL');
    expect((error as Error).message).toContain('ultracart.baseUrl');
  });
});
