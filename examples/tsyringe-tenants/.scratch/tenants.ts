import 'reflect-metadata'; // tsyringe needs it loaded first
import { type ClientFor, type ParleyConfig } from '@parley/core';
import { ConversationClientToken, registerConversations } from '@parley/core/tsyringe';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import { container, type DependencyContainer } from 'tsyringe';

const adapters = [ultracart, sunshine] as const;
type Client = ClientFor<typeof adapters>;

const scopes = new Map<string, DependencyContainer>();

/** The tenant's own container: its client is built once, and a bad config fails here. */
function scopeFor(tenantId: string, config: ParleyConfig<typeof adapters>): DependencyContainer {
  let scope = scopes.get(tenantId);
  if (scope === undefined) {
    scope = container.createChildContainer(); // the global container is never written to
    registerConversations(scope, { adapters, config });
    scopes.set(tenantId, scope);
  }
  return scope;
}

declare function loadTenantConfig(id: string): ParleyConfig<typeof adapters>;
const client = scopeFor('acme', loadTenantConfig('acme')).resolve<Client>(ConversationClientToken);
console.log(client.provider);
