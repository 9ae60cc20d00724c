import type { ActivityStreamOptions } from './activity-stream.js';
import type { FaultPlan } from './faults.js';
import { POWER_USER_CONVERSATIONS } from './sunshine/model.js';
import type { UltraCartRateLimitOptions } from './ultracart/rate-limit.js';
import type { EmulatorWebhookOptions } from './webhooks/emulator-webhooks.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends EmulatorWebhookOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Seed of the generated data (default 42): the same seed gives the same data. */
  readonly seed?: number;
  /** Seeded conversations per provider (default 60, at least 12; 100,000 is fine). */
  readonly conversations?: number;
  /**
   * Conversations of the Sunshine power user (`parley-power-user`), on top of `conversations`
   * (default 260). Sunshine lists one user's conversations, so a large listing needs one large user.
   */
  readonly sunshinePowerUserConversations?: number;
  /** A random fault plan applied from the start. */
  readonly faults?: FaultPlan;
  /** Delay before every answer, in milliseconds. */
  readonly latencyMs?: number;
  /** `reject` answers overlapping UltraCart requests with 429, as UltraCart does (default `allow`). */
  readonly ultracartConcurrency?: 'allow' | 'reject';
  /** UltraCart settings. */
  readonly ultracart?: {
    /**
     * UltraCart's rate limit: a leaky bucket per credential, 429 when a request would overflow it
     * (off by default; `true` for UltraCart's defaults, 1,000 per hour and 10,000 per day).
     * `timeScale` speeds emulated time up, e.g. 3600: an hour per real second.
     */
    readonly rateLimit?: UltraCartRateLimitOptions | boolean;
  };
  /**
   * A steady stream of inbound activity from the start: `perMinute` UltraCart customer messages
   * or new conversations, and as many Sunshine customer messages (with their webhooks).
   */
  readonly activity?: ActivityStreamOptions;
}

/** The seeding options with their defaults applied. */
export interface Seeding {
  readonly seed: number;
  readonly conversations: number;
  readonly sunshinePowerUserConversations: number;
}

/**
 * The seeding options with their defaults, or a `RangeError` naming the option that is out of range.
 *
 * @example
 * ```ts
 * seedingOf({ conversations: 100 }); // { seed: 42, conversations: 100, sunshinePowerUserConversations: 260 }
 * ```
 */
export function seedingOf(options: EmulatorOptions): Seeding {
  const conversations = options.conversations ?? 60;
  if (!Number.isInteger(conversations) || conversations < 12)
    throw new RangeError('conversations must be an integer >= 12');
  const power = options.sunshinePowerUserConversations ?? POWER_USER_CONVERSATIONS;
  if (!Number.isInteger(power) || power < 0)
    throw new RangeError('sunshinePowerUserConversations must be an integer >= 0');
  return { seed: options.seed ?? 42, conversations, sunshinePowerUserConversations: power };
}
