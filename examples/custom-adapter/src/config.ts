import { type AdapterEnv, credentialSchema } from '@parley/core/provider';
import * as v from 'valibot';

/** The largest page Acme Chat serves, for conversations and messages alike. */
export const ACME_MAX_PAGE_SIZE = 50;

/**
 * Settings of the Acme adapter: the service's bearer `token` (visible ASCII, as a header carries it)
 * and its `baseUrl` (`http(s)://…/v1`). Core refuses any other key, naming it and the key it
 * resembles, so the object needs no message of its own.
 *
 * @example
 * ```ts
 * v.parse(acmeConfigSchema, { token: process.env.ACME_TOKEN, baseUrl: 'http://127.0.0.1:4020/v1' });
 * ```
 */
export const acmeConfigSchema = v.strictObject({
  token: credentialSchema,
  baseUrl: v.pipe(
    v.string('must be a string'),
    v.url('must be a URL'),
    v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'),
    v.transform((url) => url.replace(/\/+$/, '')),
  ),
});

/** The Acme settings as written in a config. */
export type AcmeConfigInput = v.InferInput<typeof acmeConfigSchema>;

/** The validated Acme settings. */
export type AcmeConfig = v.InferOutput<typeof acmeConfigSchema>;

/** Where `configFromEnv` finds the settings: `ACME_TOKEN` (which also selects Acme) and `ACME_BASE_URL`. */
export const acmeEnv: AdapterEnv = {
  names: { token: 'ACME_TOKEN', baseUrl: 'ACME_BASE_URL' },
  credentials: ['token'],
};

/** The settings that are credentials: kept out of every error, hook and printed config. */
export const acmeSecretKeys: readonly string[] = ['token'];
