// Types only: at runtime this module touches nothing but the request and response objects it is
// given, so importing it on another runtime loads no Node module.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from './event-subscription.js';

/** A `node:http` request listener. */
export type NodeRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Serves a fetch handler (such as `subscription.webhook`) from a `node:http` server. A handler that
 * throws answers 500, so the provider delivers again.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 *
 * const subscription = client.events.subscribe(onEvent);
 * createServer(toNodeListener(subscription.webhook)).listen(3000);
 * ```
 */
export function toNodeListener(handler: FetchHandler): NodeRequestListener {
  return (req, res) => {
    // The request's conversion loads with the first request (serve-node-request.ts).
    import('./serve-node-request.js').then(
      ({ serveNodeRequest }) => serveNodeRequest(handler, req, res),
      () => res.destroy(),
    );
  };
}
