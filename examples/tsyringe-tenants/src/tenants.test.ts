import 'reflect-metadata';
import { ConversationError } from '@parley/core';
import { ConversationClientToken } from '@parley/core/tsyringe';
import { type Emulator, startEmulator } from '@parley/emulator';
import { container } from 'tsyringe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from './inbox.js';
import { emulatorTenants, registerTenant, type TenantClient } from './tenants.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 4 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

describe('registerTenant', () => {
  it('gives each tenant its own client in its own child container, and the root container none', async () => {
    const [a, b] = emulatorTenants(emulator);
    const scopeA = registerTenant(container, a);
    const scopeB = registerTenant(container, b);

    const clientA = scopeA.resolve<TenantClient>(ConversationClientToken);
    const clientB = scopeB.resolve<TenantClient>(ConversationClientToken);
    expect(clientA.provider).toBe('ultracart');
    expect(clientB.provider).toBe('sunshine');
    expect(clientA).not.toBe(clientB);
    // One client per tenant: resolving again gives the same one.
    expect(scopeA.resolve(ConversationClientToken)).toBe(clientA);

    // The root container holds no client, and cannot resolve one.
    expect(container.isRegistered(ConversationClientToken, true)).toBe(false);
    expect(() => container.resolve(ConversationClientToken)).toThrow();
    expect(scopeA.isRegistered(ConversationClientToken)).toBe(true);

    // Each client talks to its own provider with its own credentials.
    await clientA.conversations.list({ limit: 1 });
    await clientB.conversations.list({ limit: 1, ...b.listParams });
    expect(emulator.requests.map((r) => [r.provider, r.status])).toEqual([
      ['ultracart', 200],
      ['sunshine', 200],
    ]);
  });

  it("resolves each tenant's Inbox on that tenant's client", async () => {
    const [a, b] = emulatorTenants(emulator);
    const inboxA = registerTenant(container, a).resolve(Inbox);
    const scopeB = registerTenant(container, b);
    const inboxB = scopeB.resolve(Inbox);
    expect(scopeB.resolve(Inbox)).toBe(inboxB);
    const [summaryA, summaryB] = await Promise.all([inboxA.summary(), inboxB.summary()]);
    expect(summaryA).toMatchObject({
      tenant: 'tenant-a',
      provider: 'ultracart',
      conversations: 5,
      hasMore: true,
    });
    expect(summaryB).toMatchObject({
      tenant: 'tenant-b',
      provider: 'sunshine',
      conversations: 5,
      hasMore: true,
    });
    expect(container.isRegistered(Inbox, true)).toBe(false);
  });

  it('fails at registration on a bad tenant config, leaving nothing registered', () => {
    const [a] = emulatorTenants(emulator);
    const bad = { ...a, config: { provider: 'ultracart' as const, ultracart: { apiKey: '' } } };
    let error: unknown;
    try {
      registerTenant(container, bad);
    } catch (e) {
      error = e;
    }
    expect(ConversationError.isInstance(error) && error.code).toBe('invalid_config');
    expect((error as Error).message).toContain('ultracart.apiKey');
    expect(container.isRegistered(ConversationClientToken, true)).toBe(false);
  });
});
