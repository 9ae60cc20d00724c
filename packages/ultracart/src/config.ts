import { credentialSchema } from '@parley/core';
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

/**
 * Settings of the UltraCart adapter: exactly one of `apiKey` (sent as `x-ultracart-simple-key`) or
 * `accessToken` (an OAuth token with the `conversation_read`/`conversation_write` scopes, sent as
 * `Authorization: Bearer …`), both visible ASCII as a header carries them (a space, control or
 * non-ASCII character is refused naming the field, never the value); an optional `baseUrl` (an
 * emulator or proxy; default `https://secure.ultracart.com/rest/v2`); and an optional `budget`, the
 * client-side request budget: `{ perHour?, perDay? }` (positive integers, default
 * `{ perHour: 1000, perDay: 10000 }`, UltraCart's documented limits) or `false` to turn it off.
 * Unknown keys are refused, so a typo like `apikey` fails loudly instead of sending
 * unauthenticated requests.
 *
 * @example
 * ```ts
 * v.parse(ultracartConfigSchema, { apiKey: process.env.ULTRACART_API_KEY });
 * ```
 */
export const ultracartConfigSchema = v.pipe(
  v.strictObject(
    {
      apiKey: v.optional(credentialSchema),
      accessToken: v.optional(credentialSchema),
      baseUrl: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.url('must be a URL'),
          v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'),
          v.transform((url) => url.replace(/\/+$/, '')),
        ),
        ULTRACART_DEFAULT_BASE_URL,
      ),
      // A fresh object each time, so no parsed config shares (or can mutate) the default.
      budget: v.optional(budgetSchema, () => ({ ...ULTRACART_DEFAULT_BUDGET })),
    },
    'must be an object with apiKey or accessToken',
  ),
  v.check(
    (config) => (config.apiKey === undefined) !== (config.accessToken === undefined),
    'needs exactly one of apiKey or accessToken',
  ),
);

/** The UltraCart settings as given (before defaults): what `createUltraCartProvider` accepts. */
export type UltraCartProviderConfigInput = v.InferInput<typeof ultracartConfigSchema>;

/** The validated UltraCart settings, with `baseUrl` and `budget` filled in. */
export type UltraCartProviderConfig = v.InferOutput<typeof ultracartConfigSchema>;
