import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActivityStream, startActivityStream } from './activity-stream.js';
import { type EmulatorOptions, seedingOf } from './emulator-options.js';
import { collectFacts, type SeedFacts } from './facts.js';
import { type FailNextOptions, FaultController, type FaultKind, type FaultPlan } from './faults.js';
import { createRequestListener } from './request-handler.js';
import type { RequestLogEntry } from './request-log.js';
import type { RouterEnv } from './routing.js';
import { createSunshineActivity, type SunshineActivity } from './sunshine/activity.js';
import { signSunshineJwt } from './sunshine/auth.js';
import { SunshineStore } from './sunshine/store.js';
import { createUltraCartActivity, type UltraCartActivity } from './ultracart/activity.js';
import { UltraCartRateLimiter, type UltraCartRateLimitState } from './ultracart/rate-limit.js';
import { UltraCartStore } from './ultracart/store.js';
import { FileStore } from './uploads.js';
import { type EmulatorWebhookControls, startSunshineWebhooks } from './webhooks/emulator-webhooks.js';

// The options and the request log have modules of their own; they are part of this module's API.
export type { EmulatorOptions } from './emulator-options.js';
export type { RequestLogEntry } from './request-log.js';

/** A running emulator. */
export interface Emulator extends EmulatorWebhookControls {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * Where and how to reach the UltraCart API. `activity` and `rateLimit` are not enumerable, so
   * `{ ...emulator.ultracart }` stays a plain config section.
   */
  readonly ultracart: {
    readonly baseUrl: string;
    readonly apiKey: string;
    readonly accessToken: string;
    /** Inbound activity on demand: a customer message, a new conversation. */
    readonly activity: UltraCartActivity;
    /** Rate-limit counters and buckets (requests are counted even when the limit is off). */
    readonly rateLimit: UltraCartRateLimitState;
  };
  /** Where and how to reach the Sunshine API (`activity` is not enumerable, as above). */
  readonly sunshine: {
    readonly baseUrl: string;
    readonly appId: string;
    readonly keyId: string;
    readonly keySecret: string;
    /** Inbound customer activity on demand, with its webhooks. */
    readonly activity: SunshineActivity;
  };
  /** Every request so far, oldest first (a live array). */
  readonly requests: RequestLogEntry[];
  /** Seeded ids and counts tests can rely on. */
  readonly facts: SeedFacts;
  /**
   * Fails the next matching request(s), e.g. `failNext({ kind: '503', times: 2, match: { method: 'POST' } })`
   * or `failNext('503', 2)` (any request).
   */
  failNext(options: FailNextOptions | FaultKind, times?: number): void;
  /** Replaces or removes the random fault plan. */
  setFaults(plan: FaultPlan | undefined): void;
  /** Removes the plan and pending `failNext` rules. */
  clearFaults(): void;
  /** Empties `requests`. */
  clearRequests(): void;
  /** A Sunshine JWT signed with the emulator's key (payload default `{ scope: 'app' }`). */
  sunshineJwt(payload?: Record<string, unknown>): string;
  /** Stops listening, cancels pending webhook deliveries and drops open (including held) connections. */
  close(): Promise<void>;
}

const ULTRACART_API_KEY = 'parley-emulator-ultracart-key';
const ULTRACART_ACCESS_TOKEN = 'parley-emulator-ultracart-token';
const SUNSHINE_APP_ID = '5f1e3c0ffee0000000a11ce5';
const SUNSHINE_KEY_ID = 'app_5f1e3c0ffee0000000b0b0b';
const SUNSHINE_KEY_SECRET = 'parley-emulator-sunshine-secret';

/** `target` with extra members that spreads and `JSON.stringify` leave out. */
function withHidden<T extends object, H extends object>(target: T, hidden: H): T & H {
  for (const [key, value] of Object.entries(hidden))
    Object.defineProperty(target, key, { value, enumerable: false });
  return target as T & H;
}

/**
 * Starts the emulator: UltraCart under `/rest/v2`, Sunshine under `/sc/v2/apps/{appId}` (and
 * `/v2/apps/{appId}`), presigned uploads under `/uploads/`, Sunshine attachments under `/sc/attachments/`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { seed, conversations, sunshinePowerUserConversations } = seedingOf(options);
  const ultracart = new UltraCartStore(seed, conversations);
  const sunshine = new SunshineStore(seed, conversations, sunshinePowerUserConversations);
  const facts = collectFacts(ultracart, sunshine);
  const files = new FileStore(`emulator-signing-${seed}`);
  const faults = new FaultController(options.faults);
  const requests: RequestLogEntry[] = [];
  const credentials = { appId: SUNSHINE_APP_ID, keyId: SUNSHINE_KEY_ID, keySecret: SUNSHINE_KEY_SECRET };
  const now = (): number => Date.now();
  let origin = '';
  const webhooks = startSunshineWebhooks(sunshine, SUNSHINE_APP_ID, options, now);
  const rateLimit = new UltraCartRateLimiter(options.ultracart?.rateLimit, ULTRACART_API_KEY);
  const ultracartActivity = createUltraCartActivity(ultracart, seed, now);
  const sunshineActivity = createSunshineActivity(sunshine, seed, now);
  let stream: ActivityStream | undefined;
  // A second close() gets the first one's promise instead of a "Server is not running" error.
  let closing: Promise<void> | undefined;
  const router: RouterEnv = {
    ultracart: {
      store: ultracart,
      files,
      apiKey: ULTRACART_API_KEY,
      accessToken: ULTRACART_ACCESS_TOKEN,
      now,
    },
    sunshine: { store: sunshine, files, credentials, now },
    files,
    now,
  };

  const server = createServer(
    createRequestListener({ router, requests, rateLimit, faults, options, origin: () => origin }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  sunshine.origin = origin;
  if (options.activity) {
    try {
      stream = startActivityStream(
        { seed, ...options.activity },
        { ultracart: ultracartActivity, sunshine: sunshineActivity },
      );
    } catch (error) {
      await webhooks.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
  }

  return {
    url: origin,
    ultracart: withHidden(
      { baseUrl: `${origin}/rest/v2`, apiKey: ULTRACART_API_KEY, accessToken: ULTRACART_ACCESS_TOKEN },
      { activity: ultracartActivity, rateLimit: rateLimit as UltraCartRateLimitState },
    ),
    sunshine: withHidden({ baseUrl: `${origin}/sc`, ...credentials }, { activity: sunshineActivity }),
    requests,
    facts,
    failNext: (o, times) => faults.failNext(o, times),
    setFaults: (plan) => faults.setPlan(plan),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    sunshineJwt: (payload) => signSunshineJwt(credentials, payload),
    ...webhooks.controls,
    close: () => {
      stream?.stop();
      closing ??= webhooks.close().then(
        () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      );
      return closing;
    },
  };
}
