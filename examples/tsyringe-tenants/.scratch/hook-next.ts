import { type ConversationEvent, createConversations } from '@parley/core';
import { createWebhookHandler } from '@parley/sunshine';
import { sunshine } from '@parley/sunshine';
declare function handle(event: ConversationEvent): Promise<void>;
// app/webhooks/sunshine/route.ts
export const POST = createWebhookHandler({
  secret: process.env.SUNSHINE_WEBHOOK_SECRET ?? '',
  onEvent: async (event) => {
    if (event.type === 'message.created') await handle(event);
  },
});
void createConversations; void sunshine;
