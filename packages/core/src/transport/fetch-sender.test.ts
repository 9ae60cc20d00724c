import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { failure } from '../__fixtures__/failure.js';
import { createTransport } from './create-transport.js';

// The deadline and the caller's abort are Parley's to enforce: a fetch that ignores its signal, or
// whose signal chain the garbage collector cut, must not hang a call.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const get = { operation: 'getThing', method: 'GET', path: 'things/1' } as const;

function transport(fetch: typeof globalThis.fetch, timeoutMs = 100) {
  return createTransport({
    provider: 'acme',
    baseUrl: 'https://api.acme.test/v1',
    fetch,
    timeoutMs,
    retry: { limit: 0 },
  });
}

describe('fetch sender: the deadline holds whatever the fetch does with its signal', () => {
  it('times out a fetch that never answers and ignores its signal', async () => {
    const calls: string[] = [];
    const fetch = async (input: Request) => {
      calls.push(`${input.method} ${input.url}`);
      return new Promise<Response>(() => undefined);
    };
    const error = await failure(transport(fetch as typeof globalThis.fetch).request(get));
    expect(error).toMatchObject({ code: 'timeout', operation: 'getThing', retryable: true });
    expect(calls).toEqual(['GET https://api.acme.test/v1/things/1']);
  });

  it('times out a body that never ends and cancels its stream', async () => {
    let cancelled = false;
    const fetch = async () => {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"a":')),
        cancel: () => {
          cancelled = true;
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const error = await failure(transport(fetch as typeof globalThis.fetch).request(get));
    expect(error.code).toBe('timeout');
    expect(cancelled).toBe(true);
  });

  it("rejects with the caller's abort though the fetch ignores it", async () => {
    const fetch = async () => new Promise<Response>(() => undefined);
    const controller = new AbortController();
    const reason = new Error('caller stopped');
    setTimeout(() => controller.abort(reason), 20);
    const error = await failure(
      transport(fetch as typeof globalThis.fetch, 10_000).request({ ...get, signal: controller.signal }),
    );
    expect(error.code).toBe('aborted');
    expect(error.cause).toBe(reason);
  });

  it('times out a fetch that listens only to its request signal after a garbage collection', async () => {
    // Node 20 holds the signal `AbortSignal.any` derives only weakly: once collected, a fetch that
    // waits on it alone would never hear the deadline.
    let listening = false;
    const fetch = (input: Request) =>
      new Promise<Response>((_, reject) => {
        input.signal.addEventListener('abort', () => reject(input.signal.reason), { once: true });
        listening = true;
      });
    const pending = failure(transport(fetch as typeof globalThis.fetch, 300).request(get));
    while (!listening) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 3; i++) gc();
    expect((await pending).code).toBe('timeout');
  });
});
