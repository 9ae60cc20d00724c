import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '@parley/core';
import { EMULATED_WEBHOOK_TRIGGERS, startEmulator } from '@parley/emulator';
import worker from './worker.js';

const server = createServer();
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const emulator = await startEmulator({ webhooks: [{ target, secret: 's3cret', triggers: EMULATED_WEBHOOK_TRIGGERS }] });
const env = { SUNSHINE_APP_ID: emulator.sunshine.appId, SUNSHINE_KEY_ID: emulator.sunshine.keyId, SUNSHINE_KEY_SECRET: emulator.sunshine.keySecret, SUNSHINE_SUBDOMAIN: 'unused', SUNSHINE_BASE_URL: emulator.sunshine.baseUrl, SUNSHINE_WEBHOOK_SECRET: 's3cret' } as never;
server.on('request', toNodeListener((request) => worker.fetch(request, env)));
const sent = emulator.sunshine.activity.customerMessage(undefined, 'Where is my parcel?');
await emulator.webhooksSettled();
await new Promise((r) => setTimeout(r, 500));
await emulator.webhooksSettled();
const replies = emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/conversations/${sent.conversationId}/messages`));
console.log('deliveries', emulator.webhookDeliveries.map((d) => d.status), 'replies', replies.map((r) => JSON.stringify(r.body)));
await emulator.close(); server.close();
