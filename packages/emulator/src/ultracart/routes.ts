import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  HttpError,
  header,
  intQuery,
  matchRoute,
  objectBody,
  optionalString,
  type Reply,
  type RequestContext,
  type Route,
  route,
} from '../http.js';
import { ultracartDate } from '../time.js';
import type { FileStore } from '../uploads.js';
import { conversationWire, messagesSinceWire } from './conversation-wire.js';
import { type AgentStatus, MERCHANT_ID } from './model.js';
import { queueStatusesWire } from './queue-wire.js';
import type { UltraCartStore } from './store.js';

/** The only API version UltraCart accepts. */
export const ULTRACART_API_VERSION = '2017-03-01';

/** What the UltraCart routes need besides the request. */
export interface UltraCartEnv {
  readonly store: UltraCartStore;
  readonly files: FileStore;
  readonly apiKey: string;
  readonly accessToken: string;
  readonly now: () => number;
}

type Ctx = RequestContext & { readonly env: UltraCartEnv };

/** `reply` with a fresh `X-UltraCart-Request-Id` (31 upper-case hex digits, like the real ones). */
export function withUltraCartRequestId(reply: Reply): Reply {
  const id = randomBytes(16).toString('hex').toUpperCase().slice(0, 31);
  return { ...reply, headers: { 'X-UltraCart-Request-Id': id, ...reply.headers } };
}

/** UltraCart's `ErrorResponse` with the `UC-REST-ERROR` header. */
export function ultracartError(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    // A header value must be Latin-1 without control characters; messages may quote ids that are not.
    headers: { 'UC-REST-ERROR': message.replace(/[^\x20-\x7e]/g, '?'), ...headers },
    body: {
      error: { developer_message: message, error_code: String(status), user_message: message },
      metadata: {},
      success: false,
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authenticate(ctx: Ctx): Reply | undefined {
  const version = header(ctx.headers, 'x-ultracart-api-version');
  if (version === undefined) {
    return ultracartError(
      400,
      'Missing required header X-UltraCart-Api-Version. The current version is 2017-03-01.',
    );
  }
  if (version !== ULTRACART_API_VERSION) return ultracartError(400, `Unsupported API version ${version}.`);
  const key = header(ctx.headers, 'x-ultracart-simple-key');
  const authorization = header(ctx.headers, 'authorization');
  if (key !== undefined) {
    return safeEqual(key, ctx.env.apiKey) ? undefined : ultracartError(401, 'Invalid credentials supplied.');
  }
  if (authorization !== undefined) {
    const m = /^Bearer (.+)$/.exec(authorization);
    return m?.[1] !== undefined && safeEqual(m[1], ctx.env.accessToken)
      ? undefined
      : ultracartError(401, 'Invalid OAuth access token.');
  }
  return ultracartError(401, 'Missing credentials: send x-ultracart-simple-key or Authorization: Bearer.');
}

function ok(payload: Record<string, unknown>): Reply {
  return { status: 200, body: { ...payload, success: true, metadata: {} } };
}

const NO_CONTENT: Reply = { status: 204 };

const R = (method: string, path: string, handle: Route<Ctx>['handle']): Route<Ctx> =>
  route(method, `/rest/v2/conversation${path}`, handle);

const routes: Route<Ctx>[] = [
  R('GET', '/agent/keepalive', () => NO_CONTENT),
  R('PUT', '/agent/auth', (ctx) => {
    const me = ctx.env.store.me;
    const ws = ctx.origin.replace(/^http/, 'ws');
    return ok({
      agent_auth: {
        chat_admin: true,
        chat_user: true,
        conversation_participant_arn: me.arn,
        conversation_participant_name: me.name,
        customer_profile: true,
        group_ids: [1],
        jwt: `emulator.${Buffer.from(JSON.stringify({ sub: me.userId, iat: Math.floor(ctx.env.now() / 1000) })).toString('base64url')}.sig`,
        merchant_id: MERCHANT_ID,
        merchants: [{ company: 'Demo Outfitters', is_parent: true, merchant_id: MERCHANT_ID }],
        parent_merchant_id: MERCHANT_ID,
        pbx_admin: false,
        pbx_supervisor: false,
        pbx_user: false,
        twilio_accounts: [],
        user_id: me.userId,
        // The emulator does not implement the agent websocket; the URL is shaped like one.
        websocket_url: `${ws}/rest/v2/conversation/websocket`,
      },
    });
  }),
  R('GET', '/conversations', (ctx) => {
    const limit = Math.min(intQuery(ctx.query, '_limit') ?? 100, 200);
    const offset = intQuery(ctx.query, '_offset') ?? 0;
    if (limit < 1) throw new HttpError(400, 'bad_request', '_limit must be between 1 and 200');
    const medium = ctx.query.get('medium') ?? undefined;
    const beforeRaw = ctx.query.get('before');
    const before = beforeRaw ? Date.parse(beforeRaw) : undefined;
    if (Number.isNaN(before)) throw new HttpError(400, 'bad_request', 'before must be an ISO-8601 date');
    const { items, total } = ctx.env.store.list({
      ...(medium !== undefined && medium !== '' ? { medium } : {}),
      ...(before !== undefined ? { before } : {}),
      limit,
      offset,
    });
    const more = offset + items.length < total;
    return {
      status: 200,
      body: {
        conversations: items,
        metadata: {
          payload_name: 'conversations',
          result_set: {
            count: items.length,
            limit,
            more,
            next_offset: offset + items.length,
            offset,
            total_records: total,
          },
        },
        success: true,
      },
    };
  }),
  R('PUT', '/conversations', (ctx) => {
    const body = objectBody(ctx, true);
    const arnsRaw = body.add_conversation_participant_arns ?? [];
    if (!Array.isArray(arnsRaw) || arnsRaw.some((a) => typeof a !== 'string')) {
      throw new HttpError(
        400,
        'bad_request',
        'add_conversation_participant_arns must be an array of strings',
      );
    }
    const queueUuid = optionalString(body, 'conversation_webchat_queue_uuid');
    const conv = ctx.env.store.start(
      { arns: arnsRaw as string[], ...(queueUuid !== undefined ? { queueUuid } : {}) },
      ctx.env.now(),
    );
    // ConversationStartResponse has no success envelope in the reference.
    return { status: 200, body: { conversation: conversationWire(ctx.env.store, conv, 100) } };
  }),
  R('GET', '/conversations/queues/statuses', (ctx) => {
    const { queues, agents, seeded } = ctx.env.store;
    return ok({ queue_statuses: queueStatusesWire(queues, agents, seeded) });
  }),
  R('PUT', '/conversations/queues/{queue}/status', (ctx, p) => {
    const body = objectBody(ctx, true);
    const status = body.agent_status;
    if (status !== 'available' && status !== 'busy' && status !== 'unavailable') {
      throw new HttpError(400, 'bad_request', 'agent_status must be one of available, busy, unavailable');
    }
    ctx.env.store.setQueueStatus(p.queue ?? '', status satisfies AgentStatus);
    return NO_CONTENT;
  }),
  R('GET', '/conversations/{id}', (ctx, p) => {
    const conv = ctx.env.store.find(p.id ?? '');
    const limit = intQuery(ctx.query, 'limit') ?? 100;
    return ok({ conversation: conversationWire(ctx.env.store, conv, limit) });
  }),
  R('PUT', '/conversations/{id}/context', (ctx, p) => {
    const conv = ctx.env.store.find(p.id ?? '');
    const start = conv.startMs - 120_000;
    // Bare ConversationWebchatContext, no envelope (as in the reference).
    return {
      status: 200,
      body: {
        current_url: 'https://shop.example/checkout',
        page_view: [
          { method: 'GET', title: 'Home', url: 'https://shop.example/', time_on_page: 31.5, bounce: false },
          {
            method: 'GET',
            title: 'Checkout',
            url: 'https://shop.example/checkout',
            time_on_page: 88,
            bounce: false,
          },
        ],
        session_start_dts: ultracartDate(start),
        session_utm: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'fall-sale' },
      },
    };
  }),
  R('GET', '/conversations/{id}/messages/{since}', (ctx, p) => {
    const conv = ctx.env.store.find(p.id ?? '');
    if (!/^-?\d+$/.test(p.since ?? ''))
      throw new HttpError(400, 'bad_request', 'since must be an integer (epoch ms)');
    const limit = Math.min(intQuery(ctx.query, 'limit') ?? 200, 200);
    return ok({ conversation_messages: messagesSinceWire(ctx.env.store, conv, Number(p.since), limit) });
  }),
  R('PUT', '/conversations/{id}/join', (ctx, p) => {
    const conv = ctx.env.store.find(p.id ?? '');
    objectBody(ctx, false);
    ctx.env.store.join(conv, ctx.env.now());
    return NO_CONTENT;
  }),
  R('DELETE', '/conversations/{id}/leave', (ctx, p) => {
    ctx.env.store.leave(ctx.env.store.find(p.id ?? ''), ctx.env.now());
    return NO_CONTENT;
  }),
  R('PUT', '/conversations/{id}/markread', (ctx, p) => {
    ctx.env.store.markRead(ctx.env.store.find(p.id ?? ''));
    return NO_CONTENT;
  }),
  R('GET', '/upload_url/{ext}', (ctx, p) => {
    const ext = p.ext ?? '';
    if (!/^[a-z0-9]{1,10}$/i.test(ext)) throw new HttpError(400, 'bad_request', `Invalid extension ${ext}`);
    const key = `conversation/${MERCHANT_ID}/${ctx.env.store.newUploadId()}.${ext.toLowerCase()}`;
    return ok({
      conversation_multimedia_upload_url: {
        key,
        url: ctx.env.files.presignedUrl(ctx.origin, key, ctx.env.now()),
      },
    });
  }),
];

/** Answers one request under `/rest/v2` in UltraCart's manner. */
export function handleUltraCart(ctx: RequestContext, env: UltraCartEnv): Reply {
  return withUltraCartRequestId(answer({ ...ctx, env }));
}

function answer(ctx: Ctx): Reply {
  try {
    const denied = authenticate(ctx);
    if (denied) return denied;
    const found = matchRoute(routes, ctx.method, ctx.path);
    if (!found.route) {
      return found.methodMismatch
        ? ultracartError(405, `Method ${ctx.method} not allowed on ${ctx.path}`)
        : ultracartError(404, `No such resource ${ctx.path}`);
    }
    return found.route.handle(ctx, found.params);
  } catch (error) {
    if (error instanceof HttpError) return ultracartError(error.status, error.message);
    return ultracartError(
      500,
      `Internal server error: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
