// What the package loads on first use, through `loadDeferred` (load-deferred.ts), rather than at
// import: the request bodies of the provider's writes and the input limits they check. Most apps
// read far more than they write. These modules import no core code at run time (refusal.ts says
// why); the answers' schemas stay loaded, since `parseWebhook` reads with them synchronously.
export { toCreateBody, toLeaveBody, toMessagePost, toUpdateBody } from './map/bodies.js';
