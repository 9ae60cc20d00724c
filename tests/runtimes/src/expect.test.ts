import { type Emulator, startEmulator } from '@parley/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestLog, checkValues, smokeParams } from './expect.js';

// The runner's verdict rests on these checks: a right summary passes, and each wrong value is named.
describe('runtime smoke expectations', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 7 });
  });
  afterAll(() => emulator.close());

  function rightSummary() {
    const { ultracart, sunshine } = emulator.facts;
    const tour = (auth: string, listed: number) => ({
      listed,
      createdId: `conv-${auth}`,
      sentId: `msg-${auth}`,
      sentText: `hello from deno (${auth})`,
      messages: 1,
      lastId: `msg-${auth}`,
      lastText: `hello from deno (${auth})`,
    });
    return {
      runtime: 'deno',
      ultracart: {
        listed: ultracart.conversationCount,
        hasMore: false,
        firstId: ultracart.newestConversationUuids[0],
        got: { id: ultracart.longConversation.uuid, messages: 5, participants: 2 },
        upload: { size: 21, contentType: 'text/plain', hasKey: true },
        events: { polled: true, statuses: [200], errors: [] as string[] },
      },
      sunshine: {
        basic: tour('basic', sunshine.users[0]?.conversationCount ?? 0),
        jwt: tour('jwt', sunshine.users[1]?.conversationCount ?? 0),
      },
      webhook: {
        verifyRight: true,
        verifyWrong: false,
        handlerWrongStatus: 401,
        handlerRightStatus: 200,
        events: ['conversation.created'],
      },
    };
  }

  it('accepts the summary the seed implies', () => {
    expect(checkValues(rightSummary(), 'deno', emulator)).toEqual([]);
  });

  it('names every wrong value, including a summary from another runtime', () => {
    const summary = rightSummary();
    summary.webhook.verifyWrong = true;
    summary.sunshine.jwt.lastId = 'msg-other';
    summary.ultracart.got.messages = 4;
    summary.ultracart.events.errors = ['the store is down'];
    expect(checkValues(summary, 'bun', emulator)).toEqual([
      'runtime is "deno", expected "bun"',
      'ultracart.got.messages is 4, expected 5',
      'ultracart.events.errors is ["the store is down"], expected []',
      'sunshine.basic.sentText is "hello from deno (basic)", expected "hello from bun (basic)"',
      'sunshine.basic.lastText is "hello from deno (basic)", expected "hello from bun (basic)"',
      'sunshine.jwt.sentText is "hello from deno (jwt)", expected "hello from bun (jwt)"',
      'sunshine.jwt.lastText is "hello from deno (jwt)", expected "hello from bun (jwt)"',
      'webhook.verifyWrong is true, expected false',
      'sunshine.jwt: the listed message msg-other is not the sent msg-jwt',
    ]);
  });

  it('refuses a missing summary field by field rather than passing it', () => {
    expect(checkValues({}, 'node', emulator).length).toBeGreaterThan(20);
  });

  it('requires both Sunshine auth schemes, the UltraCart key and the upload in the request log', () => {
    emulator.clearRequests();
    expect(checkRequestLog(emulator, 'node')).toEqual([
      'no Sunshine request used Basic auth',
      'no Sunshine request used Bearer auth',
      'no UltraCart request reached the emulator',
      'no upload PUT reached the presigned URL',
    ]);
  });

  it("refuses requests that did not come from the runtime's own HTTP client", async () => {
    emulator.clearRequests();
    const response = await fetch(`${emulator.ultracart.baseUrl}/conversation/conversations`, {
      headers: { 'user-agent': 'node' },
    });
    await response.body?.cancel();
    const problems = checkRequestLog(emulator, 'bun');
    expect(problems).toContain("a request came with user-agent node, not bun's own HTTP client");
    // No API version header and no key: the emulator refuses it, and that is named too.
    expect(problems.some((p) => /^the emulator answered 4\d\d to GET \//.test(p))).toBe(true);
  });

  it('hands the smoke the emulator and two distinct Sunshine users', () => {
    const params = smokeParams(emulator);
    expect(params.ultracart.baseUrl).toBe(emulator.ultracart.baseUrl);
    expect(params.sunshine.basicUserId).not.toBe(params.sunshine.jwtUserId);
  });
});
