import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationError, createConversations } from '@parley/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, fixture } from './__fixtures__/harness.js';
import { createTestProvider, testConfig } from './__fixtures__/test-provider.js';
import { sunshine } from './adapter.js';
import { uploadForm } from './upload-form.js';

/** What the loopback server received: one entry per request. */
const received: { url: string; contentType: string; body: Buffer }[] = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fixture('upload-attachment')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

function client(useFetch: boolean) {
  return createConversations({
    adapters: [sunshine],
    config: { provider: 'sunshine', sunshine: testConfig({ subdomain: undefined, baseUrl }) },
    ...(useFetch ? { fetch: globalThis.fetch } : {}),
  });
}

/** The parts of a multipart body: each part's header lines and its bytes. */
function parts(request: { contentType: string; body: Buffer }): { headers: string[]; data: Buffer }[] {
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(request.contentType)?.[1];
  if (boundary === undefined) throw new Error('not multipart/form-data');
  const text = request.body.toString('latin1'); // byte for byte, so offsets match the Buffer
  const sections = text.split(`--${boundary}`);
  // Before the first delimiter: nothing; after the last: `--\r\n`.
  expect(sections[0]).toBe('');
  expect(sections.at(-1)).toBe('--\r\n');
  return sections.slice(1, -1).map((section) => {
    expect(section.startsWith('\r\n') && section.endsWith('\r\n')).toBe(true);
    const end = section.indexOf('\r\n\r\n');
    return {
      headers: section.slice(2, end).split('\r\n'),
      data: Buffer.from(section.slice(end + 4, -2), 'latin1'),
    };
  });
}

const hostile = 'a"; name="other"\r\nX-Injected: yes\r\n\r\nfake\u0000 ñ 名前 😀.png';

describe.each([
  ['the default sender', false],
  ['the fetch sender', true],
])('a hostile filename on %s', (_name, useFetch) => {
  it('stays inside the filename parameter: one part, two header lines, the bytes intact', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x00, 0xff]);
    await client(useFetch).media.upload({ data: bytes, contentType: 'image/png', filename: hostile });
    expect(received).toHaveLength(1);
    const [part, ...others] = parts(received[0] as { contentType: string; body: Buffer });
    expect(others).toEqual([]);
    expect(part?.headers).toHaveLength(2);
    const [disposition, type] = part?.headers ?? [];
    expect(type).toBe('Content-Type: image/png');
    const match = /^Content-Disposition: form-data; name="source"; filename="([^"]*)"$/.exec(
      disposition ?? '',
    );
    expect(match).not.toBeNull();
    const sentName = Buffer.from(match?.[1] ?? '', 'latin1').toString('utf8');
    // No quote, CR or LF survives raw; decoding the escapes gives the name back unchanged.
    expect(sentName).not.toMatch(/["\r\n]/);
    expect(sentName.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n')).toBe(hostile);
    expect(received[0]?.body.toString('latin1')).not.toMatch(/^X-Injected/m);
    expect(Buffer.compare(part?.data ?? Buffer.alloc(0), Buffer.from(bytes))).toBe(0);
  });
});

describe('upload content types (Sunshine)', () => {
  it.each([
    ['a NUL', 'image/png\u0000'],
    ['non-ASCII', 'image/pngé'],
    ['a line break', 'image/png\r\nx: 1'],
    ['no subtype', 'imagepng'],
  ])('the provider refuses %s before any request, never sending octet-stream', async (_why, contentType) => {
    const provider = createTestProvider(testConfig({ subdomain: undefined, baseUrl }));
    const error = await failure(
      provider.uploadMedia({ data: new Uint8Array([1]), contentType, filename: 'a.png' }, {}),
    );
    expect(error).toMatchObject({ code: 'invalid_request', operation: 'media.upload' });
    expect(error.message.startsWith('input.contentType ')).toBe(true);
    expect(error.message).not.toContain(contentType);
    expect(received).toEqual([]);
  });

  it('the raw API refuses a bad contentType or Blob type, naming the field, before any request', async () => {
    const { raw } = createTestProvider(testConfig({ subdomain: undefined, baseUrl }));
    const bad = await failure(
      raw.uploadAttachment({ source: new Blob(['x']), filename: 'a.png', contentType: 'image/png\u0000' }),
    );
    expect(bad).toMatchObject({ code: 'invalid_request', operation: 'uploadAttachment' });
    expect(bad.message).toBe('file.contentType must not contain control characters');
    // A Blob keeps a printable type as is, so a malformed one reaches the raw API.
    const blob = await failure(raw.uploadAttachment({ source: new Blob(['x'], { type: 'not a type' }) }));
    expect(blob.message).toBe("file.source.type must be a media type like 'image/png' (type/subtype)");
    expect(received).toEqual([]);
  });

  it('the raw API sends the given contentType, else the Blob type, else octet-stream', async () => {
    const { raw } = createTestProvider(testConfig({ subdomain: undefined, baseUrl }));
    await raw.uploadAttachment({ source: new Blob(['x'], { type: 'image/gif' }), contentType: 'image/webp' });
    await raw.uploadAttachment({ source: new Blob(['x'], { type: 'image/gif' }) });
    await raw.uploadAttachment({ source: new Blob(['x']) });
    expect(received.map((request) => parts(request)[0]?.headers[1])).toEqual([
      'Content-Type: image/webp',
      'Content-Type: image/gif',
      'Content-Type: application/octet-stream',
    ]);
  });

  it('sends a valid content type with parameters unchanged (lower-cased, as Blob does)', async () => {
    await client(false).media.upload({
      data: new Uint8Array([1]),
      contentType: 'text/plain; charset="UTF-8"',
      filename: 'notes.txt',
    });
    expect(parts(received[0] as { contentType: string; body: Buffer })[0]?.headers[1]).toBe(
      'Content-Type: text/plain; charset="utf-8"',
    );
  });
});

describe('uploadForm', () => {
  it('builds one `source` part and reuses a Blob whose type already matches', () => {
    const source = new Blob(['x'], { type: 'image/png' });
    const entry = uploadForm({ source, filename: 'a.png', contentType: 'IMAGE/PNG' }, 'op').get('source');
    expect(entry).toBeInstanceOf(Blob);
    expect((entry as File).name).toBe('a.png');
    expect((entry as File).type).toBe('image/png');
  });

  it('throws a ConversationError, not a TypeError, for a bad type', () => {
    expect(() => uploadForm({ source: new Blob(['x']), contentType: '' }, 'op')).toThrow(ConversationError);
  });
});
