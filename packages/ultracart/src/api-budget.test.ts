import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { API_KEY, BASE, JSON_HEADERS, testApi, useNock } from './__fixtures__/harness.js';

useNock();

const keepAlive = () =>
  nock('https://secure.ultracart.com')
    .get(`${BASE}/conversation/agent/keepalive`)
    .reply(200, '', JSON_HEADERS);

describe('UltraCart request budget', () => {
  it('spends the configured budget and refuses the request that would exceed it, sending nothing', async () => {
    keepAlive();
    keepAlive();
    const api = testApi({ apiKey: API_KEY, budget: { perHour: 2, perDay: 100 } });
    await api.getAgentKeepAlive();
    await api.getAgentKeepAlive();
    const error = await api.getAgentKeepAlive().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'rate_limited',
      provider: 'ultracart',
      operation: 'getAgentKeepAlive',
      retryable: true,
    });
    // One slot drains every half hour; the test's maxRetryAfterMs is 1 s, so it fails at once.
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(29 * 60_000);
    expect((error as Error).message).toContain('request budget (2/hour, 100/day)');
  });

  it('is counted per client, and budget: false turns it off', async () => {
    for (let i = 0; i < 4; i++) keepAlive();
    const limited = testApi({ apiKey: API_KEY, budget: { perHour: 1, perDay: 1 } });
    await limited.getAgentKeepAlive();
    await expect(limited.getAgentKeepAlive()).rejects.toMatchObject({ code: 'rate_limited' });
    await testApi({ apiKey: API_KEY, budget: { perHour: 1, perDay: 1 } }).getAgentKeepAlive();
    const unlimited = testApi({ apiKey: API_KEY, budget: false });
    await unlimited.getAgentKeepAlive();
    await unlimited.getAgentKeepAlive();
  });
});
