import { configFromEnv, createConversations } from '@parley/core';
import { sunshine } from '@parley/sunshine';

interface Env {
  SUNSHINE_APP_ID: string;
  SUNSHINE_KEY_ID: string;
  SUNSHINE_KEY_SECRET: string;
  SUNSHINE_SUBDOMAIN: string;
  SUNSHINE_WEBHOOK_SECRET: string;
}

const adapters = [sunshine] as const;
let webhook: ((request: Request) => Promise<Response>) | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Built once per isolate, from the Worker's bindings rather than process.env.
    if (webhook === undefined) {
      const client = createConversations({ adapters, config: configFromEnv({ ...env }, adapters) });
      webhook = client.events.subscribe(async (event) => {
        if (event.type === 'message.created' && event.message.author.role === 'customer')
          await client.messages.send(event.conversationId, { text: 'Thanks, an agent will answer shortly.' });
      }).webhook;
    }
    return webhook(request);
  },
};
