import * as v from 'valibot';

/** UltraCart's REST v2 base URL (spec `servers[0].url`). */
export const ULTRACART_DEFAULT_BASE_URL = 'https://secure.ultracart.com/rest/v2';

const secret = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.nonEmpty('must not be empty'),
  // A header value cannot hold a line break; refusing it here beats a cryptic fetch error later.
  v.check((value) => !/[\r\n]/.test(value), 'must not contain line breaks'),
);

/**
 * Settings of the UltraCart adapter: exactly one of `apiKey` (sent as `x-ultracart-simple-key`) or
 * `accessToken` (an OAuth token with the `conversation_read`/`conversation_write` scopes, sent as
 * `Authorization: Bearer …`), and an optional `baseUrl` (an emulator or proxy; default
 * `https://secure.ultracart.com/rest/v2`). Unknown keys are refused, so a typo like `apikey`
 * fails loudly instead of sending unauthenticated requests.
 *
 * @example
 * ```ts
 * v.parse(ultracartConfigSchema, { apiKey: process.env.ULTRACART_API_KEY });
 * ```
 */
export const ultracartConfigSchema = v.pipe(
  v.strictObject(
    {
      apiKey: v.optional(secret),
      accessToken: v.optional(secret),
      baseUrl: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.url('must be a URL'),
          v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'),
          v.transform((url) => url.replace(/\/+$/, '')),
        ),
        ULTRACART_DEFAULT_BASE_URL,
      ),
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

/** The validated UltraCart settings, with `baseUrl` filled in. */
export type UltraCartProviderConfig = v.InferOutput<typeof ultracartConfigSchema>;
