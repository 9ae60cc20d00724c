import { ConversationError } from '@parley/core';
import type { Emulator } from '@parley/emulator';
import { clientFor } from './helpers.js';

/** What one abort scenario observed. */
export interface AbortOutcome {
  scenario: string;
  provider: 'ultracart' | 'sunshine';
  /** The rejection's code, or `resolved`/`threw …` when there was none. */
  code: string;
  /** Items the caller got before the abort. */
  items: number;
  /** Requests the client had sent when the caller aborted, and once everything settled. */
  requestsAtAbort: number;
  requestsAfter: number;
  /** Requests the emulator received in all: never more than the client sent before the abort. */
  arrived: number;
  /** From the abort to the rejection, in ms. */
  settleMs: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function codeOf(error: unknown): string {
  return ConversationError.isInstance(error) ? error.code : `threw ${String(error)}`;
}

/**
 * Runs every abort scenario on one provider. The clients keep the default 30 s timeout and long
 * Retry-After waits, so a timer the library forgot to clear would hold a process open for that long.
 */
export async function runAbortScenarios(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
): Promise<AbortOutcome[]> {
  const outcomes: AbortOutcome[] = [];
  const listParams =
    provider === 'ultracart' ? {} : { userExternalId: emulator.facts.sunshine.powerUser.externalId };
  const conversationId =
    provider === 'ultracart'
      ? emulator.facts.ultracart.smsConversationUuid
      : emulator.facts.sunshine.defaultConversationId;

  const run = async (
    scenario: string,
    call: (controller: AbortController, count: () => void) => Promise<unknown>,
  ) => {
    emulator.clearRequests();
    sent = 0;
    const controller = new AbortController();
    const abortAt = { requests: -1, time: 0 };
    controller.signal.addEventListener('abort', () => {
      abortAt.requests = sent;
      abortAt.time = performance.now();
    });
    let items = 0;
    let code = 'resolved';
    try {
      await call(controller, () => items++);
    } catch (error) {
      code = codeOf(error);
    }
    const settleMs = performance.now() - abortAt.time;
    // Anything still in flight or scheduled would show up here.
    await wait(150);
    emulator.clearFaults();
    outcomes.push({
      scenario,
      provider,
      code,
      items,
      requestsAtAbort: abortAt.requests,
      requestsAfter: sent,
      arrived: emulator.requests.length,
      settleMs: Math.round(settleMs),
    });
  };

  // What the client sent, counted as each request leaves (a prefetched page may arrive at the
  // emulator just after an abort that came once it was on its way).
  let sent = 0;
  const client = clientFor(emulator, provider, {
    retryLimit: 2,
    maxRetryAfterMs: 60_000,
    hooks: { onRequest: () => void sent++ },
  });
  const list = (signal: AbortSignal) => client.conversations.list({ ...listParams, limit: 5, signal });

  // Abort while the third page is on its way (the emulator answers after its latency).
  await run('mid-listing, request in flight', async (controller, count) => {
    for await (const _ of list(controller.signal)) {
      count();
      if (emulator.requests.length === 2 && !controller.signal.aborted) {
        // The third page is requested as soon as the second is consumed: abort once it is sent.
        setTimeout(() => controller.abort(), 15);
      }
    }
  });
  // Abort between pages, while the caller handles an item: no further request is sent.
  await run('between pages', async (controller, count) => {
    for await (const _ of list(controller.signal)) {
      count();
      if (!controller.signal.aborted) {
        controller.abort();
        await wait(60);
      }
    }
  });
  // Abort during the wait a 429 asked for (20 s).
  await run('during a Retry-After wait', async (controller) => {
    emulator.failNext({ kind: '429', retryAfterSeconds: 20, match: { provider } });
    setTimeout(() => controller.abort(), 100);
    await client.conversations.get(conversationId, { signal: controller.signal });
  });
  // Abort a request the server holds (the client's own timeout is 30 s).
  await run('request held by the server', async (controller) => {
    emulator.failNext({ kind: 'timeout', match: { provider } });
    setTimeout(() => controller.abort(), 100);
    await client.conversations.get(conversationId, { signal: controller.signal });
  });
  return outcomes;
}
