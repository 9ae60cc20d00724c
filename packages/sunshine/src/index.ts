/**
 * `@parley/sunshine`: the Zendesk Sunshine Conversations v2 adapter for Parley, its raw API and
 * its webhook helpers. Raw wire schemas and types are at `@parley/sunshine/wire`. Live events come
 * through `client.events.subscribe(handler).webhook` (config `sunshine.webhookSecret`).
 *
 * @example
 * ```ts
 * import { createConversations } from '@parley/core';
 * import { sunshine } from '@parley/sunshine';
 *
 * const client = createConversations({
 *   adapters: [sunshine],
 *   config: { provider: 'sunshine', sunshine: { appId, keyId, keySecret, subdomain: 'acme' } },
 * });
 * ```
 */
export { sunshine } from './adapter.js';
export {
  SunshineApi,
  type SunshineCallOptions,
  type SunshineConversationFilter,
  type SunshineMessagePageQuery,
  type SunshineUploadFile,
} from './api.js';
export {
  SUNSHINE_REGIONS,
  type SunshineConfig,
  type SunshineConfigInput,
  type SunshineRegion,
  sunshineConfigSchema,
} from './config.js';
export { SUNSHINE_LIMITS, SUNSHINE_MAX_PAGE_SIZE, SUNSHINE_MAX_UPLOAD_BYTES } from './limits.js';
export { parseWebhook } from './webhook/parse-webhook.js';
export {
  verifyWebhook,
  type WebhookHeaders,
  type WebhookRequestParts,
  webhookSecretHeader,
} from './webhook/verify-webhook.js';
export {
  createWebhookHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookHandlerResult,
} from './webhook/webhook-handler.js';
