import { invalidRequest } from '../../errors/error-factories.js';
import type { ProviderPage } from '../../provider/v1/conversation-provider-v1.js';

/** The memory provider's page size: the default and the largest. */
export const MAX_PAGE = 100;

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d+$/.test(cursor)) throw invalidRequest('cursor', 'is not a memory cursor');
  return Number(cursor);
}

/** One page of `items` from the offset in `cursor`. */
export function listPage<T>(
  items: readonly T[],
  cursor: string | undefined,
  limit: number | undefined,
): ProviderPage<T> {
  const offset = offsetOf(cursor);
  const end = offset + (limit ?? MAX_PAGE);
  return { items: items.slice(offset, end), ...(end < items.length ? { nextCursor: String(end) } : {}) };
}
