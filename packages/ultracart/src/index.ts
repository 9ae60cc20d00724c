/**
 * `@parley/ultracart`: the UltraCart conversations adapter for Parley. Raw wire schemas and types
 * are at `@parley/ultracart/wire`.
 *
 * @example
 * ```ts
 * import { createConversations } from '@parley/core';
 * import { ultracart } from '@parley/ultracart';
 *
 * const client = createConversations({
 *   adapters: [ultracart],
 *   config: { provider: 'ultracart', ultracart: { apiKey: process.env.ULTRACART_API_KEY ?? '' } },
 * });
 * ```
 */
export { ultracart } from './adapter.js';
export { ULTRACART_MAX_LIMIT, UltraCartApi, type UltraCartCallOptions } from './api.js';
export {
  ULTRACART_DEFAULT_BASE_URL,
  ULTRACART_DEFAULT_BUDGET,
  type UltraCartConfig,
  type UltraCartConfigInput,
  ultracartConfigSchema,
} from './config.js';
export { ULTRACART_MAX_UPLOAD_BYTES } from './requests.js';
export { ULTRACART_API_VERSION } from './transport.js';
