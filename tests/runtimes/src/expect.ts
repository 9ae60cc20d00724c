import type { Emulator } from '@parley/emulator';
import type { RuntimeName } from './runtimes.js';

/** Messages the smoke asks for with `conversations.get(id, { messageLimit })`. */
const messageLimit = 5;
/** Must match `uploadText` in smoke/smoke.mjs. */
const uploadText = 'parley runtime smoke\n';
/** UltraCart's largest page, used when the smoke lists without `limit`. */
const ultracartPageSize = 200;
const webhookSecret = 'parley-smoke-webhook-secret';

/** What the smoke gets: where the emulator is, its credentials and the seeded ids it needs. */
export function smokeParams(emulator: Emulator) {
  const { ultracart, sunshine } = emulator.facts;
  const [basicUser, jwtUser] = sunshine.users;
  if (basicUser === undefined || jwtUser === undefined)
    throw new Error('the emulator seeded fewer than 2 users');
  return {
    ultracart: {
      baseUrl: emulator.ultracart.baseUrl,
      apiKey: emulator.ultracart.apiKey,
      conversationId: ultracart.longConversation.uuid,
      messageLimit,
    },
    sunshine: {
      baseUrl: emulator.sunshine.baseUrl,
      appId: emulator.sunshine.appId,
      keyId: emulator.sunshine.keyId,
      keySecret: emulator.sunshine.keySecret,
      basicUserId: basicUser.id,
      jwtUserId: jwtUser.id,
    },
    webhookSecret,
  };
}

type Check = readonly [path: string, expected: unknown];

const nonEmptyString = Symbol('a non-empty string');

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function matches(actual: unknown, expected: unknown): boolean {
  if (expected === nonEmptyString) return typeof actual === 'string' && actual.length > 0;
  return JSON.stringify(actual) === JSON.stringify(expected);
}

function sunshineChecks(auth: 'basic' | 'jwt', conversationCount: number, runtime: RuntimeName): Check[] {
  const text = `hello from ${runtime} (${auth})`;
  return [
    [`sunshine.${auth}.listed`, conversationCount],
    [`sunshine.${auth}.createdId`, nonEmptyString],
    [`sunshine.${auth}.sentId`, nonEmptyString],
    [`sunshine.${auth}.sentText`, text],
    // A new conversation holds only the message just sent.
    [`sunshine.${auth}.messages`, 1],
    [`sunshine.${auth}.lastText`, text],
  ];
}

/**
 * Compares the smoke's summary with what the emulator's seed and the smoke's inputs imply, and
 * checks in the emulator's request log that each provider saw the auth it should. Returns one line
 * per mismatch (empty: all good).
 */
export function checkSummary(summary: unknown, runtime: RuntimeName, emulator: Emulator): string[] {
  return [...checkValues(summary, runtime, emulator), ...checkRequestLog(emulator, runtime)];
}

/** The summary's values against the seed: one line per mismatch. */
export function checkValues(summary: unknown, runtime: RuntimeName, emulator: Emulator): string[] {
  const { ultracart, sunshine } = emulator.facts;
  const ucCount = ultracart.conversationCount;
  const checks: Check[] = [
    ['runtime', runtime],
    ['ultracart.listed', Math.min(ucCount, ultracartPageSize)],
    ['ultracart.hasMore', ucCount > ultracartPageSize],
    ['ultracart.firstId', ultracart.newestConversationUuids[0]],
    ['ultracart.got.id', ultracart.longConversation.uuid],
    ['ultracart.got.messages', messageLimit],
    ['ultracart.upload.size', new TextEncoder().encode(uploadText).length],
    ['ultracart.upload.contentType', 'text/plain'],
    ['ultracart.upload.hasKey', true],
    ['ultracart.events.polled', true],
    ['ultracart.events.statuses', [200]],
    ['ultracart.events.errors', []],
    ...sunshineChecks('basic', sunshine.users[0]?.conversationCount ?? -1, runtime),
    ...sunshineChecks('jwt', sunshine.users[1]?.conversationCount ?? -1, runtime),
    ['webhook.verifyRight', true],
    ['webhook.verifyWrong', false],
    ['webhook.handlerWrongStatus', 401],
    ['webhook.handlerRightStatus', 200],
    ['webhook.events', ['conversation.created']],
  ];
  const problems: string[] = [];
  for (const [path, expected] of checks) {
    const actual = at(summary, path);
    if (!matches(actual, expected)) {
      const want = expected === nonEmptyString ? 'a non-empty string' : JSON.stringify(expected);
      problems.push(`${path} is ${JSON.stringify(actual)}, expected ${want}`);
    }
  }
  for (const auth of ['basic', 'jwt'] as const) {
    const { sentId, lastId } = (at(summary, `sunshine.${auth}`) ?? {}) as Record<string, unknown>;
    if (sentId !== lastId)
      problems.push(
        `sunshine.${auth}: the listed message ${String(lastId)} is not the sent ${String(sentId)}`,
      );
  }
  return problems;
}

// The user-agent of each runtime's own fetch. Bun and Deno must use it (their export conditions pick
// the fetch sender); the node:http sender says `node`, as Node's fetch does; workerd sends none.
const userAgents: Readonly<Record<RuntimeName, RegExp>> = {
  node: /^node$/,
  bun: /^Bun\//,
  deno: /^Deno\//,
  workerd: /^none$/,
};

// The emulator logs the auth scheme (credentials redacted): Basic and Bearer must both appear for
// Sunshine, the simple key for every UltraCart call, the presigned PUT for the upload, no error
// status, and only the runtime's own HTTP client.
export function checkRequestLog(emulator: Emulator, runtime: RuntimeName): string[] {
  const problems: string[] = [];
  const agents = new Set(emulator.requests.map((r) => r.headers['user-agent'] ?? 'none'));
  for (const agent of agents) {
    if (!userAgents[runtime].test(agent)) {
      problems.push(`a request came with user-agent ${agent}, not ${runtime}'s own HTTP client`);
    }
  }
  const sunshineAuth = new Set(
    emulator.requests
      .filter((r) => r.provider === 'sunshine')
      .map((r) => (r.headers.authorization ?? '').split(' ')[0]),
  );
  for (const scheme of ['Basic', 'Bearer']) {
    if (!sunshineAuth.has(scheme)) problems.push(`no Sunshine request used ${scheme} auth`);
  }
  const ultracartCalls = emulator.requests.filter((r) => r.provider === 'ultracart');
  if (ultracartCalls.length === 0) problems.push('no UltraCart request reached the emulator');
  if (ultracartCalls.some((r) => r.headers['x-ultracart-simple-key'] === undefined)) {
    problems.push('an UltraCart request lacked x-ultracart-simple-key');
  }
  if (!emulator.requests.some((r) => r.provider === 'uploads' && r.method === 'PUT')) {
    problems.push('no upload PUT reached the presigned URL');
  }
  for (const r of emulator.requests.filter((entry) => entry.status >= 400)) {
    problems.push(`the emulator answered ${r.status} to ${r.method} ${r.path}`);
  }
  return problems;
}
