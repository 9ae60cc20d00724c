import { inspect } from 'node:util';
import { type ClientFor, configFromEnv, createConversations, type ParleyConfig } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientFor } from './helpers.js';
import { Exposure, jwtsSignedWith } from './secrets-canary.js';

const adapters = [ultracart, sunshine] as const;

// Distinctive values: finding one anywhere cannot be a coincidence.
const UC_KEY = 'canary-uc-key-7f3a9b51';
const UC_TOKEN = 'canary-uc-token-c41d22e0';
const SC_SECRET = 'canary-sc-secret-e98b01aa';
const SC_KEY_ID = 'app_5963ceb97cde542d000dbdb1';
const SC_BASIC = Buffer.from(`${SC_KEY_ID}:${SC_SECRET}`).toString('base64');
const canaries = [UC_KEY, UC_TOKEN, SC_SECRET, SC_BASIC];

const UC = 'https://secure.ultracart.com';
const SC = 'https://acme.zendesk.com';
const APP = '5d8cff3cd55b040010928b5b';
const SC_PATH = `/sc/v2/apps/${APP}`;
const json = { 'content-type': 'application/json' };
const statuses = [400, 401, 403, 404, 409, 410, 423, 429, 500, 503];

// Each test records into a fresh Exposure; console output goes to the current one.
let exposure = new Exposure();
beforeEach(() => {
  exposure = new Exposure();
});
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  // Anything the library prints is recorded too (and kept off the test output).
  for (const method of consoleMethods)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) =>
      exposure.add(`console.${method}`, args),
    );
});
afterAll(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
});

type Auth = { ultracart: 'apiKey' | 'accessToken' } | { sunshine: 'basic' | 'jwt' };

// The code each status maps to: the canary runs must take the error paths they are meant to.
const codes: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'forbidden',
  423: 'conflict',
  429: 'rate_limited',
  500: 'unavailable',
  503: 'unavailable',
};
const statusOutcomes = (prefix: string) =>
  Object.fromEntries(statuses.map((status) => [`${prefix} ${status}`, codes[status]]));

/** Deadline of the runs meant to time out; the others get a long one, so a slow machine does not. */
const SHORT_TIMEOUT_MS = 150;

function canaryClient(
  auth: Auth,
  fetch?: typeof globalThis.fetch,
  timeoutMs = 10_000,
): ClientFor<typeof adapters> {
  const client = createConversations({
    ...(fetch === undefined ? {} : { fetch }),
    adapters,
    config: {
      provider: 'ultracart' in auth ? 'ultracart' : 'sunshine',
      ultracart:
        'ultracart' in auth && auth.ultracart === 'accessToken'
          ? { accessToken: UC_TOKEN }
          : { apiKey: UC_KEY },
      sunshine: {
        appId: APP,
        keyId: SC_KEY_ID,
        keySecret: SC_SECRET,
        subdomain: 'acme',
        auth: 'sunshine' in auth ? auth.sunshine : 'basic',
      },
      timeoutMs,
      retry: { limit: 1, maxRetryAfterMs: 1000 },
    },
    hooks: exposure.hooks(),
  });
  exposure.add('client', client);
  exposure.add('client.raw', client.raw);
  return client;
}

// A server that never answers: the client's timeout or abort ends the exchange. (nock's own
// `.delay()` answers after the client gave up, which its interceptor cannot deliver.)
const never = (): Promise<[number]> => new Promise(() => undefined);

/**
 * A client whose fetch fails with the request attached, as ky's TimeoutError does (a proxy's fetch
 * may do the same): the failure object holds the credential headers. (nock's `replyWithError`
 * cannot be delivered to node:http, and only a custom fetch goes through ky.)
 */
function networkFailure(auth: Auth): ClientFor<typeof adapters> {
  const fetch = async (input: string | URL | Request) => {
    const request = input instanceof Request ? input : new Request(input);
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), {
        code: 'ECONNRESET',
        request,
        headers: [...request.headers],
      }),
    });
  };
  return canaryClient(auth, fetch as typeof globalThis.fetch);
}

/** A fetch that never answers: the deadline fires; it rejects with the Request in its reason. */
function kyTimeout(auth: Auth): ClientFor<typeof adapters> {
  // Like a real fetch, it also rejects at once when the deadline passed before it was called.
  const fetch = (input: Request) =>
    new Promise<Response>((_, reject) => {
      const fail = () => reject(input.signal.reason);
      if (input.signal.aborted) fail();
      else input.signal.addEventListener('abort', fail, { once: true });
    });
  return canaryClient(auth, fetch as typeof globalThis.fetch, SHORT_TIMEOUT_MS);
}

/** A reply body (and headers) that echoes whatever credential the request carried. */
function echo(req: { headers: Record<string, string | string[] | undefined> }): string {
  const values = ['authorization', 'x-ultracart-simple-key'].map((name) => String(req.headers[name] ?? ''));
  return `rejected credentials ${values.join(' ')}`;
}

describe('secrets canary: UltraCart with canary credentials (nock)', () => {
  for (const mode of ['apiKey', 'accessToken'] as const) {
    it(`${mode}: success, every error kind, retries, hooks and uploads show no credential`, async () => {
      const client = canaryClient({ ultracart: mode });
      const get = `/rest/v2/conversation/conversations/c1`;
      nock(UC)
        .get(get)
        .reply(200, { success: true, conversation: { conversation_uuid: 'c1' } }, json);
      await exposure.run('uc success', () => client.conversations.get('c1'));
      for (const status of statuses) {
        nock(UC)
          .get(get)
          .times(status >= 429 ? 2 : 1)
          .reply(function () {
            const text = echo(this.req);
            const body = {
              success: false,
              error: { developer_message: text, user_message: text, error_code: text },
            };
            return [status, body, { ...json, 'uc-rest-error': text, 'retry-after': '0' }];
          });
        await exposure.run(`uc ${status}`, () => client.conversations.get('c1'));
      }
      nock(UC)
        .get(get)
        .reply(function () {
          return [200, { success: false, error: { developer_message: echo(this.req) } }, json];
        });
      await exposure.run('uc envelope', () => client.conversations.get('c1'));
      nock(UC).get(get).reply(200, `{"conversation": "${UC_KEY}`, json);
      await exposure.run('uc malformed', () => client.conversations.get('c1'));
      nock(UC)
        .get(get)
        .reply(200, { conversation: { conversation_uuid: 7, medium: UC_KEY } }, json);
      await exposure.run('uc schema', () => client.conversations.get('c1'));
      nock(UC).get(get).times(2).reply(never);
      const impatient = canaryClient({ ultracart: mode }, undefined, SHORT_TIMEOUT_MS);
      await exposure.run('uc timeout', () => impatient.conversations.get('c1'));
      await exposure.run('uc network', () => networkFailure({ ultracart: mode }).conversations.get('c1'));
      await exposure.run('uc ky timeout', () => kyTimeout({ ultracart: mode }).conversations.get('c1'));
      nock(UC).get(get).reply(never);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('caller stopped')), 30);
      await exposure.run('uc abort', () => client.conversations.get('c1', { signal: controller.signal }));
      nock(UC)
        .get(get)
        .reply(503, {}, { 'retry-after': '0' })
        .get(get)
        .reply(200, { conversation: { conversation_uuid: 'c1' } }, json);
      await exposure.run('uc retried', () => client.conversations.get('c1'));
      nock(UC)
        .get('/rest/v2/conversation/upload_url/png')
        .reply(
          200,
          { conversation_multimedia_upload_url: { key: 'k1', url: 'https://uploads.test/k1?sig=abc' } },
          json,
        );
      nock('https://uploads.test')
        .put('/k1')
        .query(true)
        .reply(function () {
          return [
            403,
            `<Error><Code>AccessDenied</Code><Message>${echo(this.req)}</Message></Error>`,
            { 'content-type': 'application/xml' },
          ];
        });
      await exposure.run('uc upload', () =>
        client.media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }),
      );
      expect(nock.pendingMocks()).toEqual([]);
      expect(exposure.outcomes).toEqual({
        'uc success': 'ok',
        ...statusOutcomes('uc'),
        'uc envelope': 'provider_error',
        'uc malformed': 'invalid_response',
        'uc schema': 'invalid_response',
        'uc timeout': 'timeout',
        'uc network': 'network',
        'uc ky timeout': 'timeout',
        'uc abort': 'aborted',
        'uc retried': 'ok',
        'uc upload': 'forbidden',
      });
      expect(exposure.leaks(canaries).join('\n')).toBe('');
    });
  }
});

describe('secrets canary: Sunshine with a canary key secret (nock)', () => {
  for (const mode of ['basic', 'jwt'] as const) {
    it(`${mode}: success, every error kind, retries, hooks and uploads show no credential or JWT`, async () => {
      const client = canaryClient({ sunshine: mode });
      const get = `${SC_PATH}/conversations/c1`;
      const participants = () =>
        nock(SC).get(`${get}/participants`).query(true).reply(200, { participants: [] }, json);
      nock(SC)
        .get(get)
        .reply(200, { conversation: { id: 'c1' } }, json);
      participants();
      await exposure.run('sc success', () => client.conversations.get('c1'));
      for (const status of statuses) {
        participants();
        nock(SC)
          .get(get)
          .times(status >= 429 ? 2 : 1)
          .reply(function () {
            const body = { errors: [{ code: echo(this.req), title: echo(this.req) }] };
            return [status, body, { ...json, 'retry-after': '0' }];
          });
        await exposure.run(`sc ${status}`, () => client.conversations.get('c1'));
      }
      nock(SC)
        .delete(get)
        .reply(function () {
          return [200, { errors: [{ code: 'conflict', title: echo(this.req) }] }, json];
        });
      await exposure.run('sc envelope', () => client.conversations.delete('c1'));
      nock(SC).delete(get).reply(200, `{"errors": "${SC_SECRET}`, json);
      await exposure.run('sc malformed', () => client.conversations.delete('c1'));
      nock(SC)
        .post(`${SC_PATH}/conversations/c1/messages`)
        .reply(201, { messages: [{ id: SC_SECRET }] }, json);
      await exposure.run('sc schema', () => client.messages.send('c1', { text: 'hi' }));
      nock(SC).delete(get).times(2).reply(never);
      const impatient = canaryClient({ sunshine: mode }, undefined, SHORT_TIMEOUT_MS);
      await exposure.run('sc timeout', () => impatient.conversations.delete('c1'));
      await exposure.run('sc network', () => networkFailure({ sunshine: mode }).conversations.delete('c1'));
      await exposure.run('sc ky timeout', () => kyTimeout({ sunshine: mode }).conversations.delete('c1'));
      nock(SC).delete(get).reply(503, {}, { 'retry-after': '0' }).delete(get).reply(200, {}, json);
      await exposure.run('sc retried', () => client.conversations.delete('c1'));
      nock(SC)
        .post(`${SC_PATH}/attachments`)
        .query(true)
        .reply(function () {
          return [400, { errors: [{ code: 'bad_request', title: echo(this.req) }] }, json];
        });
      await exposure.run('sc upload', () =>
        client.media.upload({ data: new Uint8Array([1]), contentType: 'image/png' }),
      );
      expect(nock.pendingMocks()).toEqual([]);
      expect(exposure.outcomes).toEqual({
        'sc success': 'ok',
        ...statusOutcomes('sc'),
        'sc envelope': 'provider_error',
        'sc malformed': 'invalid_response',
        'sc schema': 'invalid_response',
        'sc timeout': 'timeout',
        'sc network': 'network',
        'sc ky timeout': 'timeout',
        'sc retried': 'ok',
        'sc upload': 'invalid_request',
      });
      expect(exposure.leaks(canaries, SC_SECRET).join('\n')).toBe('');
    });
  }
});

describe('secrets canary: configuration', () => {
  it('invalid configs, configFromEnv output and clients never show a credential', async () => {
    // Configs the types refuse, checked at run time as a JSON file's would be.
    const bad: [string, unknown][] = [
      ['both credentials', { provider: 'ultracart', ultracart: { apiKey: UC_KEY, accessToken: UC_TOKEN } }],
      ['bad url', { provider: 'ultracart', ultracart: { apiKey: UC_KEY, baseUrl: `not a url ${UC_KEY}` } }],
      ['no appId', { provider: 'sunshine', sunshine: { keyId: SC_KEY_ID, keySecret: SC_SECRET } }],
      [
        'bad auth',
        {
          provider: 'sunshine',
          sunshine: { appId: APP, keyId: SC_KEY_ID, keySecret: SC_SECRET, auth: UC_KEY },
        },
      ],
      // A secret pasted into the wrong field, or under a misspelt key, is not echoed either.
      [
        'secret as region',
        {
          provider: 'sunshine',
          sunshine: { appId: APP, keyId: SC_KEY_ID, keySecret: SC_SECRET, region: SC_SECRET },
        },
      ],
      ['misspelt key', { provider: 'ultracart', ultracart: { apiKee: UC_KEY } }],
      ['misspelt shared key', { provider: 'ultracart', ultracart: { apiKey: UC_KEY }, timeoutMS: UC_KEY }],
    ];
    for (const [name, config] of bad)
      await exposure.run(`invalid config: ${name}`, async () =>
        createConversations({ adapters, config: config as ParleyConfig<typeof adapters> }),
      );
    expect(Object.values(exposure.outcomes)).toEqual(bad.map(() => 'invalid_config'));
    const env = {
      PARLEY_PROVIDER: 'sunshine',
      ULTRACART_API_KEY: UC_KEY,
      ULTRACART_ACCESS_TOKEN: UC_TOKEN,
      SUNSHINE_APP_ID: APP,
      SUNSHINE_KEY_ID: SC_KEY_ID,
      SUNSHINE_KEY_SECRET: SC_SECRET,
      SUNSHINE_SUBDOMAIN: 'acme',
    };
    const config = configFromEnv(env, adapters);
    // The environment's values are the config's input, secrets included; printing it hides them.
    expect(config.sunshine?.keySecret).toBe(SC_SECRET);
    exposure.add('configFromEnv', [
      JSON.stringify(config),
      inspect(config, { depth: 8 }),
      `${inspect({ config })}`,
    ]);
    // Without PARLEY_PROVIDER and with both providers' credentials, the error names what to set.
    const { PARLEY_PROVIDER: _chosen, ...unchosen } = env;
    await exposure.run('configFromEnv without a provider', async () => configFromEnv(unchosen, adapters));
    expect(exposure.outcomes['configFromEnv without a provider']).toBe('invalid_config');
    // Both UltraCart credentials at once are refused (that error was checked above), so the client
    // is built from an environment with the key only.
    const client = createConversations({
      adapters,
      config: configFromEnv({ ...env, ULTRACART_ACCESS_TOKEN: '' }, adapters),
    });
    expect(client.provider).toBe('sunshine');
    exposure.add('client from env', [
      JSON.stringify(client),
      inspect(client, { depth: 8, showHidden: true }),
    ]);
    exposure.add('raw from env', [
      JSON.stringify(client.raw),
      inspect(client.raw, { depth: 8, showHidden: true }),
    ]);
    expect(exposure.leaks(canaries).join('\n')).toBe('');
  });
});

describe('secrets canary: emulator flows with its own credentials', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 3 });
  });
  afterAll(() => emulator.close());

  it('success, faults, retries and wrong keys show neither the emulator keys nor a JWT signed with them', async () => {
    const secrets = [
      emulator.ultracart.apiKey,
      emulator.ultracart.accessToken,
      emulator.sunshine.keySecret,
      Buffer.from(`${emulator.sunshine.keyId}:${emulator.sunshine.keySecret}`).toString('base64'),
      'canary-wrong-key-5b2e',
    ];
    const hooks = exposure.hooks();
    const faultKinds = ['500', '503', '429', 'timeout', 'reset', 'malformed-json', '500-after'] as const;
    const runs = [
      ['ultracart', 'basic'],
      ['sunshine', 'basic'],
      ['sunshine', 'jwt'],
    ] as const;
    for (const [provider, sunshineAuth] of runs) {
      // Long enough for a loaded machine to answer in time, short enough for the 'timeout' fault.
      const client = clientFor(emulator, provider, { timeoutMs: 500, retryLimit: 1, hooks, sunshineAuth });
      const ucId = emulator.facts.ultracart.smsConversationUuid;
      const scId = emulator.facts.sunshine.defaultConversationId;
      const get = () => client.conversations.get(provider === 'ultracart' ? ucId : scId);
      const run = `${provider} ${sunshineAuth}`;
      await exposure.run(`${run} success`, get);
      for (const kind of faultKinds) {
        emulator.failNext({ kind, retryAfterSeconds: 0, match: { provider } });
        await exposure.run(`${run} ${kind}`, get);
      }
      await exposure.run(`${run} upload`, () =>
        client.media.upload({ data: new Uint8Array([1]), contentType: 'image/png', filename: 'a.png' }),
      );
      // One fault each, one retry: every read recovers but the unreadable one.
      expect(Object.entries(exposure.outcomes).filter(([label]) => label.startsWith(run))).toEqual([
        [`${run} success`, 'ok'],
        ...faultKinds.map((kind) => [
          `${run} ${kind}`,
          kind === 'malformed-json' ? 'invalid_response' : 'ok',
        ]),
        [`${run} upload`, 'ok'],
      ]);
    }
    const wrong = clientFor(emulator, 'ultracart', { hooks });
    const wrongKey = createConversations({
      adapters: [ultracart],
      config: {
        provider: 'ultracart',
        ultracart: { apiKey: 'canary-wrong-key-5b2e', baseUrl: emulator.ultracart.baseUrl },
      },
      hooks,
    });
    await exposure.run('emulator wrong key', () => wrongKey.queues.list());
    expect(exposure.outcomes['emulator wrong key']).toBe('unauthorized');
    exposure.add('emulator client', wrong);
    expect(exposure.leaks(secrets, emulator.sunshine.keySecret).join('\n')).toBe('');
    // The check itself can see a JWT: one signed with the emulator's secret is found in any text.
    expect(jwtsSignedWith(`token=${emulator.sunshineJwt()};`, emulator.sunshine.keySecret)).toHaveLength(1);
  });
});
