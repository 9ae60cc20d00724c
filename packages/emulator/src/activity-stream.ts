import { Random } from './random.js';
import type { SunshineActivity } from './sunshine/activity.js';
import type { UltraCartActivity } from './ultracart/activity.js';

/** A steady stream of inbound activity (`startEmulator({ activity })`, CLI `--activity N/min`). */
export interface ActivityStreamOptions {
  /** Activities per minute and per provider (e.g. 30: one every 2 s for UltraCart and one for Sunshine). */
  readonly perMinute: number;
  /** Seed of the mix (default the emulator's seed). */
  readonly seed?: number;
  /** Share of UltraCart activities that are new conversations rather than messages (default 0.25). */
  readonly newConversationShare?: number;
}

/** What one tick did. */
type ActivityStreamEvent =
  | { readonly provider: 'ultracart'; readonly kind: 'message' | 'conversation'; readonly id: string }
  | { readonly provider: 'sunshine'; readonly kind: 'message'; readonly id: string }
  | { readonly provider: 'ultracart' | 'sunshine'; readonly kind: 'error'; readonly error: string };

/** A running stream. */
export interface ActivityStream {
  /** What happened, oldest first: the latest 10,000 (a live array). */
  readonly events: readonly ActivityStreamEvent[];
  /** Runs one tick now (what the timer does). */
  tick(): void;
  stop(): void;
}

/** How many events `events` keeps. */
const MAX_EVENTS = 10_000;
/** The largest rate: one tick per millisecond. */
const MAX_PER_MINUTE = 60_000;

/**
 * Parses a rate such as `30/min`, `30/m`, `2/s`, `600/h` or `30` (per minute) into activities per
 * minute.
 */
export function parseActivityRate(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hr|hour))?\s*$/i.exec(text);
  const value = Number(m?.[1]);
  if (!m || !(value > 0))
    throw new RangeError(`activity rate must look like 30/min, 2/s or 600/h (got ${text})`);
  const unit = (m[2] ?? 'min').toLowerCase();
  const perMinute = unit.startsWith('s') ? value * 60 : unit.startsWith('h') ? value / 60 : value;
  if (perMinute > MAX_PER_MINUTE) throw new RangeError(`activity rate must be at most ${MAX_PER_MINUTE}/min`);
  return perMinute;
}

/**
 * Makes inbound activity happen at a steady pace: every `60000 / perMinute` ms, one UltraCart
 * activity (a customer message in a recent open conversation, or a new conversation, mixed at
 * random from the seed) and one Sunshine customer message (with its webhooks). The timer does not
 * keep the process alive.
 */
export function startActivityStream(
  options: ActivityStreamOptions,
  targets: { readonly ultracart: UltraCartActivity; readonly sunshine?: SunshineActivity },
): ActivityStream {
  const { perMinute } = options;
  if (!(Number.isFinite(perMinute) && perMinute > 0 && perMinute <= MAX_PER_MINUTE)) {
    throw new RangeError(`activity.perMinute must be a number above 0 and at most ${MAX_PER_MINUTE}`);
  }
  const share = options.newConversationShare ?? 0.25;
  if (!(share >= 0 && share <= 1)) throw new RangeError('activity.newConversationShare must be from 0 to 1');
  const rng = new Random(options.seed ?? 42, 779);
  const events: ActivityStreamEvent[] = [];
  const failed = (provider: 'ultracart' | 'sunshine', error: unknown): ActivityStreamEvent => ({
    provider,
    kind: 'error',
    error: error instanceof Error ? error.message : String(error),
  });
  const tick = (): void => {
    if (events.length >= MAX_EVENTS) events.splice(0, events.length - MAX_EVENTS + 2);
    try {
      if (rng.chance(share)) {
        const started = targets.ultracart.newConversation();
        events.push({ provider: 'ultracart', kind: 'conversation', id: started.conversationUuid });
      } else {
        const sent = targets.ultracart.customerMessage();
        events.push({ provider: 'ultracart', kind: 'message', id: sent.messageUuid });
      }
    } catch (error) {
      events.push(failed('ultracart', error));
    }
    if (!targets.sunshine) return;
    try {
      const sent = targets.sunshine.customerMessage();
      events.push({ provider: 'sunshine', kind: 'message', id: sent.messageId });
    } catch (error) {
      events.push(failed('sunshine', error));
    }
  };
  const timer = setInterval(tick, 60_000 / perMinute);
  timer.unref();
  return { events, tick, stop: () => clearInterval(timer) };
}
