import { type IncomingHttpHeaders, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './index.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ seed: 5 });
});
afterAll(() => emu.close());

// Over the emulator's 60 MiB request limit.
const CHUNK = Buffer.alloc(1024 * 1024, 120);
const CHUNKS = 61;

interface Received {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** Sends CHUNKS × CHUNK with node:http (declaring the length or chunked) and reads the answer. */
function sendTooLarge(
  method: string,
  url: string,
  headers: Record<string, string>,
  declareLength: boolean,
): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(declareLength ? { 'content-length': String(CHUNK.length * CHUNKS) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as unknown }),
        );
      },
    );
    // A reset before the answer (the bug this covers) rejects here.
    req.on('error', reject);
    let sent = 0;
    const write = (): void => {
      while (sent < CHUNKS) {
        sent++;
        if (!req.write(CHUNK)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('request bodies over the limit', () => {
  it('get UltraCart’s 413 error (length declared), then the connection closes', async () => {
    emu.clearRequests();
    const answer = await sendTooLarge(
      'PUT',
      `${emu.ultracart.baseUrl}/conversation/conversations`,
      { 'x-ultracart-simple-key': emu.ultracart.apiKey },
      true,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['x-ultracart-request-id']).toMatch(/^[0-9A-F]+$/);
    expect(answer.body).toMatchObject({ success: false, error: { error_code: '413' } });
    expect(emu.requests.map((r) => [r.provider, r.method, r.status])).toEqual([['ultracart', 'PUT', 413]]);
  });

  it('get Sunshine’s 413 error (chunked, no length), and the emulator keeps serving', async () => {
    emu.clearRequests();
    const base = `${emu.sunshine.baseUrl}/v2/apps/${emu.sunshine.appId}`;
    const answer = await sendTooLarge('POST', `${base}/conversations`, {}, false);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toEqual({
      errors: [{ code: 'request_entity_too_large', title: expect.stringMatching(/exceeds \d+ bytes/) }],
    });
    expect(emu.requests.map((r) => [r.provider, r.status])).toEqual([['sunshine', 413]]);
    const next = await fetch(`${emu.url}/`);
    expect(next.status).toBe(200);
  });
});
