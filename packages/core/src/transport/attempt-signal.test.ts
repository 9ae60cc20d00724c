import { describe, expect, it } from 'vitest';
import { AttemptSignal } from './attempt-signal.js';

describe('AttemptSignal', () => {
  it('calls each listener once with the first reason kept, and not after it stopped listening', () => {
    const signal = new AttemptSignal();
    const calls: string[] = [];
    signal.onAbort(() => calls.push(`a:${String(signal.reason)}`));
    const off = signal.onAbort(() => calls.push('b'));
    signal.onAbort(() => calls.push('c'));
    off();
    expect(signal.aborted).toBe(false);
    signal.abort('deadline');
    signal.abort('caller');
    expect(calls).toEqual(['a:deadline', 'c']);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('deadline');
    expect(() => signal.throwIfAborted()).toThrow('deadline');
  });

  it('never calls a listener added after the end, like an AbortSignal', () => {
    const signal = new AttemptSignal();
    signal.abort(new Error('late'));
    let called = false;
    signal.onAbort(() => {
      called = true;
    });
    signal.abort(new Error('again'));
    expect(called).toBe(false);
  });

  it('gives an AbortSignal that ends with it, made before or after the end', () => {
    const early = new AttemptSignal();
    const before = early.toAbortSignal();
    expect(before.aborted).toBe(false);
    expect(early.toAbortSignal()).toBe(before);
    const reason = new Error('deadline');
    early.abort(reason);
    expect(before.aborted).toBe(true);
    expect(before.reason).toBe(reason);

    const late = new AttemptSignal();
    late.abort(reason);
    expect(late.toAbortSignal().reason).toBe(reason);
  });
});
