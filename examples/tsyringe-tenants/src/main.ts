// tsyringe needs the Reflect metadata polyfill before it loads: first import of the app.
import 'reflect-metadata';
import { ConversationError } from '@parley/core';
import { ConversationClientToken } from '@parley/core/tsyringe';
import { startEmulator } from '@parley/emulator';
import { container } from 'tsyringe';
import { Inbox } from './inbox.js';
import { emulatorTenants, registerTenant, type TenantClient } from './tenants.js';

// Usage: pnpm --filter example-tsyringe-tenants start
// Two tenants of one app, each with its own provider and credentials, both on a local emulator.
const emulator = await startEmulator({ seed: 4 });
try {
  for (const tenant of emulatorTenants(emulator)) {
    const scope = registerTenant(container, tenant);
    const client = scope.resolve<TenantClient>(ConversationClientToken);
    const summary = await scope.resolve(Inbox).summary();
    console.log(
      `${summary.tenant}: ${client.provider}, ${summary.conversations} conversations on the first page` +
        `${summary.hasMore ? ' (more behind it)' : ''}; first: ${summary.first ?? '-'}`,
    );
    console.log(`  raw API: ${client.raw.constructor.name}`);
  }
  console.log(
    `root container has a client: ${container.isRegistered(ConversationClientToken, true) ? 'yes' : 'no'}`,
  );
} catch (error) {
  if (!ConversationError.isInstance(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await emulator.close();
}
