// tsyringe needs the Reflect metadata polyfill loaded before it; Parley's core path loads neither.
import 'reflect-metadata';
import type { ClientFor, ListConversationsParams, ParleyConfig } from '@parley/core';
import { ConversationClientToken, registerConversations } from '@parley/core/tsyringe';
import type { Emulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { Inbox } from './inbox.js';

/** The adapters any tenant can use; each tenant's config picks one. */
const adapters = [ultracart, sunshine] as const;

/** A tenant's client: `client.provider` narrows `client.raw` to that adapter's raw API. */
export type TenantClient = ClientFor<typeof adapters>;

/** One tenant of the app and its own Parley config. */
export interface Tenant {
  id: string;
  config: ParleyConfig<typeof adapters>;
  /** Filters of the tenant's listings (Sunshine lists one user's conversations). */
  listParams?: Omit<ListConversationsParams, 'limit' | 'cursor' | 'signal'>;
}

/**
 * A child container of `parent` for `tenant`: its Parley client under `ConversationClientToken`
 * (built at once, so a bad config fails here, not at the first resolve) and its `Inbox`. The
 * parent is never written to, so tenants cannot see each other's client.
 *
 * @example
 * ```ts
 * import { container } from 'tsyringe';
 * const scope = registerTenant(container, tenant);
 * const client = scope.resolve<TenantClient>(ConversationClientToken);
 * ```
 */
export function registerTenant(parent: DependencyContainer, tenant: Tenant): DependencyContainer {
  const scope = parent.createChildContainer();
  registerConversations(scope, { adapters, config: tenant.config });
  // A factory, not a decorator: no emitDecoratorMetadata needed. One Inbox per tenant container.
  scope.register(Inbox, {
    useFactory: instanceCachingFactory(
      (c) => new Inbox(tenant.id, c.resolve<TenantClient>(ConversationClientToken), tenant.listParams),
    ),
  });
  return scope;
}

/** Two tenants on one emulator: A on UltraCart, B on Sunshine (the power user's conversations). */
export function emulatorTenants(emulator: Emulator): [Tenant, Tenant] {
  const { appId, keyId, keySecret, baseUrl } = emulator.sunshine;
  return [
    {
      id: 'tenant-a',
      config: {
        provider: 'ultracart',
        ultracart: { apiKey: emulator.ultracart.apiKey, baseUrl: emulator.ultracart.baseUrl },
      },
    },
    {
      id: 'tenant-b',
      config: { provider: 'sunshine', sunshine: { appId, keyId, keySecret, baseUrl } },
      listParams: { userExternalId: emulator.facts.sunshine.powerUser.externalId },
    },
  ];
}
