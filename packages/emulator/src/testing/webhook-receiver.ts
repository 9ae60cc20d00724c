import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { EMULATED_WEBHOOK_TRIGGERS, type Emulator, type EmulatorOptions, startEmulator } from '../index.js';
import { type Answer, list, obj, sc } from './http-helpers.js';

// Test-only helpers: a webhook target on loopback and an emulator that sends it every trigger.

/** The secret the harness registers its webhook with. */
export const WEBHOOK_SECRET = 'whsec-emulator-test';

/** One POST the target received. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A running webhook target. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks`. */
  readonly url: string;
  /** Every POST so far, oldest first (a live array). */
  readonly received: Received[];
  close(): Promise<void>;
  /** The events of every envelope received, in order. */
  events(): Record<string, unknown>[];
}

/** A webhook target on loopback; `answer` decides each status (or returns `hang` to never answer). */
export async function receiver(answer: (n: number) => number | 'hang' = () => 200): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: obj(JSON.parse(Buffer.concat(chunks).toString('utf8'))) });
      const status = answer(received.length);
      if (status === 'hang') return;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, received, close, events: () => received.flatMap((r) => list(r.body.events)) };
}

/**
 * Registers an `afterEach` that closes whatever the returned `setup` and `track` started, newest
 * first. Call it once at the top of a test file.
 */
export function webhookHarness() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    /** Closes `close` after the test. */
    track(close: () => Promise<void>): void {
      cleanups.push(close);
    },
    /** A target answering with `answer`, and an emulator sending it every emulated trigger. */
    async setup(answer?: (n: number) => number | 'hang', options: EmulatorOptions = {}) {
      const target = await receiver(answer);
      cleanups.push(target.close);
      const emu = await startEmulator({
        webhooks: [{ target: target.url, secret: WEBHOOK_SECRET, triggers: EMULATED_WEBHOOK_TRIGGERS }],
        webhookRetryBaseMs: 5,
        ...options,
      });
      cleanups.push(() => emu.close());
      return { emu, target };
    },
  };
}

/** The first two seeded Sunshine users. */
export function twoUsers(emu: Emulator) {
  const [a, b] = emu.facts.sunshine.users;
  if (!a || !b) throw new Error('seed has fewer than two users');
  return { a, b };
}

/** Creates a personal conversation for the first seeded user through the Sunshine API. */
export async function postPersonalConversation(emu: Emulator) {
  const { a: user } = twoUsers(emu);
  const answer: Answer = await sc(emu, 'POST', '/conversations', {
    type: 'personal',
    participants: [{ userId: user.id }],
  });
  return { user, answer };
}
