import { ConversationError, configFromEnv, createConversations } from '@parley/core';
import { acme } from './index.js';
import { startAcmeService } from './service/server.js';

// Usage: pnpm --filter example-custom-adapter start
// Serves Acme Chat on loopback, then uses it through the neutral client like any other provider.
const service = await startAcmeService({ conversations: 7 });
console.log(`Acme Chat serving at ${service.baseUrl}\n`);
try {
  // The adapter declares its variables (ACME_TOKEN, ACME_BASE_URL): configFromEnv reads them and,
  // with ACME_TOKEN set and no PARLEY_PROVIDER, picks acme.
  const adapters = [acme] as const;
  const env = { ACME_TOKEN: service.token, ACME_BASE_URL: service.baseUrl };
  const client = createConversations({ adapters, config: configFromEnv(env, adapters) });
  console.log(`provider ${client.provider}: can ${[...client.capabilities].join(', ')}`);

  const page = await client.conversations.list({ limit: 3 });
  console.log(`first page: ${page.items.map((c) => `${c.id} "${c.title ?? '(no subject)'}"`).join(', ')}`);
  let total = 0;
  for await (const _ of client.conversations.list({ limit: 3 })) total++;
  console.log(`all pages: ${total} conversations`);

  const newest = page.items[0];
  if (newest === undefined) throw new Error('the service holds no conversation');
  const conversation = await client.conversations.get(newest.id);
  console.log(
    `opened ${conversation.id} (${conversation.status}): ${conversation.participants.map((p) => `${p.name} [${p.role}]`).join(', ')}`,
  );
  const sent = await client.messages.send(conversation.id, { text: 'Your parcel left the warehouse today.' });
  console.log(`sent ${sent.id} at ${sent.sentAt}`);
  for await (const message of client.messages.list(conversation.id))
    console.log(`  ${message.sentAt} ${message.author.role}: ${message.text ?? ''}`);

  // What Acme cannot do is refused before any request, like on every provider.
  const before = service.requests.length;
  const refused = await client.conversations.create({ title: 'x' }).catch((error: unknown) => error);
  if (ConversationError.isInstance(refused))
    console.log(`conversations.create → ${refused.code} (${service.requests.length - before} requests sent)`);
  const missing = await client.conversations.get('conv-999').catch((error: unknown) => error);
  if (ConversationError.isInstance(missing))
    console.log(`conversations.get('conv-999') → ${missing.code}, request ${missing.requestId ?? '?'}`);
} catch (error) {
  if (!ConversationError.isInstance(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await service.close();
}
