import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from './dedupe-store.js';

describe('createMemoryDedupeStore', () => {
  it('remembers marked ids only', () => {
    const store = createMemoryDedupeStore();
    expect(store.has('evt-1')).toBe(false);
    store.add('evt-1');
    expect(store.has('evt-1')).toBe(true);
    expect(store.has('evt-2')).toBe(false);
  });

  it('forgets the oldest id beyond its size bound', () => {
    const store = createMemoryDedupeStore(2);
    store.add('a');
    store.add('b');
    store.add('a'); // refreshed: now the newest
    store.add('c');
    expect(store.has('b')).toBe(false);
    expect(store.has('a')).toBe(true);
    expect(store.has('c')).toBe(true);
  });

  it('refuses a non-positive size', () => {
    expect(() => createMemoryDedupeStore(0)).toThrow('maxSize must be a positive integer');
  });
});
