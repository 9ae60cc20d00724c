import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAfterAnswer, readRequestBody, requestSent } from './http.js';

const LIMIT = 1024;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server answering the body's size, or 413 through the helpers under test. */
async function start(graceMs = 2_000): Promise<number> {
  server = createServer((req, res) => {
    void readRequestBody(req, LIMIT).then(async (body) => {
      if (body) return void res.end(`got ${body.length}`);
      await requestSent(req, graceMs);
      closeAfterAnswer(req, res);
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end('{"error":"too large"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends raw HTTP/1.1 and reads until the server ends the connection. */
function exchange(
  port: number,
  head: string,
  body: Buffer,
): Promise<{ text: string; endedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let endedByServer = false;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => (endedByServer = true));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, endedByServer }));
    socket.write(head);
    socket.write(body);
  });
}

describe('readRequestBody', () => {
  it('gives a body within the limit whole', async () => {
    const port = await start();
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(LIMIT) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`got ${LIMIT}`);
  });

  it('answers a body over the limit with 413 and then closes the connection cleanly', async () => {
    const port = await start();
    const size = LIMIT * 64;
    const { text, endedByServer } = await exchange(
      port,
      `POST / HTTP/1.1\r\nhost: x\r\ncontent-length: ${size}\r\n\r\n`,
      Buffer.alloc(size, 97),
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('{"error":"too large"}');
    // The server, not the client, ended the connection: a FIN, not a reset (which rejects above).
    expect(endedByServer).toBe(true);
  });

  it('refuses an oversized chunked body once it passes the limit', async () => {
    const port = await start();
    const chunk = Buffer.alloc(LIMIT, 98);
    const chunks = Array.from(
      { length: 8 },
      () => `${LIMIT.toString(16)}\r\n${chunk.toString('latin1')}\r\n`,
    );
    const { text, endedByServer } = await exchange(
      port,
      'POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n',
      Buffer.from(`${chunks.join('')}0\r\n\r\n`, 'latin1'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(endedByServer).toBe(true);
  });
});

describe('requestSent', () => {
  it('stops waiting after maxWaitMs when the client never finishes its body', async () => {
    const port = await start(150);
    const started = Date.now();
    // Declares more than it sends, so the request never completes; the answer comes after the grace.
    const { text } = await exchange(
      port,
      `POST / HTTP/1.1\r\nhost: x\r\ncontent-length: ${LIMIT * 10}\r\n\r\n`,
      Buffer.alloc(LIMIT * 2, 99),
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
