// The runtime smoke: what a user's program does with the packed packages, written once in plain
// ESM so Node, Bun, Deno and workerd run the very same file. It only reports what it saw; the
// runner (src/expect.ts) decides what is right, so a wrong value fails as clearly as a throw.
import { createConversations } from '@parley/core';
import { createWebhookHandler, sunshine, verifyWebhook } from '@parley/sunshine';
import { ultracart } from '@parley/ultracart';

/** The line prefix of the summary on stdout, so library or runtime output cannot be mistaken for it. */
export const resultMarker = 'PARLEY_SMOKE_RESULT ';

/** The bytes uploaded to UltraCart. */
export const uploadText = 'parley runtime smoke\n';

/** Which runtime this is, from its own globals (a shim that quietly runs Node must not pass). */
export function runtimeName() {
  if (typeof globalThis.Bun !== 'undefined') return 'bun';
  if (typeof globalThis.Deno !== 'undefined') return 'deno';
  if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (globalThis.process?.release?.name === 'node') return 'node';
  return 'unknown';
}

// Names the step that failed, so the runner's report says what broke, not only where.
async function step(name, run) {
  try {
    return await run();
  } catch (error) {
    throw new Error(`step ${name} failed`, { cause: error });
  }
}

async function ultracartTour(params) {
  const client = createConversations({
    adapters: [ultracart],
    config: { provider: 'ultracart', ultracart: { apiKey: params.apiKey, baseUrl: params.baseUrl } },
  });
  const page = await step('ultracart conversations.list', () => client.conversations.list());
  const conversation = await step('ultracart conversations.get', () =>
    client.conversations.get(params.conversationId, { messageLimit: params.messageLimit }),
  );
  const media = await step('ultracart media.upload', () =>
    client.media.upload({
      data: new TextEncoder().encode(uploadText),
      contentType: 'text/plain',
      filename: 'smoke.txt',
      conversationId: params.conversationId,
    }),
  );
  return {
    listed: page.items.length,
    hasMore: page.hasMore,
    firstId: page.items[0]?.id ?? null,
    got: {
      id: conversation.id,
      messages: conversation.messages?.length ?? null,
      participants: conversation.participants.length,
    },
    upload: {
      size: media.size,
      contentType: media.contentType,
      hasKey: typeof media.key === 'string' && media.key.length > 0,
    },
  };
}

// Live events by polling: the poll loop loads on first use (`import()`), so this shows it loads
// and runs here. `budget: false` lets it poll every 100 ms; it stops after its second poll.
async function ultracartEvents(params) {
  const answered = [];
  const errors = [];
  const client = createConversations({
    adapters: [ultracart],
    config: {
      provider: 'ultracart',
      ultracart: { apiKey: params.apiKey, baseUrl: params.baseUrl, budget: false },
    },
    hooks: { onResponse: (_request, response) => void answered.push(response.status) },
  });
  const subscription = await step('ultracart events.subscribe', () =>
    client.events.subscribe(() => {}, {
      pollIntervalMs: 100,
      onError: (error) => void errors.push(String(error?.message ?? error)),
    }),
  );
  // The poller finds "now" (its first request), then polls; five seconds is far more than either needs.
  const deadline = Date.now() + 5_000;
  while (answered.length < 2 && errors.length === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await step('ultracart events close', () => subscription.close());
  return { polled: answered.length >= 2, statuses: [...new Set(answered)], errors };
}

async function sunshineTour(params, auth, userId, runtime) {
  const client = createConversations({
    adapters: [sunshine],
    config: {
      provider: 'sunshine',
      sunshine: {
        appId: params.appId,
        keyId: params.keyId,
        keySecret: params.keySecret,
        baseUrl: params.baseUrl,
        auth,
      },
    },
  });
  const label = `sunshine/${auth}`;
  const listed = await step(`${label} conversations.list`, async () => {
    let count = 0;
    for await (const _ of client.conversations.list({ userId })) count++;
    return count;
  });
  const created = await step(`${label} conversations.create`, () =>
    client.conversations.create({ type: 'personal', participants: [{ userId }] }),
  );
  const text = `hello from ${runtime} (${auth})`;
  const sent = await step(`${label} messages.send`, () => client.messages.send(created.id, { text }));
  const messages = await step(`${label} messages.list`, async () => {
    const all = [];
    for await (const message of client.messages.list(created.id)) all.push(message);
    return all;
  });
  const last = messages.at(-1);
  return {
    listed,
    createdId: created.id,
    sentId: sent.id,
    sentText: sent.text ?? null,
    messages: messages.length,
    lastId: last?.id ?? null,
    lastText: last?.text ?? null,
  };
}

async function webhookChecks(secret) {
  const body = JSON.stringify({
    app: { id: 'app-smoke' },
    webhook: { id: 'webhook-smoke', version: 'v2' },
    events: [
      {
        id: 'evt-smoke-1',
        type: 'conversation:create',
        createdAt: '2025-10-07T18:50:23.000Z',
        payload: { conversation: { id: 'conv-smoke-1', type: 'personal' }, creationReason: 'api' },
      },
    ],
  });
  const right = await step('webhook verifyWebhook (right secret)', () =>
    verifyWebhook({ headers: new Headers({ 'X-API-Key': secret }), body }, secret),
  );
  const wrong = await step('webhook verifyWebhook (wrong secret)', () =>
    verifyWebhook({ headers: { 'x-api-key': `${secret}-wrong` }, body }, secret),
  );
  const seen = [];
  const handler = createWebhookHandler({ secret, onEvent: (event) => void seen.push(event.type) });
  const deliver = (key) =>
    handler(
      new Request('http://127.0.0.1/hooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body,
      }),
    );
  const rejected = await step('webhook handler (wrong secret)', () => deliver(`${secret}-wrong`));
  const accepted = await step('webhook handler (right secret)', () => deliver(secret));
  return {
    verifyRight: right,
    verifyWrong: wrong,
    handlerWrongStatus: rejected.status,
    handlerRightStatus: accepted.status,
    events: seen,
  };
}

/**
 * Runs every step against the emulator described by `params` (built by the runner from
 * `startEmulator()`) and returns a JSON-safe summary.
 */
export async function runSmoke(params) {
  const runtime = runtimeName();
  // Sequential on purpose: the first failing step is the one reported.
  const ultracartSummary = await ultracartTour(params.ultracart);
  ultracartSummary.events = await ultracartEvents(params.ultracart);
  const basic = await sunshineTour(params.sunshine, 'basic', params.sunshine.basicUserId, runtime);
  const jwt = await sunshineTour(params.sunshine, 'jwt', params.sunshine.jwtUserId, runtime);
  const webhook = await webhookChecks(params.webhookSecret);
  return { runtime, ultracart: ultracartSummary, sunshine: { basic, jwt }, webhook };
}

/** An error as plain JSON: each cause with its name, code, message and stack. */
export function describeError(error, depth = 0) {
  if (!(error instanceof Error)) return { message: String(error) };
  const described = { name: error.name, message: error.message, stack: error.stack ?? null };
  if (typeof error.code === 'string') described.code = error.code;
  if (error.cause !== undefined && depth < 5) described.cause = describeError(error.cause, depth + 1);
  return described;
}

// As a program (node, bun, deno): parameters in PARLEY_SMOKE_PARAMS, the summary on stdout, the
// error on stderr. A worker has no `process` (no nodejs_compat), so the bundle skips this.
const cliParams = globalThis.process?.env?.PARLEY_SMOKE_PARAMS;
if (typeof cliParams === 'string') {
  runSmoke(JSON.parse(cliParams)).then(
    (summary) => console.log(`${resultMarker}${JSON.stringify(summary)}`),
    (error) => {
      console.error(`${resultMarker.replace('RESULT', 'ERROR')}${JSON.stringify(describeError(error))}`);
      globalThis.process.exitCode = 1;
    },
  );
}
