import type { ProviderName, Reply, RequestContext } from './http.js';
import { handleSunshine, isSunshinePath, type SunshineEnv, sunshineError } from './sunshine/routes.js';
import { handleUltraCart, type UltraCartEnv } from './ultracart/routes.js';
import type { FileStore } from './uploads.js';

// A 1x1 PNG served for seeded Sunshine image messages, so their mediaUrl can be fetched.
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** What the router hands each emulated API. */
export interface RouterEnv {
  readonly ultracart: UltraCartEnv;
  readonly sunshine: SunshineEnv;
  /** Presigned uploads and Sunshine attachments. */
  readonly files: FileStore;
  readonly now: () => number;
}

/** Which emulated API a path belongs to. */
export function providerOf(path: string): ProviderName {
  if (path === '/rest/v2' || path.startsWith('/rest/v2/')) return 'ultracart';
  if (isSunshinePath(path) || path.startsWith('/sc/attachments/')) return 'sunshine';
  if (path.startsWith('/uploads/')) return 'uploads';
  return 'emulator';
}

/**
 * Answers a request with the API `provider` names: UltraCart under `/rest/v2`, Sunshine under
 * `/sc/v2/apps/{appId}` with attachments under `/sc/attachments/`, uploads under `/uploads/`, and
 * at `/` where each API is.
 */
export function dispatch(env: RouterEnv, provider: ProviderName, ctx: RequestContext): Reply {
  if (provider === 'ultracart') return handleUltraCart(ctx, env.ultracart);
  if (provider === 'uploads') return env.files.handleUpload(ctx, env.now());
  if (provider === 'sunshine') {
    if (ctx.path.startsWith('/sc/attachments/')) return attachment(env.files, ctx);
    return handleSunshine(ctx, env.sunshine);
  }
  if (ctx.path === '/' && ctx.method === 'GET') {
    return {
      status: 200,
      body: {
        name: '@parley/emulator',
        ultracart: { baseUrl: `${ctx.origin}/rest/v2` },
        sunshine: { baseUrl: `${ctx.origin}/sc`, appId: env.sunshine.credentials.appId },
      },
    };
  }
  return { status: 404, body: { error: `No emulated API at ${ctx.path}` } };
}

/** An uploaded attachment, or the placeholder image of a seeded one. */
function attachment(files: FileStore, ctx: RequestContext): Reply {
  const file =
    files.get(ctx.path) ??
    (ctx.path.startsWith('/sc/attachments/v2/seed/')
      ? { bytes: PLACEHOLDER_PNG, contentType: 'image/png' }
      : undefined);
  if (ctx.method !== 'GET' || !file) return sunshineError(404, 'not_found', 'Attachment not found');
  return { status: 200, headers: { 'content-type': file.contentType }, body: file.bytes };
}
