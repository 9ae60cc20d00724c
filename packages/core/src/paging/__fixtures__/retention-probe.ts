// Run in a fresh `node --expose-gc --import tsx` by page-promise.retention.test.ts: iterates a
// listing whose provider hands its cursor over early, works through the first page, and while the
// second is still on its way collects garbage and prints how many of the first page's items are
// still alive (one JSON line). A page the caller has finished must not outlive it: whatever kept it
// would be copied by each of V8's scavenges during the next answer, and V8 then grows its young
// generation for the rest of the process (bench/README.md, Round 8).
import { setTimeout as delay } from 'node:timers/promises';
import type { ProviderCallOptions, ProviderPage } from '../../provider/v1/conversation-provider-v1.js';
import { PagePromise } from '../page-promise.js';

interface Item {
  page: number;
  index: number;
}

const PAGE_SIZE = 3;
const firstPage: WeakRef<Item>[] = [];
let openSecond: () => void = () => {};
const second = new Promise<void>((resolve) => {
  openSecond = resolve;
});

async function fetchPage(
  state: string | undefined,
  options: ProviderCallOptions,
): Promise<ProviderPage<Item>> {
  const page = state === undefined ? 1 : 2;
  // As over a network: the answer comes on a later turn, and only then shows the next cursor.
  await delay(1);
  if (page === 1) await options.onNextCursor?.('2');
  else await second;
  const items = Array.from({ length: PAGE_SIZE }, (_, index) => ({ page, index }));
  if (page === 1) for (const item of items) firstPage.push(new WeakRef(item));
  return page === 1 ? { items, nextCursor: '2' } : { items };
}

const listing = new PagePromise(fetchPage, {
  provider: 'probe',
  scope: 'items',
  operation: 'items.list',
});
const iterator = listing[Symbol.asyncIterator]();
let served = 0;
for (let i = 0; i < PAGE_SIZE; i++) if ((await iterator.next()).value?.page === 1) served++;
// The caller asks for the next item: the first page is used up, the second not here yet.
const waiting = iterator.next();
await delay(10);
(globalThis as { gc?: () => void }).gc?.();
await delay(10);
(globalThis as { gc?: () => void }).gc?.();
const alive = firstPage.filter((ref) => ref.deref() !== undefined).length;
openSecond();
const next = (await waiting).value;
console.log(JSON.stringify({ served, tracked: firstPage.length, alive, next }));
process.exit(0);
