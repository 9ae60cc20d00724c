import { type AdapterEnv, credentialSchema } from '@parley/core/provider';
import * as v from 'valibot';

/** UltraCart's REST v2 base URL (spec `servers[0].url`). */
export const ULTRACART_DEFAULT_BASE_URL = 'https://secure.ultracart.com/rest/v2';

/**
 * UltraCart's documented default rate limits: "up to 1,000 requests per hour and 10,000 per day",
 * per application and IP, enforced as a leaky bucket (ultracart-notes §4). The client's request
 * budget uses them unless `budget` says otherwise.
 */
export const ULTRACART_DEFAULT_BUDGET = { perHour: 1000, perDay: 10_000 } as const;

const positiveInteger = v.pipe(
  v.number('must be a number'),
  v.integer('must be a positive integer'),
  v.minValue(1, 'must be a positive integer'),
);

const budgetSchema = v.union(
  [
    v.literal(false),
    v.strictObject({
      perHour: v.optional(positiveInteger, ULTRACART_DEFAULT_BUDGET.perHour),
      perDay: v.optional(positiveInteger, ULTRACART_DEFAULT_BUDGET.perDay),
    }),
  ],
  'must be false or { perHour?, perDay? }',
);

/** An integer number of milliseconds from `min` to `max`. */
const milliseconds = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer(`must be an integer from ${min} to ${max}`),
    v.minValue(min, `must be an integer from ${min} to ${max}`),
    v.maxValue(max, `must be an integer from ${min} to ${max}`),
  );

/**
 * Tuning of the live-events poller (`client.events.subscribe`), both optional: `leaseTtlMs`, how
 * long one process's poller lease holds without renewal, so how soon another process takes over
 * when it dies (default 30000; keep it above the longest poll), and `maxIntervalMs`, the longest
 * wait between two polls while idle (default 60000; never below the subscription's
 * `pollIntervalMs`).
 */
const eventsSchema = v.strictObject({
  leaseTtlMs: v.optional(milliseconds(300, 600_000)),
  maxIntervalMs: v.optional(milliseconds(100, 3_600_000)),
});

/**
 * The `ultracart` config section: exactly one of `apiKey` (sent as `x-ultracart-simple-key`) or
 * `accessToken` (an OAuth token with the `conversation_read`/`conversation_write` scopes, sent as
 * `Authorization: Bearer …`), both visible ASCII as a header carries them (a space, control or
 * non-ASCII character is refused naming the field, never the value); an optional `baseUrl` (an
 * emulator or proxy; default `https://secure.ultracart.com/rest/v2`, a trailing slash dropped); and
 * an optional `budget`, the client-side request budget: `{ perHour?, perDay? }` (positive integers,
 * default `{ perHour: 1000, perDay: 10000 }`, UltraCart's documented limits) or `false` to turn it
 * off; and an optional `events`, the tuning of the live-events poller (`{ leaseTtlMs?,
 * maxIntervalMs? }`, see the README's "Live events"). The client refuses unknown keys, naming the
 * one they resemble (`apikey` → `apiKey`).
 */
export const ultracartConfigSchema = v.pipe(
  v.strictObject({
    apiKey: v.optional(credentialSchema),
    accessToken: v.optional(credentialSchema),
    baseUrl: v.optional(
      // One problem at a time: a value that is no URL is not also reported as no http(s) URL.
      v.config(
        v.pipe(
          v.string('must be a string'),
          v.url('must be a URL'),
          v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'),
          v.transform((url) => url.replace(/\/+$/, '')),
        ),
        { abortPipeEarly: true },
      ),
      ULTRACART_DEFAULT_BASE_URL,
    ),
    // A fresh object each time, so no parsed config shares (or can mutate) the default.
    budget: v.optional(budgetSchema, () => ({ ...ULTRACART_DEFAULT_BUDGET })),
    events: v.optional(eventsSchema),
  }),
  v.check(
    (config) => (config.apiKey === undefined) !== (config.accessToken === undefined),
    'needs exactly one of apiKey or accessToken',
  ),
);

/**
 * The environment variables `configFromEnv` reads for UltraCart; either credential being set makes
 * UltraCart the provider when `PARLEY_PROVIDER` is not.
 */
export const ultracartEnv = {
  names: {
    apiKey: 'ULTRACART_API_KEY',
    accessToken: 'ULTRACART_ACCESS_TOKEN',
    baseUrl: 'ULTRACART_BASE_URL',
  },
  credentials: ['apiKey', 'accessToken'],
} as const satisfies AdapterEnv;

/** The config keys that hold credentials: scrubbed from every error and printed config. */
export const ultracartSecretKeys = ['apiKey', 'accessToken'] as const;

/**
 * The `ultracart` config section as written (before defaults).
 *
 * @example
 * ```ts
 * const section: UltraCartConfigInput = { apiKey: process.env.ULTRACART_API_KEY ?? '', budget: { perHour: 500 } };
 * ```
 */
export type UltraCartConfigInput = v.InferInput<typeof ultracartConfigSchema>;

/** The validated `ultracart` section, with `baseUrl` and `budget` filled in. */
export type UltraCartConfig = v.InferOutput<typeof ultracartConfigSchema>;
