import { HttpError } from '../http.js';
import type { UcConversation } from './model.js';

/** Which conversations a list page holds, as `GET /conversation/conversations` filters them. */
export interface ConversationPageOptions {
  readonly medium?: string;
  /** Only conversations whose last message is older than this instant (epoch ms). */
  readonly before?: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * UltraCart conversations by uuid and in list order: newest last message first (UltraCart says
 * "newest to oldest"; ordering by last activity is inferred), so a conversation a customer just
 * wrote in comes first. Seeded conversations that never moved keep their seeded order, so a
 * 100,000-conversation seed is never sorted.
 */
export class ConversationIndex {
  /**
   * Conversations whose last message moved since seeding (started here or given inbound activity),
   * oldest `lastMs` first; the list shows them before the seeded ones that never moved.
   */
  private readonly moved: UcConversation[] = [];
  /** Seeded indexes in `moved` (and sorted, built when needed). */
  private readonly movedSeeded = new Set<number>();
  private movedSeededSorted: number[] | undefined;
  private createdCount = 0;
  private readonly byUuid = new Map<string, UcConversation>();

  /** @param seeded Seeded conversations, newest first. */
  constructor(readonly seeded: readonly UcConversation[]) {
    for (const conv of seeded) this.byUuid.set(conv.uuid, conv);
  }

  /** Looks a conversation up or throws 404. */
  find(uuid: string): UcConversation {
    const conv = this.byUuid.get(uuid);
    if (!conv) throw new HttpError(404, 'not_found', `Conversation ${uuid} does not exist.`);
    return conv;
  }

  /** The `index` of the next conversation created at run time (negative, so it never meets a seeded one). */
  nextCreatedIndex(): number {
    return -1 - this.createdCount++;
  }

  /** Registers a conversation created at run time and puts it in list order. */
  add(conv: UcConversation): void {
    this.byUuid.set(conv.uuid, conv);
    this.touch(conv);
  }

  /** Puts a conversation whose `lastMs` changed (or a new one) in its place in the list order. */
  touch(conv: UcConversation): void {
    const at = this.moved.indexOf(conv);
    if (at >= 0) this.moved.splice(at, 1);
    let i = this.moved.length;
    while (i > 0 && (this.moved[i - 1]?.lastMs ?? 0) > conv.lastMs) i--;
    this.moved.splice(i, 0, conv);
    if (conv.index >= 0 && !this.movedSeeded.has(conv.index)) {
      this.movedSeeded.add(conv.index);
      this.movedSeededSorted = undefined;
    }
  }

  /** The newest seeded message instant: inbound activity never lands before it. */
  get seedEndMs(): number {
    return this.seeded[0]?.lastMs ?? 0;
  }

  /** One page of conversations in list order, and how many match the filters. */
  page(opts: ConversationPageOptions): { items: UcConversation[]; total: number } {
    const count = this.moved.length + this.seeded.length - this.movedSeeded.size;
    const items: UcConversation[] = [];
    if (opts.medium === undefined && opts.before === undefined) {
      // Unfiltered: the page starts at its offset, no scan.
      for (const conv of this.ordered(opts.offset)) {
        if (items.length >= opts.limit) break;
        items.push(conv);
      }
      return { items, total: count };
    }
    let total = 0;
    for (const conv of this.ordered(0)) {
      if (opts.medium !== undefined && conv.medium !== opts.medium) continue;
      if (opts.before !== undefined && conv.lastMs >= opts.before) continue;
      if (total >= opts.offset && items.length < opts.limit) items.push(conv);
      total++;
    }
    return { items, total };
  }

  /** Open conversations near the top of the list (where inbound activity usually lands). */
  recentOpen(max: number): UcConversation[] {
    const out: UcConversation[] = [];
    let seen = 0;
    for (const conv of this.ordered(0)) {
      if (++seen > max * 4 || out.length >= max) break;
      if (!conv.closed) out.push(conv);
    }
    return out;
  }

  /** Conversations in list order (latest message first), from position `from`. */
  private *ordered(from: number): Generator<UcConversation> {
    const moved = this.moved;
    let i = from;
    for (; i < moved.length; i++) {
      const conv = moved[moved.length - 1 - i];
      if (conv) yield conv;
    }
    // Seeded conversations that never moved keep their seeded order: find the one at this position.
    let j = i - moved.length;
    this.movedSeededSorted ??= [...this.movedSeeded].sort((a, b) => a - b);
    for (const skipped of this.movedSeededSorted) {
      if (skipped > j) break;
      j++;
    }
    for (; j < this.seeded.length; j++) {
      const conv = this.seeded[j];
      if (conv && !this.movedSeeded.has(j)) yield conv;
    }
  }
}
