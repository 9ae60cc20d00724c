// Run in a fresh `node --expose-gc --import tsx` by create-transport.retention.test.ts: sends
// requests through the transport on the Node sender to a loopback server, keeps every answer the
// transport returned, collects garbage, and prints how many of the exchanges' `IncomingMessage`s
// are still alive (one JSON line). An answer must not keep its exchange: whatever holds an answer
// or its headers would hold the socket's message and stream too, and more then survives each of
// V8's scavenges (bench/README.md, History: round 6).
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { createTransport } from '../create-transport.js';

const REQUESTS = 20;
const exchanges: WeakRef<http.IncomingMessage>[] = [];
const original = http.request;
// Watches every exchange the Node sender starts (it calls `request` on the module, as nock needs).
(http as { request: unknown }).request = (...args: Parameters<typeof http.request>) =>
  original(...args).once('response', (res) => exchanges.push(new WeakRef(res)));
syncBuiltinESMExports();

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r1' });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };
const transport = createTransport({ provider: 'probe', baseUrl: `http://127.0.0.1:${port}/v1` });

const answers = [];
for (let i = 0; i < REQUESTS; i++)
  answers.push(await transport.request({ operation: 'probe', method: 'GET', path: `things/${i}` }));
await new Promise<void>((resolve) => server.close(() => resolve()));
// Sockets and timers let go over a few turns; then a full collection.
await delay(50);
(globalThis as { gc?: () => void }).gc?.();
await delay(10);
(globalThis as { gc?: () => void }).gc?.();
const alive = exchanges.filter((ref) => ref.deref() !== undefined).length;
console.log(
  JSON.stringify({
    sent: exchanges.length,
    alive,
    kept: answers.length,
    header: answers[0]?.headers.get('x-request-id'),
  }),
);
process.exit(0);
