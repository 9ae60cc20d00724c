// Default imports, read at call time: interceptors such as nock patch `http.request` on the module
// object, which named imports bound before the patch would not see.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Sender, SenderBody, SenderRequest, SenderResponse } from './sender.js';

/** Options of {@link createNodeSender}. */
export interface NodeSenderOptions {
  /** Sockets per host. Default 16. */
  maxSockets?: number;
}

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

/**
 * The default sender on Node: `node:http`/`node:https` on keep-alive agents, gzip/deflate/br
 * decoded as the body streams. It skips the WHATWG Request/Response objects and async iterators,
 * which cost more than the exchange itself for small JSON answers on a warm connection (numbers in
 * bench/README.md).
 */
export function createNodeSender(options: NodeSenderOptions = {}): Sender {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  return (request) =>
    new Promise<SenderResponse>((resolve, reject) => {
      const { url, signal, body } = request;
      if (signal.aborted) return reject(signal.reason);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:')
        return reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
      const headers: Record<string, string> = {
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': 'node',
      };
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      if (body !== undefined) headers['content-length'] = String(body.byteLength);
      const req = (secure ? https.request : http.request)(url, {
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
      });
      // One listener for the whole exchange: destroying the request also ends its answer's stream.
      const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal.removeEventListener('abort', onAbort);
      // `on`, not `once`: an abort after the answer arrived errors the request again, and an
      // unheard 'error' would crash the process.
      req.on('error', (error) => {
        settle();
        reject(signal.aborted ? signal.reason : fetchFailed(error));
      });
      req.once('response', (res) => resolve(answer(res, request, settle)));
      req.end(body);
    });
}

function answer(res: IncomingMessage, request: SenderRequest, settle: () => void): SenderResponse {
  const decoder = decoderFor(res.headers['content-encoding']);
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? '';
    // The decoded body no longer matches the coding nor the length the server announced.
    if (decoder !== undefined && /^content-(encoding|length)$/i.test(name)) continue;
    headers.append(name, raw[i + 1] ?? '');
  }
  const stream: Readable = decoder === undefined ? res : pipeline(res, decoder, () => {});
  const cancel = () => {
    settle();
    res.destroy();
    if (stream !== res) stream.destroy();
  };
  const empty = res.statusCode === 204 || res.statusCode === 304 || request.method === 'HEAD';
  if (empty) {
    settle();
    res.resume();
  }
  return {
    status: res.statusCode ?? 0,
    headers,
    body: empty ? undefined : bodyOf(stream, res, request.signal, settle, cancel),
    cancel,
  };
}

function bodyOf(
  stream: Readable,
  res: IncomingMessage,
  signal: AbortSignal,
  settle: () => void,
  cancel: () => void,
): SenderBody {
  return {
    read: (onChunk) =>
      new Promise<void>((resolve, reject) => {
        let done = false;
        const finish = (error?: unknown) => {
          if (done) return;
          done = true;
          settle();
          if (error === undefined) resolve();
          else reject(signal.aborted ? signal.reason : fetchFailed(error));
        };
        stream.on('data', (chunk: Uint8Array) => {
          if (done || onChunk(chunk)) return;
          cancel();
          finish();
        });
        stream.once('error', finish);
        stream.once('end', () => finish());
        // A connection cut in the middle of an unencoded body closes it without an 'end'.
        res.once('close', () => {
          if (!res.complete) finish(new Error('the connection closed before the answer was complete'));
        });
      }),
  };
}

function decoderFor(encoding: string | undefined) {
  const coding = encoding?.trim().toLowerCase();
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  return undefined;
}
