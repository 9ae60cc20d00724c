import { Agent, request } from 'node:http';

/** A request as Parley sent it, replayed by the baselines. */
export interface RecordedRequest {
  url: string;
  headers: Record<string, string>;
}

/**
 * A fetch that records what it is asked for, wrapped around the global fetch, so the baselines
 * request exactly the URLs and headers Parley does.
 */
export function recordingFetch(into: RecordedRequest[]): typeof globalThis.fetch {
  return (input, init) => {
    const sent = new Request(input, init);
    const headers: Record<string, string> = {};
    sent.headers.forEach((value, name) => {
      headers[name] = value;
    });
    into.push({ url: sent.url, headers });
    return globalThis.fetch(sent);
  };
}

/** Baseline (a): the global fetch and `JSON.parse` of the text, every request in parallel. */
export function fetchBaseline(requests: readonly RecordedRequest[]): () => Promise<unknown> {
  return () =>
    Promise.all(
      requests.map(async ({ url, headers }) => {
        const response = await fetch(url, { headers });
        const text = await response.text();
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
        return JSON.parse(text) as unknown;
      }),
    );
}

/** Baseline (b): `node:http` with a keep-alive agent, the floor on loopback. */
export function nodeHttpBaseline(requests: readonly RecordedRequest[]): () => Promise<unknown> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  return () => Promise.all(requests.map(({ url, headers }) => getJson(url, headers, agent)));
}

/** GET `url` over `agent` and parse the JSON answer. */
export function getJson(url: string, headers: Record<string, string>, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 400) reject(new Error(`HTTP ${res.statusCode} for ${url}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
