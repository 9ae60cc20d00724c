import { createNodeSender } from './node-sender.js';
import type { Sender } from './sender.js';

/**
 * The sender when the caller passes no `fetch`, on Node: `node:http`, so ky is never loaded.
 * Chosen by the `node` condition of `#default-sender` (Bun and Deno match their own conditions
 * first and use fetch).
 */
export async function loadDefaultSender(): Promise<Sender> {
  return createNodeSender();
}
