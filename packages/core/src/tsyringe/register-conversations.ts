import type { DependencyContainer } from 'tsyringe';
import type { CreateConversationsOptions } from '../client/create-conversations.js';
import { createConversations } from '../client/create-conversations.js';
import type { AnyAdapter } from '../config/parley-config.js';

/** The token `registerConversations` registers the client under. */
export const ConversationClientToken: unique symbol = Symbol.for('parley.ConversationClient') as never;

/**
 * Registers the client of `createConversations` in `container` under
 * {@link ConversationClientToken}, for apps built on tsyringe. The client is built at once, so a bad
 * config fails at registration, not at the first resolve deep in the app. Give each tenant its own
 * child container; the global container is never written to unless you pass it.
 *
 * @example
 * ```ts
 * import { container } from 'tsyringe';
 * const tenant = container.createChildContainer();
 * registerConversations(tenant, { adapters: [ultracart], config: tenantConfig });
 * const client = tenant.resolve<ConversationClient>(ConversationClientToken);
 * ```
 */
export function registerConversations<const TAdapters extends readonly AnyAdapter[]>(
  container: DependencyContainer,
  options: CreateConversationsOptions<TAdapters>,
): DependencyContainer {
  container.register(ConversationClientToken, { useValue: createConversations(options) });
  return container;
}
