// example-custom-adapter: a third adapter, for Acme Chat, written only from @parley/core/provider.
// Wire schemas and types: 'example-custom-adapter/wire'.
export { acme } from './adapter.js';
export { AcmeApi, type AcmeRequestOptions } from './api.js';
export { ACME_MAX_PAGE_SIZE, type AcmeConfig, type AcmeConfigInput } from './config.js';
