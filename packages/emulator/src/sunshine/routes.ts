import { randomBytes } from 'node:crypto';
import {
  HttpError,
  header,
  matchRoute,
  objectBody,
  type Reply,
  type RequestContext,
  type Route,
  route,
} from '../http.js';
import type { FileStore } from '../uploads.js';
import { checkSunshineAuth, type SunshineCredentials } from './auth.js';
import { parseMultipart } from './multipart.js';
import { cutPage, type PageResult, parsePage } from './paging.js';
import type { SunshineStore } from './store.js';
import { conversationWire, messageWire, participantWire } from './wire.js';

/** What the Sunshine routes need besides the request. */
export interface SunshineEnv {
  readonly store: SunshineStore;
  readonly files: FileStore;
  readonly credentials: SunshineCredentials;
  readonly now: () => number;
}

type Ctx = RequestContext & { readonly env: SunshineEnv };

/** Sunshine's `{errors:[{code,title}]}` reply. */
export function sunshineError(
  status: number,
  code: string,
  title: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers, body: { errors: [{ code, title }] } };
}

const APP_PATH = /^(?:\/sc)?\/v2\/apps\/(?<appId>[^/]+)(?<rest>\/.*)?$/;
const JSON_LIMIT = 100 * 1024;

const conv = (ctx: Ctx, p: Record<string, string>) => ctx.env.store.find(p.cid ?? '');
const json = (ctx: Ctx, required = true): Record<string, unknown> => {
  if (ctx.body.length > 0 && !/application\/json/i.test(header(ctx.headers, 'content-type') ?? '')) {
    throw new HttpError(400, 'bad_request', 'content-type: application/json is required');
  }
  if (ctx.body.length > JSON_LIMIT)
    throw new HttpError(413, 'request_entity_too_large', 'JSON body exceeds 100kb');
  return objectBody(ctx, required);
};

const R = route<Ctx>;

const EMPTY: Reply = { status: 200, body: {} };

/** A list answer: the page's items on the wire under `key`, with Sunshine's `meta` and `links`. */
function listReply<T>(key: string, page: PageResult<T>, wire: (item: T) => unknown): Reply {
  return { status: 200, body: { [key]: page.items.map(wire), meta: page.meta, links: page.links } };
}

const routes: Route<Ctx>[] = [
  R('POST', '/conversations', (ctx) => {
    const created = ctx.env.store.create(json(ctx), ctx.env.now());
    return { status: 201, body: { conversation: conversationWire(created) } };
  }),
  R('GET', '/conversations', (ctx) => {
    const userId = ctx.query.get('filter[userId]') ?? undefined;
    const userExternalId = ctx.query.get('filter[userExternalId]') ?? undefined;
    if ((userId === undefined) === (userExternalId === undefined)) {
      throw new HttpError(
        400,
        'bad_request',
        'One of filter[userId] or filter[userExternalId] is required, but not both',
      );
    }
    const page = parsePage(ctx.query);
    const user = ctx.env.store.user({ userId, userExternalId });
    const cut = cutPage(user.conversations, (c) => c.id, page, false, ctx);
    return listReply('conversations', cut, conversationWire);
  }),
  R('GET', '/conversations/{cid}', (ctx, p) => ({
    status: 200,
    body: { conversation: conversationWire(conv(ctx, p)) },
  })),
  R('PATCH', '/conversations/{cid}', (ctx, p) => {
    const c = conv(ctx, p);
    ctx.env.store.update(c, json(ctx));
    return { status: 200, body: { conversation: conversationWire(c) } };
  }),
  R('DELETE', '/conversations/{cid}', (ctx, p) => {
    ctx.env.store.delete(conv(ctx, p));
    return EMPTY;
  }),
  R('POST', '/conversations/{cid}/join', (ctx, p) => {
    const participant = ctx.env.store.join(conv(ctx, p), json(ctx), ctx.env.now());
    return { status: 201, body: { participant: participantWire(participant) } };
  }),
  R('POST', '/conversations/{cid}/leave', (ctx, p) => {
    ctx.env.store.leave(conv(ctx, p), json(ctx));
    return EMPTY;
  }),
  R('GET', '/conversations/{cid}/participants', (ctx, p) => {
    const c = conv(ctx, p);
    const cut = cutPage(ctx.env.store.participantsOf(c), (x) => x.id, parsePage(ctx.query), false, ctx);
    return listReply('participants', cut, participantWire);
  }),
  R('POST', '/conversations/{cid}/messages', (ctx, p) => {
    const message = ctx.env.store.post(conv(ctx, p), json(ctx), ctx.env.now());
    return { status: 201, body: { messages: [messageWire(message)] } };
  }),
  R('GET', '/conversations/{cid}/messages', (ctx, p) => {
    const c = conv(ctx, p);
    // List Messages: fixed 100 per page, newest page first.
    const cut = cutPage(ctx.env.store.messagesOf(c), (m) => m.id, parsePage(ctx.query, 100), true, ctx);
    return listReply('messages', cut, messageWire);
  }),
  R('DELETE', '/conversations/{cid}/messages', (ctx, p) => {
    const c = conv(ctx, p);
    ctx.env.store.ownMessages(c).length = 0;
    return EMPTY;
  }),
  R('DELETE', '/conversations/{cid}/messages/{mid}', (ctx, p) => {
    const messages = ctx.env.store.ownMessages(conv(ctx, p));
    const at = messages.findIndex((m) => m.id === p.mid);
    if (at < 0) throw new HttpError(404, 'not_found', 'Message not found');
    messages.splice(at, 1);
    return EMPTY;
  }),
  R('POST', '/conversations/{cid}/activity', (ctx, p) => {
    ctx.env.store.activity(conv(ctx, p), json(ctx), ctx.env.now());
    return EMPTY;
  }),
  ...['passControl', 'offerControl', 'acceptControl', 'releaseControl'].map((action) =>
    R('POST', `/conversations/{cid}/${action}`, (ctx, p) => {
      conv(ctx, p);
      json(ctx, false);
      return EMPTY;
    }),
  ),
  R('POST', '/attachments', (ctx) => {
    const access = ctx.query.get('access') ?? 'public';
    if (access !== 'public') throw new HttpError(400, 'bad_request', 'Only public access is supported');
    const conversationId = ctx.query.get('conversationId');
    if (conversationId) ctx.env.store.find(conversationId);
    const source = parseMultipart(header(ctx.headers, 'content-type'), ctx.body).find(
      (part) => part.name === 'source',
    );
    if (!source) throw new HttpError(400, 'bad_request', 'The source part is required');
    const filename = (source.filename ?? 'file').replace(/[^\w.-]+/g, '_') || 'file';
    const mediaType = source.contentType ?? 'application/octet-stream';
    const path = `/sc/attachments/v2/${randomBytes(13).toString('hex').toUpperCase()}/${filename}`;
    ctx.env.files.put(path, { bytes: Buffer.from(source.data), contentType: mediaType });
    return { status: 201, body: { attachment: { mediaUrl: `${ctx.origin}${path}`, mediaType } } };
  }),
  R('POST', '/attachments/remove', (ctx) => {
    const mediaUrl = json(ctx).mediaUrl;
    const prefix = `${ctx.origin}/sc/attachments/`;
    if (typeof mediaUrl !== 'string' || !mediaUrl.startsWith(prefix)) {
      throw new HttpError(
        400,
        'bad_request',
        `Unsupported media URL for attachment deletion: ${String(mediaUrl)}`,
      );
    }
    if (!ctx.env.files.delete(mediaUrl.slice(ctx.origin.length)))
      throw new HttpError(404, 'not_found', 'Attachment not found');
    return EMPTY;
  }),
];

/** True when the path belongs to the Sunshine API. */
export function isSunshinePath(path: string): boolean {
  return APP_PATH.test(path);
}

/** Answers one request under `/v2/apps/{appId}` (or `/sc/v2/apps/{appId}`) in Sunshine's manner. */
export function handleSunshine(ctx: RequestContext, env: SunshineEnv): Reply {
  try {
    const denied = checkSunshineAuth(ctx, env.credentials, env.now());
    if (denied) return sunshineError(401, 'unauthorized', denied);
    const m = APP_PATH.exec(ctx.path);
    if (m?.groups?.appId !== env.credentials.appId) {
      return sunshineError(403, 'forbidden', 'The API key does not give access to this app');
    }
    const rest = m.groups.rest ?? '/';
    const found = matchRoute(routes, ctx.method, rest);
    if (!found.route) {
      return found.methodMismatch
        ? sunshineError(405, 'method_not_allowed', `Method ${ctx.method} not allowed`)
        : sunshineError(404, 'not_found', 'Resource not found');
    }
    return found.route.handle({ ...ctx, env }, found.params);
  } catch (error) {
    if (error instanceof HttpError) return sunshineError(error.status, error.code, error.message);
    return sunshineError(500, 'internal_error', error instanceof Error ? error.message : 'Internal error');
  }
}
