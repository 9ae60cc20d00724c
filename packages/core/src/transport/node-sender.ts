import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import type { AttemptSignal } from './attempt-signal.js';
import type { AnswerHeaders, Sender, SenderBody, SenderRequest, SenderResponse } from './sender.js';

/** Options of {@link createNodeSender}. */
export interface NodeSenderOptions {
  /** Sockets per host. Default 16. */
  maxSockets?: number;
}

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

/** `http.request` or `https.request`, and the keep-alive agent of that protocol. */
interface Protocol {
  request(options: RequestOptions): ClientRequest;
  agent: Agent;
}

// `node:http`, `node:https` (with TLS) and `node:zlib` are loaded on the first request, not at
// import: they are about half of what importing Parley and building a client cost a cold process
// (bench/README.md), and an app that builds a client it may not use (a CLI, a serverless handler
// with several routes) should not pay for them. The module object is read at call time:
// interceptors such as nock patch `request` on it after it loaded.
let zlib: typeof import('node:zlib') | undefined;
const loadZlib = async () => {
  zlib ??= (await import('node:zlib')).default;
};

/**
 * The default sender on Node: `node:http`/`node:https` on keep-alive agents, gzip/deflate/br
 * decoded as the body streams. It skips the WHATWG Request/Response objects and async iterators,
 * which cost more than the exchange itself for small JSON answers on a warm connection (numbers in
 * bench/README.md).
 */
export function createNodeSender(options: NodeSenderOptions = {}): Sender {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const ready = new Map<string, Protocol>();
  const load = async (name: 'http:' | 'https:'): Promise<Protocol> => {
    const { default: module } = await (name === 'https:' ? import('node:https') : import('node:http'));
    // Two requests racing on the first load keep the first agent, so sockets are shared.
    let loaded = ready.get(name);
    if (loaded === undefined) {
      loaded = {
        request: (options) => module.request(options),
        agent: new module.Agent(agentOptions),
      };
      ready.set(name, loaded);
    }
    return loaded;
  };
  return async (request) => {
    const { signal } = request;
    const { protocol } = request.url.host;
    if (protocol !== 'https:' && protocol !== 'http:')
      throw new TypeError(`fetch failed: unsupported protocol ${protocol}`);
    const via = ready.get(protocol) ?? (await load(protocol));
    if (signal.aborted) throw signal.reason;
    return send(via, request);
  };
}

function send(via: Protocol, request: SenderRequest): Promise<SenderResponse> {
  return new Promise<SenderResponse>((resolve, reject) => {
    const { url, signal, body } = request;
    const headers: Record<string, string> = {
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': 'node',
      ...request.headers,
    };
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    // The URL's parts, not the URL: node:http would read them out of it on every request.
    const req = via.request({
      ...url.host,
      path: url.path,
      ...(url.auth === undefined ? {} : { auth: url.auth }),
      method: request.method,
      headers,
      agent: via.agent,
    });
    // One listener for the whole exchange: destroying the request also ends its answer's stream.
    const settle = signal.onAbort(() =>
      req.destroy(signal.reason instanceof Error ? signal.reason : undefined),
    );
    // `on`, not `once`: an abort after the answer arrived errors the request again, and an
    // unheard 'error' would crash the process.
    req.on('error', (error) => {
      settle();
      reject(signal.aborted ? signal.reason : fetchFailed(error));
    });
    req.once('response', (res) => {
      const encoding = coding(res);
      if (zlib !== undefined || encoding === undefined)
        return resolve(answer(res, encoding, request, settle));
      // The stream keeps the body's first chunks buffered while zlib loads.
      loadZlib().then(() => resolve(answer(res, encoding, request, settle)), reject);
    });
    req.end(body);
  });
}

type Coding = 'gzip' | 'deflate' | 'br';

/** The answer's content coding Parley decodes, or undefined. */
function coding(res: IncomingMessage): Coding | undefined {
  // From the raw list: `res.headers` would make Node build its header object for one name.
  const value = rawHeader(res.rawHeaders, 'content-encoding')?.trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  return value === 'deflate' || value === 'br' ? value : undefined;
}

function answer(
  res: IncomingMessage,
  encoding: Coding | undefined,
  request: SenderRequest,
  settle: () => void,
): SenderResponse {
  const decoder = decoderFor(encoding);
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
    headers: answerHeaders(res.rawHeaders, decoder !== undefined),
    body: empty ? undefined : bodyOf(stream, res, request.signal, settle, cancel),
    cancel,
  };
}

/**
 * `raw` (name, value, name, value…) read as {@link AnswerHeaders}. Its own function, so what it
 * keeps is the list alone: a closure beside the answer's stream keeps the whole exchange reachable
 * for as long as anyone holds the headers. Measured: more survived each scavenge, and a fresh
 * process's first Sunshine listing grew RSS by 42–52 MB instead of 29–31 (bench/README.md,
 * History: round 6).
 */
function answerHeaders(raw: readonly string[], decoded: boolean): AnswerHeaders {
  // The decoded body no longer matches the coding nor the length the server announced.
  const kept = (name: string) => !decoded || !/^content-(encoding|length)$/i.test(name);
  let all: Headers | undefined;
  return {
    get: (name) => (kept(name) ? rawHeader(raw, name) : null),
    all: () => {
      if (all === undefined) {
        all = new Headers();
        for (let i = 0; i < raw.length; i += 2)
          if (kept(raw[i] ?? '')) all.append(raw[i] ?? '', raw[i + 1] ?? '');
      }
      return all;
    },
  };
}

/** The values of header `name` (lower case) in `raw`, joined by `, ` as `Headers.get` joins them, or null. */
function rawHeader(raw: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const found = raw[i] ?? '';
    if (found.length === name.length && found.toLowerCase() === name)
      value = value === null ? (raw[i + 1] ?? '') : `${value}, ${raw[i + 1] ?? ''}`;
  }
  return value;
}

function bodyOf(
  stream: Readable,
  res: IncomingMessage,
  signal: AttemptSignal,
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

function decoderFor(encoding: Coding | undefined): Transform | undefined {
  if (encoding === undefined || zlib === undefined) return undefined;
  if (encoding === 'gzip') return zlib.createGunzip();
  return encoding === 'deflate' ? zlib.createInflate() : zlib.createBrotliDecompress();
}
