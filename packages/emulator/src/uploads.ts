import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Reply, RequestContext } from './http.js';

/** A stored file. */
export interface StoredFile {
  readonly bytes: Buffer;
  readonly contentType: string;
}

/**
 * Files uploaded through UltraCart's presigned URL (`/uploads/{key}`) and Sunshine attachments
 * (`/sc/attachments/v2/...`), kept in memory for the life of the emulator.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly signingSecret: string) {}

  /** Signature for a presigned upload key (HMAC, like S3's, so a tampered URL is refused). */
  private sign(key: string, expires: number): string {
    return createHmac('sha256', this.signingSecret).update(`${key}\n${expires}`).digest('hex');
  }

  /** The presigned PUT URL for `key`, valid for 15 minutes. */
  presignedUrl(origin: string, key: string, now: number): string {
    const expires = Math.floor(now / 1000) + 900;
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${origin}/uploads/${path}?X-Amz-Expires=900&expires=${expires}&signature=${this.sign(key, expires)}`;
  }

  /** Stores a file under a path. */
  put(path: string, file: StoredFile): void {
    this.files.set(path, file);
  }

  /** A stored file or undefined. */
  get(path: string): StoredFile | undefined {
    return this.files.get(path);
  }

  /** Removes a file; false if it was not there. */
  delete(path: string): boolean {
    return this.files.delete(path);
  }

  /** `PUT|GET /uploads/{key}`: the presigned target. PUT needs a valid signature and no API credentials. */
  handleUpload(ctx: RequestContext, now: number): Reply {
    let key: string;
    try {
      key = decodeURIComponent(ctx.path.slice('/uploads/'.length));
    } catch {
      // A malformed escape (`%ZZ`) names no key; answer as the storage host would, not with a 500.
      return xmlError(400, 'InvalidURI', 'Could not parse the specified URI.');
    }
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      const file = this.files.get(`/uploads/${key}`);
      if (!file) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.');
      return { status: 200, headers: { 'content-type': file.contentType }, body: file.bytes };
    }
    if (ctx.method !== 'PUT') return xmlError(405, 'MethodNotAllowed', 'Only PUT and GET are allowed.');
    // A presigned URL carries its own authorisation; S3 refuses a second mechanism, and the
    // client must never leak its UltraCart key to the storage host.
    if (ctx.headers.authorization !== undefined || ctx.headers['x-ultracart-simple-key'] !== undefined) {
      return xmlError(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; credentials must not be sent.',
      );
    }
    const expires = Number(ctx.query.get('expires'));
    const signature = ctx.query.get('signature') ?? '';
    const expected = this.sign(key, expires);
    if (
      !Number.isFinite(expires) ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match.');
    }
    if (expires * 1000 < now) return xmlError(403, 'AccessDenied', 'Request has expired');
    const contentType = ctx.headers['content-type'] ?? 'application/octet-stream';
    this.files.set(`/uploads/${key}`, { bytes: ctx.body, contentType });
    return { status: 200, headers: { etag: `"${expected.slice(0, 32)}"` } };
  }
}

function xmlError(status: number, code: string, message: string): Reply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) };
}
