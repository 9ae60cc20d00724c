import { type AdapterEnv, credentialSchema } from '@parley/core/provider';
import * as v from 'valibot';

/**
 * The legacy Sunshine Conversations regions and the API root of each (sunshine-notes §2d), for
 * `config.sunshine.region`. A licensed Zendesk account uses its subdomain instead
 * (`https://{subdomain}.zendesk.com/sc`).
 */
export const SUNSHINE_REGIONS = {
  us: 'https://api.smooch.io',
  'eu-1': 'https://api.eu-1.smooch.io',
} as const;

/** A legacy Sunshine Conversations region: `us` or `eu-1`. */
export type SunshineRegion = keyof typeof SUNSHINE_REGIONS;

const nonEmpty = v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'));

// A DNS label: the `{subdomain}` of `https://{subdomain}.zendesk.com/sc`.
const subdomainSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a Zendesk subdomain like "acme"'),
);

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether `hostname` is a loopback host, where plain `http` is acceptable (emulator, tests). */
function isLoopbackHost(hostname: string): boolean {
  return (
    loopbackHosts.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith('.localhost')
  );
}

const baseUrlSchema = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.url('must be an absolute URL'),
  // valibot runs every check even after `url` failed, so each one guards the parse itself.
  v.check((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must use https (plain http only for a loopback host)'),
  v.check((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    // Credentials in the URL would leak into logs and errors; the query would break path joining.
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'must not contain credentials, a query or a fragment'),
);

/**
 * The `sunshine` config section: an app, an API key (id and secret) and where the API lives, as
 * exactly one of `subdomain` (`https://{subdomain}.zendesk.com/sc`), `region` (legacy hosts) or
 * `baseUrl` (anything else, e.g. the emulator). `auth` defaults to `basic`, which Zendesk
 * recommends; `jwt` signs short-lived HS256 tokens with the key instead. `webhookSecret` (optional)
 * is the secret Sunshine sends in `X-API-Key` with each webhook. `keyId`, `keySecret` and
 * `webhookSecret` travel in headers, so they must be visible ASCII: a space, control or non-ASCII
 * character is refused naming the field, never the value. Unknown keys are refused by the client,
 * naming the key and the one it resembles.
 */
export const sunshineConfigSchema = v.pipe(
  v.strictObject({
    appId: nonEmpty,
    keyId: credentialSchema,
    keySecret: credentialSchema,
    subdomain: v.optional(subdomainSchema),
    region: v.optional(v.picklist(['us', 'eu-1'], "must be 'us' or 'eu-1'")),
    baseUrl: v.optional(baseUrlSchema),
    auth: v.optional(v.picklist(['basic', 'jwt'], "must be 'basic' or 'jwt'"), 'basic'),
    webhookSecret: v.optional(credentialSchema),
  }),
  v.check(
    (config) =>
      [config.subdomain, config.region, config.baseUrl].filter((value) => value !== undefined).length === 1,
    'needs exactly one of subdomain, region or baseUrl',
  ),
);

/**
 * The `sunshine` config section as written (before defaults).
 *
 * @example
 * ```ts
 * const section: SunshineConfigInput = { appId: '5d8c…', keyId: 'app_5d8c…', keySecret, subdomain: 'acme' };
 * ```
 */
export type SunshineConfigInput = v.InferInput<typeof sunshineConfigSchema>;

/** The validated `sunshine` config section (`auth` defaulted to `basic`, values trimmed). */
export type SunshineConfig = v.InferOutput<typeof sunshineConfigSchema>;

/** The environment variables `configFromEnv` reads for the `sunshine` section. */
export const sunshineEnv = {
  names: {
    appId: 'SUNSHINE_APP_ID',
    keyId: 'SUNSHINE_KEY_ID',
    keySecret: 'SUNSHINE_KEY_SECRET',
    subdomain: 'SUNSHINE_SUBDOMAIN',
    region: 'SUNSHINE_REGION',
    baseUrl: 'SUNSHINE_BASE_URL',
    auth: 'SUNSHINE_AUTH',
    webhookSecret: 'SUNSHINE_WEBHOOK_SECRET',
  } satisfies Record<keyof SunshineConfigInput, string>,
  credentials: ['keyId', 'keySecret'],
} as const satisfies AdapterEnv;

/** The config keys whose values are credentials. */
export const sunshineSecretKeys = [
  'keySecret',
  'webhookSecret',
] as const satisfies readonly (keyof SunshineConfig)[];
