import type { Sender } from './sender.js';

/**
 * The sender when the caller passes no `fetch`, on every runtime but Node (the `node` condition of
 * `#default-sender` picks `default-sender-node.ts` there): the global fetch through ky, loaded on
 * first use.
 */
export async function loadDefaultSender(): Promise<Sender> {
  const { createFetchSender } = await import('./fetch-sender.js');
  return createFetchSender();
}
