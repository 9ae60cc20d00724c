import type { Sender } from './sender.js';

/**
 * The sender when the caller passes no `fetch`, on Node: `node:http`, so ky is never loaded.
 * Chosen by the `node` condition of `#default-sender` (Bun and Deno match their own conditions
 * first and use fetch). Loaded with the first request, like the `node:http` it drives: a process
 * that builds a client pays for neither until it sends.
 */
export async function loadDefaultSender(): Promise<Sender> {
  const { createNodeSender } = await import('./node-sender.js');
  return createNodeSender();
}
