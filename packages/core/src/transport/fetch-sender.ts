import ky from 'ky';
import type { Sender, SenderBody } from './sender.js';

/**
 * The sender on every runtime but Node, and on Node whenever the caller passes `fetch`: one ky
 * instance with its own retries, timeout and redirects off, since the pipeline above does all three
 * the same way on every sender. `fetch` decodes the content coding itself.
 */
export function createFetchSender(fetchImpl?: typeof globalThis.fetch): Sender {
  const api = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    redirect: 'manual',
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  return async (request) => {
    const signal = request.signal.toAbortSignal();
    const response = await untilAborted(
      api(request.url.href, {
        method: request.method,
        headers: request.headers,
        signal,
        ...(request.body === undefined ? {} : { body: request.body }),
      }),
      signal,
    );
    const stream = response.body;
    return {
      status: response.status,
      headers: { get: (name) => response.headers.get(name), all: () => response.headers },
      body: stream === null ? undefined : bodyOf(stream, signal),
      cancel: () => {
        stream?.cancel().catch(() => {});
      },
    };
  };
}

/**
 * `work`, or a rejection with the signal's reason as soon as it aborts. The deadline and the
 * caller's abort must end the exchange whatever the fetch does with the signal: a custom fetch may
 * ignore it, and on Node 20 the signal `AbortSignal.any` derives (ky joins ours with its own) is
 * only weakly held by ours, so garbage collection can cut the chain while a fetch that holds
 * nothing else (a proxy's, a test's) waits on it. The listener on our signal is a strong path.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function bodyOf(stream: ReadableStream<Uint8Array>, signal: AbortSignal): SenderBody {
  return {
    read: async (onChunk) => {
      const reader = stream.getReader();
      try {
        for (;;) {
          const { done, value } = await untilAborted(reader.read(), signal);
          if (done || !onChunk(value)) return;
        }
      } finally {
        // Stopping early (over the limit, a failure, an abort) releases the connection.
        reader.cancel().catch(() => {});
      }
    },
  };
}
