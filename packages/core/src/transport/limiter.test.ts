import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter.js';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('Limiter', () => {
  it('runs tasks one at a time in arrival order', async () => {
    const limiter = new Limiter(1);
    const order: string[] = [];
    const gate = deferred();
    const a = limiter.run(async () => {
      order.push('a start');
      await gate.promise;
      order.push('a end');
    });
    const b = limiter.run(async () => void order.push('b'));
    const c = limiter.run(async () => void order.push('c'));
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    gate.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('drops an aborted waiter from the queue without running it or holding up the next', async () => {
    const limiter = new Limiter(1);
    const gate = deferred();
    const ran: string[] = [];
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    const second = limiter.run(async () => void ran.push('second'), controller.signal);
    const third = limiter.run(async () => void ran.push('third'));
    controller.abort(new Error('gave up'));
    await expect(second).rejects.toThrow('gave up');
    gate.resolve();
    await Promise.all([first, third]);
    expect(ran).toEqual(['third']);
    // The slot is free again.
    await limiter.run(async () => void ran.push('fourth'));
    expect(ran).toEqual(['third', 'fourth']);
  });

  it('refuses at once a task whose signal is already aborted', async () => {
    const limiter = new Limiter(1);
    const controller = new AbortController();
    controller.abort(new Error('before'));
    const ran: string[] = [];
    await expect(limiter.run(async () => void ran.push('task'), controller.signal)).rejects.toThrow('before');
    expect(ran).toEqual([]);
  });
});
