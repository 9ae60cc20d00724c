import { type ConversationClient, ConversationError } from '@parley/core';
import { type Emulator, type FaultKind, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MatrixOperation, sunshineOperations, ultracartOperations } from './fault-matrix.js';
import { type FaultProxy, type ProxyFault, startFaultProxy } from './fault-proxy.js';
import { clientFor, requestsMatching } from './helpers.js';

/**
 * Each column is one fault on the operation's target request. The emulator makes most of them;
 * `500`, `timeout` and `reset` are its "after" kinds (the request takes effect, then the answer is
 * lost), so a write that is repeated would show up as two attempts. The fault proxy makes the
 * rest, also after forwarding the request.
 */
const faults: readonly [string, { emulator: FaultKind } | { proxy: ProxyFault }][] = [
  ['500', { emulator: '500-after' }],
  ['502', { proxy: '502' }],
  ['503', { emulator: '503' }],
  ['429', { emulator: '429' }],
  ['429 no RA', { emulator: '429-no-retry-after' }],
  ['timeout', { emulator: 'timeout-after' }],
  ['reset', { emulator: 'reset-after' }],
  ['bad JSON', { emulator: 'malformed-json' }],
  ['bad schema', { proxy: 'schema' }],
  ['empty', { proxy: 'empty' }],
  ['envelope', { proxy: 'envelope' }],
];
const columns = faults.map(([name]) => name);

// Outcome of a cell: `ok` or the error code, then how many times the target request was sent
// (retry limit 1, so 2 means "retried once").
const RETRIED = 'ok×2';
const OK = 'ok×1';
const INVALID = 'invalid_response×1';
const FAILED = 'provider_error×1';
const DOWN = 'unavailable×1';
const TIMEOUT = 'timeout×1';
const NETWORK = 'network×1';
// A DELETE is idempotent, so it is retried; when the lost first attempt had already deleted the
// conversation, the retry's 404 means the work is done (the transport reports success).
const GONE = 'ok×2';

// Reads retry every transient fault; a broken 2xx answer is never retried.
const read = [
  RETRIED,
  RETRIED,
  RETRIED,
  RETRIED,
  RETRIED,
  RETRIED,
  RETRIED,
  INVALID,
  INVALID,
  INVALID,
  FAILED,
];
// UltraCart's bodiless PUT/DELETE/GET calls: same, but they read no schema.
const ucVoid = [RETRIED, RETRIED, RETRIED, RETRIED, RETRIED, RETRIED, RETRIED, INVALID, OK, OK, FAILED];
// Writes that may have reached the server are sent once; only a 429 (refused, not acted on) is retried.
const write = [DOWN, DOWN, DOWN, RETRIED, RETRIED, TIMEOUT, NETWORK, INVALID, INVALID, INVALID, FAILED];
// Sunshine POSTs answered with `{}`: an empty body is as good as `{}`.
const scVoidWrite = [DOWN, DOWN, DOWN, RETRIED, RETRIED, TIMEOUT, NETWORK, INVALID, INVALID, OK, FAILED];

const expectedUltraCart: Record<string, string[]> = {
  'conversations.list': read,
  'conversations.get': read,
  'conversations.create': write,
  'conversations.join': ucVoid,
  'conversations.leave': ucVoid,
  'conversations.markRead': ucVoid,
  'messages.list': read,
  'media.upload (upload_url)': read,
  // The presigned PUT goes to storage, not UltraCart: repeating it rewrites the same key with the
  // same bytes, and its answer body is not UltraCart's, so only unreadable JSON fails it.
  'media.upload (presigned PUT)': [
    RETRIED,
    RETRIED,
    RETRIED,
    RETRIED,
    RETRIED,
    RETRIED,
    RETRIED,
    INVALID,
    OK,
    OK,
    OK,
  ],
  'queues.list': read,
  'queues.setAgentStatus': ucVoid,
  // A PUT that hands out a new session: UltraCart does not say repeating it is safe, so it is a write.
  'agent.authorize': write,
  'agent.keepAlive': ucVoid,
};

const expectedSunshine: Record<string, string[]> = {
  'conversations.list': read,
  'conversations.get': read,
  'conversations.create': write,
  'conversations.update': write,
  'conversations.delete': [GONE, GONE, RETRIED, RETRIED, RETRIED, GONE, GONE, INVALID, INVALID, OK, FAILED],
  'conversations.join': write,
  'conversations.leave': scVoidWrite,
  'conversations.markRead': scVoidWrite,
  'messages.list': read,
  'messages.send': write,
  'media.upload': write,
};

interface Environment {
  provider: 'ultracart' | 'sunshine';
  emulator: Emulator;
  proxy: FaultProxy;
  operations: MatrixOperation[];
}

const environments: Environment[] = [];

beforeAll(async () => {
  // Backoff is a uniform draw below 500 ms·2^n (unit-tested in retry-policy.test.ts); scaling the
  // draw keeps each wait under 5 ms so the ~260 cells run in seconds. Only the transport draws.
  const draw = Math.random;
  vi.spyOn(Math, 'random').mockImplementation(() => draw() / 100);
  for (const provider of ['ultracart', 'sunshine'] as const) {
    const emulator = await startEmulator({ seed: 7 });
    const proxy = await startFaultProxy(emulator.url);
    const operations =
      provider === 'ultracart' ? ultracartOperations(emulator) : sunshineOperations(emulator);
    environments.push({ provider, emulator, proxy, operations });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const { emulator, proxy } of environments) {
    await proxy.close();
    await emulator.close();
  }
});

async function runCell(
  env: Environment,
  operation: MatrixOperation,
  how: { emulator: FaultKind } | { proxy: ProxyFault },
): Promise<string> {
  const { emulator, proxy } = env;
  const options = { timeoutMs: 200, retryLimit: 1 };
  const plain = clientFor(emulator, env.provider);
  const prepared = await operation.setup?.(plain);
  emulator.clearRequests();
  let client: ConversationClient;
  if ('proxy' in how) {
    proxy.failNext(how.proxy, operation.target);
    client = clientFor(emulator, env.provider, { ...options, origin: proxy.url });
  } else {
    emulator.failNext({ kind: how.emulator, match: operation.target, retryAfterSeconds: 0 });
    client = clientFor(emulator, env.provider, options);
  }
  let outcome: string;
  try {
    await operation.run(client, prepared);
    outcome = 'ok';
  } catch (error) {
    outcome = ConversationError.isInstance(error) ? error.code : `threw ${String(error)}`;
  }
  const attempts = requestsMatching(emulator, operation.target).length;
  emulator.clearFaults();
  proxy.clear();
  return `${outcome}×${attempts}`;
}

async function runMatrix(env: Environment): Promise<Record<string, string[]>> {
  const table: Record<string, string[]> = {};
  for (const operation of env.operations) {
    const row: string[] = [];
    for (const [, how] of faults) row.push(await runCell(env, operation, how));
    table[operation.name] = row;
  }
  return table;
}

function format(provider: string, table: Record<string, string[]>): string {
  const width = Math.max(...Object.keys(table).map((name) => name.length)) + 2;
  const cells = columns.map((fault) => Math.max(fault.length, 18));
  const line = (name: string, row: readonly string[]) =>
    name.padEnd(width) + row.map((cell, i) => cell.padEnd(cells[i] ?? 18)).join(' ');
  return [`${provider}: operation × fault → outcome×attempts`, line('', columns)]
    .concat(Object.entries(table).map(([name, row]) => line(name, row)))
    .join('\n');
}

describe('fault matrix', () => {
  it('every operation recovers within the retry budget or fails with the right code, sending writes once', async () => {
    const [ultracart, sunshine] = await Promise.all(environments.map(runMatrix));
    // Shown when this test fails or with PARLEY_TEST_VERBOSE=1 (vitest.config.ts keeps passing tests quiet).
    console.log(`${format('ultracart', ultracart ?? {})}\n\n${format('sunshine', sunshine ?? {})}`);
    expect(ultracart).toEqual(expectedUltraCart);
    expect(sunshine).toEqual(expectedSunshine);
  }, 60_000);
});
