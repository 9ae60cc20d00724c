import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { invalidResponseAt } from '../errors/error-factories.js';
import { runtimeImports } from '../testing/runtime-imports.js';
import { readUpload, uploadExtension } from './upload.js';

const context = { provider: 'acme', operation: 'media.upload' };

describe('uploadExtension', () => {
  it('takes the filename’s extension, else the content type’s usual one', () => {
    expect(uploadExtension({ filename: 'Photo.PNG', contentType: 'image/png' }, context)).toBe('png');
    expect(uploadExtension({ contentType: 'text/plain; charset=utf-8' }, context)).toBe('txt');
    expect(uploadExtension({ contentType: 'image/jpeg' }, context)).toBe('jpg');
    expect(uploadExtension({ contentType: 'application/pdf' }, context)).toBe('pdf');
  });

  it('refuses an extension that could climb a path, and a content type no header can carry', () => {
    expect(() => uploadExtension({ filename: 'x.../..', contentType: 'image/png' }, context)).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: 'input.filename must end in an extension of 1 to 10 letters or digits',
      }),
    );
    expect(() => uploadExtension({ contentType: 'image/png\0' }, context)).toThrow(
      expect.objectContaining({ code: 'invalid_request', provider: 'acme' }),
    );
  });
});

describe('readUpload', () => {
  const limits = { maxBytes: 8, context };
  it('returns a Blob of the content type for every kind of data', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.enqueue(new Uint8Array([3]));
        controller.close();
      },
    });
    for (const data of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array([1, 2, 3]).buffer,
      new Blob([new Uint8Array([1, 2, 3])]),
      stream,
    ]) {
      const blob = await readUpload({ data, contentType: 'image/png' }, limits);
      expect(blob.type).toBe('image/png');
      expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    }
  });

  it('refuses more than maxBytes, reading a stream only up to the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4));
      },
    });
    await expect(readUpload({ data: endless, contentType: 'image/png' }, limits)).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'input.data must be at most 8 bytes (got 12 or more)',
    });
    expect(pulled).toBeLessThan(5);
    await expect(
      readUpload({ data: new Uint8Array(9), contentType: 'image/png' }, limits),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('turns a failing stream into invalid_request', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull() {
        throw new Error('disk gone');
      },
    });
    await expect(readUpload({ data: failing, contentType: 'image/png' }, limits)).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'input.data could not be read: the stream failed',
      operation: 'media.upload',
    });
  });

  it('reads in a module that imports only types, so it loads with the first upload', () => {
    const source = readFileSync(new URL('./read-bytes.ts', import.meta.url), 'utf8');
    expect(source).toContain('export async function readBytes');
    expect(runtimeImports(source)).toEqual([]);
  });
});

describe('invalidResponseAt', () => {
  it('words a hand-written check like a schema failure', () => {
    expect(
      invalidResponseAt('conversation.start_dts', 'must be an ISO-8601 timestamp', {
        provider: 'ultracart',
        operation: 'getConversation',
      }),
    ).toMatchObject({
      code: 'invalid_response',
      message:
        'ultracart sent an unexpected getConversation response at conversation.start_dts: must be an ISO-8601 timestamp',
    });
  });
});
