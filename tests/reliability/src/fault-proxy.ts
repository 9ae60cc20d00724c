import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Faults the emulator cannot produce, applied by a loopback proxy in front of it. Each one lets the
 * request reach the emulator first and then replaces the answer, so a write has taken effect: the
 * harshest case for "never sent twice".
 */
export type ProxyFault = '502' | 'schema' | 'empty' | 'envelope';

/** Which request a proxy fault hits: the first one with this method whose path matches. */
interface ProxyMatch {
  method: string;
  path: RegExp;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it in place of the emulator's origin. */
  readonly url: string;
  /** Replaces the answer of the next request matching `match` (one-shot). */
  failNext(fault: ProxyFault, match: ProxyMatch): void;
  /** Drops a pending fault that no request consumed. */
  clear(): void;
  close(): Promise<void>;
}

// Envelopes that say "failed" inside a 2xx answer, in each provider's own shape.
const envelopes = {
  ultracart: {
    success: false,
    error: { developer_message: 'Conversation is locked', error_code: 'locked', user_message: 'Try later' },
    metadata: {},
  },
  sunshine: { errors: [{ code: 'conflict', title: 'Conversation is locked' }] },
} as const;

/**
 * A body that breaks the response schema: every top-level value swapped for one of the wrong type,
 * or a bare string where an object (`{}`) or nothing was expected.
 */
function breakSchema(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length === 0)
    return 'broken';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = typeof value === 'string' ? 42 : 'broken';
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * Starts a proxy to `target` (the emulator's origin). Answers pass through unchanged, except that the
 * emulator's origin inside them is rewritten to the proxy's (so a presigned upload URL also goes
 * through the proxy) and a pending fault replaces the first matching answer.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  // A private agent without keep-alive: closing the proxy leaves no socket behind.
  const agent = new Agent({ keepAlive: false });
  let pending: { fault: ProxyFault; match: ProxyMatch } | undefined;
  let origin = '';

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      headers.host = upstream.host;
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
        (res) => {
          readAll(res).then((data) => {
            const answer: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (
                value !== undefined &&
                !['content-length', 'transfer-encoding', 'connection'].includes(name)
              )
                answer[name] = Array.isArray(value) ? value.join(', ') : value;
            resolve({ status: res.statusCode ?? 502, headers: answer, body: data });
          }, reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const answer = await forward(req, body);
    const path = new URL(req.url ?? '/', origin).pathname;
    let text = answer.body.toString('utf8').split(target).join(origin);
    let status = answer.status;
    const rule = pending;
    if (rule !== undefined && rule.match.method === req.method && rule.match.path.test(path)) {
      pending = undefined;
      const provider = path.startsWith('/sc/') ? 'sunshine' : 'ultracart';
      const json = () => (text === '' ? undefined : (JSON.parse(text) as unknown));
      if (rule.fault === '502') {
        status = 502;
        answer.headers['content-type'] = 'text/html';
        text = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      } else if (rule.fault === 'empty') {
        text = '';
      } else {
        if (status === 204) status = 200;
        answer.headers['content-type'] = 'application/json';
        text = JSON.stringify(rule.fault === 'schema' ? breakSchema(json()) : envelopes[provider]);
      }
    }
    const payload = Buffer.from(text);
    res.writeHead(status, { ...answer.headers, 'content-length': String(payload.length) });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    failNext: (fault, match) => {
      pending = { fault, match };
    },
    clear: () => {
      pending = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
