import { createServer } from 'node:http';
import { configFromEnv, createConversations, toNodeListener } from '@parley/core';
import { sunshine } from '@parley/sunshine';

const adapters = [sunshine] as const;
// SUNSHINE_WEBHOOK_SECRET becomes sunshine.webhookSecret: the X-API-Key Sunshine sends.
const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });
const subscription = client.events.subscribe(async (event) => {
  if (event.type === 'message.created') console.log(event.conversationId, event.message.text);
});
const webhook = toNodeListener(subscription.webhook);
createServer((req, res) => {
  if (req.url === '/webhooks/sunshine') webhook(req, res);
  else res.writeHead(404).end();
}).listen(3000);
