import * as v from 'valibot';
import type { ConversationAdapterV1 } from '../../provider/v1/adapter-definition-v1.js';

const unbuilt = () => {
  throw new Error('not built in these tests');
};

/** An adapter with a key or a token, read from `ALPHA_*`. */
export const alpha: ConversationAdapterV1<
  'alpha',
  { apiKey?: string | undefined; token?: string | undefined; baseUrl?: string | undefined }
> = {
  specificationVersion: 'v1',
  name: 'alpha',
  configSchema: v.strictObject({
    apiKey: v.optional(v.string()),
    token: v.optional(v.string()),
    baseUrl: v.optional(v.string()),
  }),
  env: {
    names: { apiKey: 'ALPHA_API_KEY', token: 'ALPHA_TOKEN', baseUrl: 'ALPHA_BASE_URL' },
    credentials: ['apiKey', 'token'],
  },
  secretKeys: ['apiKey', 'token'],
  createProvider: unbuilt,
};

/** An adapter with an id and a secret, read from `BETA_*`. */
export const beta: ConversationAdapterV1<
  'beta',
  { id?: string | undefined; secret?: string | undefined; region?: string | undefined }
> = {
  specificationVersion: 'v1',
  name: 'beta',
  configSchema: v.strictObject({
    id: v.optional(v.string()),
    secret: v.optional(v.string()),
    region: v.optional(v.string()),
  }),
  env: { names: { id: 'BETA_ID', secret: 'BETA_SECRET', region: 'BETA_REGION' }, credentials: ['secret'] },
  secretKeys: ['secret'],
  createProvider: unbuilt,
};

/** An adapter with no settings and no environment. */
export const gamma: ConversationAdapterV1<'gamma', undefined> = {
  specificationVersion: 'v1',
  name: 'gamma',
  secretKeys: [],
  createProvider: unbuilt,
};
