import type { ConversationEvent } from '../../events/conversation-event.js';
import type { Conversation, Message } from '../../types/model.js';
import { type MemorySeedOptions, seedMemory } from './seed.js';

/** The in-memory provider's raw API: its state, for assertions in tests. */
export interface MemoryRaw {
  readonly conversations: ReadonlyMap<string, Conversation>;
  readonly messages: ReadonlyMap<string, readonly Message[]>;
  readonly uploads: ReadonlyMap<string, { bytes: Uint8Array; contentType: string }>;
}

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as the provider raises it; the state fills id, provider, time and raw. */
type MemoryChange = DistributiveOmit<ConversationEvent, 'id' | 'provider' | 'occurredAt' | 'raw'>;

/** Everything one memory adapter keeps, shared by every client built from it. */
export interface MemoryState extends ReturnType<typeof seedMemory> {
  readonly uploads: Map<string, { bytes: Uint8Array; contentType: string }>;
  readonly listeners: Set<(event: ConversationEvent) => void>;
  nextId(prefix: string): string;
  /** Tells every subscription about a change, as it happens. */
  emit(change: MemoryChange): void;
}

/** Fresh state, seeded. */
export function createMemoryState(options: MemorySeedOptions): MemoryState {
  const seeded = seedMemory(options);
  const listeners = new Set<(event: ConversationEvent) => void>();
  let sequence = 0;
  let eventSequence = 0;
  return {
    ...seeded,
    uploads: new Map(),
    listeners,
    nextId: (prefix) => `${prefix}-${Date.now().toString(36)}-${(++sequence).toString(36)}`,
    emit: (change) => {
      const event = {
        ...change,
        id: `evt-${++eventSequence}`,
        provider: 'memory',
        occurredAt: new Date().toISOString(),
        raw: {},
      } as ConversationEvent;
      for (const listener of listeners) listener(event);
    },
  };
}
