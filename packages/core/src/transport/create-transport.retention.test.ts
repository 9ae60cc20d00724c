import { describe, expect, it } from 'vitest';
import { runProbe } from '../__fixtures__/run-probe.js';

describe('createTransport on the Node sender: what an answer keeps', () => {
  it('keeps none of its exchange (the IncomingMessage), yet still gives its headers', async () => {
    const result = await runProbe(new URL('./__fixtures__/retention-probe.ts', import.meta.url));
    expect(result).toEqual({ sent: 20, alive: 0, kept: 20, header: 'r1' });
  });
});
