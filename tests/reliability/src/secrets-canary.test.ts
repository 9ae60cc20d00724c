import { inspect } from 'node:util';
import { type ConversationClient, configFromEnv, createConversations } from '@parley/core';
import { type Emulator, startEmulator } from '@parley/emulator';
import { sunshine } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Exposure, jwtsSignedWith } from './canary.js';
import { clientFor } from './helpers.js';

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

function canaryClient(auth: Auth, fetch?: typeof globalThis.fetch): ConversationClient {
  const client = createConversations({
    ...(fetch === undefined ? {} : { fetch }),
    adapters: [ultracart, sunshine],
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
      timeoutMs: 150,
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
function networkFailure(auth: Auth): ConversationClient {
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

/** A client whose fetch never answers: ky's own timeout fires, with the Request in its error. */
function kyTimeout(auth: Auth): ConversationClient {
  const fetch = (input: Request) =>
    new Promise<Response>((_, reject) =>
      input.signal.addEventListener('abort', () => reject(input.signal.reason)),
    );
  return canaryClient(auth, fetch as typeof globalThis.fetch);
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
      await exposure.run('uc timeout', () => client.conversations.get('c1'));
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
      await exposure.run('sc timeout', () => client.conversations.delete('c1'));
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
      expect(exposure.leaks(canaries, SC_SECRET).join('\n')).toBe('');
    });
  }
});

describe('secrets canary: configuration', () => {
  it('invalid configs, configFromEnv output and clients never show a credential', async () => {
    const bad = [
      { provider: 'ultracart', ultracart: { apiKey: UC_KEY, accessToken: UC_TOKEN } },
      { provider: 'ultracart', ultracart: { apiKey: UC_KEY, baseUrl: `not a url ${UC_KEY}` } },
      { provider: 'sunshine', sunshine: { keyId: SC_KEY_ID, keySecret: SC_SECRET } },
      {
        provider: 'sunshine',
        sunshine: { appId: APP, keyId: SC_KEY_ID, keySecret: SC_SECRET, auth: UC_KEY },
      },
      // A secret pasted into the wrong field is not echoed either.
      {
        provider: 'sunshine',
        sunshine: { appId: APP, keyId: SC_KEY_ID, keySecret: SC_SECRET, region: SC_SECRET },
      },
    ];
    for (const config of bad)
      await exposure.run('invalid config', async () =>
        createConversations({ adapters: [ultracart, sunshine], config }),
      );
    const env = {
      PARLEY_PROVIDER: 'sunshine',
      ULTRACART_API_KEY: UC_KEY,
      ULTRACART_ACCESS_TOKEN: UC_TOKEN,
      SUNSHINE_APP_ID: APP,
      SUNSHINE_KEY_ID: SC_KEY_ID,
      SUNSHINE_KEY_SECRET: SC_SECRET,
      SUNSHINE_SUBDOMAIN: 'acme',
    };
    const config = configFromEnv(env);
    // Only what a user would print: the config's own fields are its input, secrets included.
    exposure.add('configFromEnv', [
      JSON.stringify(config),
      inspect(config, { depth: 8 }),
      `${inspect({ config })}`,
    ]);
    // Both UltraCart credentials at once are refused (that error was checked above), so the client
    // is built from an environment with the key only.
    const client = createConversations({
      adapters: [ultracart, sunshine],
      config: configFromEnv({ ...env, ULTRACART_ACCESS_TOKEN: '' }),
    });
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
    const runs = [
      ['ultracart', 'basic'],
      ['sunshine', 'basic'],
      ['sunshine', 'jwt'],
    ] as const;
    for (const [provider, sunshineAuth] of runs) {
      const client = clientFor(emulator, provider, { timeoutMs: 150, retryLimit: 1, hooks, sunshineAuth });
      const ucId = emulator.facts.ultracart.smsConversationUuid;
      const scId = emulator.facts.sunshine.defaultConversationId;
      const get = () => client.conversations.get(provider === 'ultracart' ? ucId : scId);
      await exposure.run('emulator success', get);
      for (const kind of ['500', '503', '429', 'timeout', 'reset', 'malformed-json', '500-after'] as const) {
        emulator.failNext({ kind, retryAfterSeconds: 0, match: { provider } });
        await exposure.run(`emulator ${kind}`, get);
      }
      await exposure.run('emulator upload', () =>
        client.media.upload({ data: new Uint8Array([1]), contentType: 'image/png', filename: 'a.png' }),
      );
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
    exposure.add('emulator client', wrong);
    expect(exposure.leaks(secrets, emulator.sunshine.keySecret).join('\n')).toBe('');
    // The check itself can see a JWT: one signed with the emulator's secret is found in any text.
    expect(jwtsSignedWith(`token=${emulator.sunshineJwt()};`, emulator.sunshine.keySecret)).toHaveLength(1);
  });
});
