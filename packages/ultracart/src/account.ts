const PROVIDER = 'ultracart';

// Apart from events.ts, which receives the account's name: the poller's tests name accounts of
// their own. Loaded with the poller, through deferred.ts.

/**
 * The account key of the poller's lease and checkpoint: the base URL and the first 16 hex digits of
 * the credential's SHA-256 (Web Crypto), so the store never holds the credential itself.
 */
export async function ultracartAccount(baseUrl: string, credential: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(credential));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${PROVIDER}:${baseUrl}:${hex.slice(0, 16)}`;
}
