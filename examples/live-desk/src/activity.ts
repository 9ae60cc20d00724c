import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '@parley/emulator';

/** The customer messages {@link makeActivity} sends, in order: what the handler should print. */
export const CUSTOMER_MESSAGES = [
  'Hi, is my order on its way?',
  'Do you ship to Canada?',
  'It is a gift, by the way.',
] as const;

/** Options of {@link makeActivity}. */
export interface ActivityOptions {
  /** Stops waiting and sends nothing more. */
  signal: AbortSignal;
  /** Pause between two customer actions, in milliseconds. */
  gapMs: number;
  log: (line: string) => void;
}

/** Waits until `ready` holds, checking every 20 ms; false when aborted first. */
async function until(ready: () => boolean, signal: AbortSignal): Promise<boolean> {
  while (!ready()) {
    if (signal.aborted) return false;
    await sleep(20, undefined, { signal }).catch(() => undefined);
  }
  return !signal.aborted;
}

/**
 * Customers doing things on the emulator, through its activity API (this is the only part of the
 * program that knows which provider runs: it plays the customers, not the app). UltraCart: a
 * message in a conversation the agent is in, a new webchat conversation and a message in it;
 * Sunshine: typing, a message, a read and two messages in another conversation, each sent as a
 * webhook. Resolves once everything was sent.
 *
 * UltraCart is polled and a subscription starts from "now", so the customers wait until the
 * subscription has positioned itself: its second conversation-list request (the first poll) comes
 * after the start's checkpoint was stored.
 */
export async function makeActivity(
  emulator: Emulator,
  provider: 'ultracart' | 'sunshine',
  options: ActivityOptions,
): Promise<void> {
  const { signal, gapMs, log } = options;
  const [first, second, third] = CUSTOMER_MESSAGES;
  const steps: [string, () => void][] = [];
  if (provider === 'ultracart') {
    const lists = () =>
      emulator.requests.filter((r) => r.method === 'GET' && /\/conversation\/conversations$/.test(r.path));
    if (!(await until(() => lists().length >= 2, signal))) return;
    const { activity } = emulator.ultracart;
    const joined = emulator.facts.ultracart.joinedConversationUuid;
    let started = '';
    steps.push(
      [`a customer writes in ${joined}: ${first}`, () => activity.customerMessage(joined, first)],
      [
        `a customer starts a webchat: ${second}`,
        () => {
          started = activity.newConversation(undefined, second).conversationUuid;
        },
      ],
      ['the same customer writes again', () => activity.customerMessage(started, third)],
    );
  } else {
    const { activity } = emulator.sunshine;
    const { defaultConversationId: a, groupConversationId: b } = emulator.facts.sunshine;
    steps.push(
      [`a customer types in ${a}`, () => activity.customerTyping(a, 'start')],
      [`the customer writes: ${first}`, () => activity.customerMessage(a, first)],
      ['the customer stops typing', () => activity.customerTyping(a, 'stop')],
      [`a customer writes in ${b}: ${second}`, () => activity.customerMessage(b, second)],
      ['the customer reads the answer', () => activity.customerRead(b)],
      ['and writes again', () => activity.customerMessage(b, third)],
    );
  }
  for (const [what, act] of steps) {
    if (signal.aborted) return;
    act();
    log(`customer  ${what}`);
    await sleep(gapMs, undefined, { signal }).catch(() => undefined);
  }
}
