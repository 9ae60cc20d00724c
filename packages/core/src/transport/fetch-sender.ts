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
    const response = await api(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const stream = response.body;
    return {
      status: response.status,
      headers: response.headers,
      body: stream === null ? undefined : bodyOf(stream),
      cancel: () => {
        stream?.cancel().catch(() => {});
      },
    };
  };
}

function bodyOf(stream: ReadableStream<Uint8Array>): SenderBody {
  return {
    read: async (onChunk) => {
      const reader = stream.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || !onChunk(value)) return;
        }
      } finally {
        // Stopping early (over the limit, or a failure) releases the connection.
        reader.cancel().catch(() => {});
      }
    },
  };
}
