import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConversationEvent,
  createConversations,
  createMemoryEventStore,
  toNodeListener,
} from '@parley/core';
import { EMULATED_WEBHOOK_TRIGGERS, startEmulator, type WebhookDelivery } from '@parley/emulator';
import { createWebhookHandler, sunshine, type WebhookHandler } from '@parley/sunshine';
import { describeEvent } from './format.js';

/** What a run saw. */
export interface ReceiverReport {
  /** Neutral events handled, each once, in the order they were handled. */
  readonly events: readonly ConversationEvent[];
  /** Deliveries whose events had all been handled already. */
  readonly duplicatesSkipped: number;
  /** Every POST the emulator made, retries and duplicates included. */
  readonly deliveries: readonly WebhookDelivery[];
}

/**
 * Starts a webhook receiver on loopback and the emulator with a webhook pointing at it, then works
 * on a conversation through the neutral client: create, join, send, mark read, leave, delete.
 * The first delivery is duplicated and the first message fails once, to show deduplication and
 * Sunshine's retry.
 */
export async function runWebhookReceiver(
  log: (line: string) => void = console.log,
  options: { retryBaseMs?: number } = {},
): Promise<ReceiverReport> {
  const secret = randomBytes(18).toString('base64url');
  const events: ConversationEvent[] = [];
  let failMessageOnce = true;
  const handler = createWebhookHandler({
    secret,
    // Where handled events are remembered: each is handled once (share a Redis store between replicas).
    store: createMemoryEventStore(),
    onEvent: (event) => {
      if (event.type === 'message.created' && failMessageOnce) {
        failMessageOnce = false;
        // A failure answers 500, so the emulator (like Sunshine) delivers the event again.
        throw new Error('simulated failure');
      }
      events.push(event);
      log(`event  ${describeEvent(event)}`);
    },
    onError: (_error, event) => log(`failed ${event?.type ?? 'delivery'}: answering 500, expecting a retry`),
  });
  let duplicatesSkipped = 0;
  const counting: WebhookHandler = async (request) => {
    const response = await handler(request);
    if (response.status === 200) {
      const result = (await response.clone().json()) as { processed: number; duplicates: number };
      if (result.processed === 0 && result.duplicates > 0) {
        duplicatesSkipped++;
        log(`skip   a duplicate delivery (${result.duplicates} event(s) already handled)`);
      }
    } else if (response.status === 401) log('denied a delivery without the right X-API-Key');
    return response;
  };

  const server = createServer(toNodeListener(counting));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sunshine`;
  const emulator = await startEmulator({
    webhooks: [{ target, secret, triggers: EMULATED_WEBHOOK_TRIGGERS }],
    webhookRetryBaseMs: options.retryBaseMs ?? 250,
  });
  try {
    log(`receiver at ${target}; emulator at ${emulator.url}`);
    emulator.duplicateNextWebhook();
    const client = createConversations({
      adapters: [sunshine],
      config: {
        provider: 'sunshine',
        sunshine: {
          appId: emulator.sunshine.appId,
          keyId: emulator.sunshine.keyId,
          keySecret: emulator.sunshine.keySecret,
          baseUrl: emulator.sunshine.baseUrl,
        },
      },
    });
    const [customer, colleague] = emulator.facts.sunshine.users;
    if (!customer || !colleague) throw new Error('the emulator seeds at least two users');
    const conversation = await client.conversations.create({
      type: 'group',
      title: 'Webhook demo',
      participants: [{ userId: customer.id }],
    });
    log(`api    created ${conversation.id}`);
    await client.conversations.join(conversation.id, { participant: { userId: colleague.id } });
    await client.messages.send(conversation.id, { text: 'Hello from the business' });
    await client.conversations.markRead(conversation.id);
    await client.conversations.leave(conversation.id, { participant: { userId: colleague.id } });
    await client.conversations.delete(conversation.id);
    log('api    joined, sent, marked read, left, deleted; waiting for deliveries');
    await emulator.webhooksSettled();
    log(`done   ${events.length} event(s), ${emulator.webhookDeliveries.length} delivery(ies)`);
    return { events, duplicatesSkipped, deliveries: [...emulator.webhookDeliveries] };
  } finally {
    await emulator.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
