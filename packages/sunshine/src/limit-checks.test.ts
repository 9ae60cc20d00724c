import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMetadata } from './limit-checks.js';
import { Refusal } from './refusal.js';

/** The byte count checkMetadata reports for `metadata`, or 'ok' when it is within 4 KB. */
function measured(metadata: Record<string, string>): number | 'ok' {
  try {
    checkMetadata(metadata, 'input.metadata');
    return 'ok';
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const got = /\(got (\d+)\)/.exec(error.problem)?.[1];
    if (got === undefined) throw error;
    return Number(got);
  }
}

describe('checkMetadata size', () => {
  it('counts UTF-8 bytes of the JSON, not characters, at the 4096-byte boundary', () => {
    // `{"k":"…"}` is 8 bytes around the value.
    expect(measured({ k: 'a'.repeat(4088) })).toBe('ok');
    expect(measured({ k: 'a'.repeat(4089) })).toBe(4097);
    // 2, 3 and 4 bytes per character: é, €, 😀 (one surrogate pair).
    expect(measured({ k: 'é'.repeat(2044) })).toBe('ok');
    expect(measured({ k: `${'é'.repeat(2044)}a` })).toBe(4097);
    expect(measured({ k: '€'.repeat(1363) })).toBe(4097);
    expect(measured({ k: '😀'.repeat(1022) })).toBe('ok');
    expect(measured({ k: `${'😀'.repeat(1022)}a` })).toBe(4097);
  });

  it('agrees with a UTF-8 encoder for any text, lone surrogates included', () =>
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
        fc.integer({ min: 900, max: 4200 }),
        (unit, times) => {
          const metadata = { k: unit.repeat(times).slice(0, 4200) };
          const bytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
          expect(measured(metadata)).toBe(bytes > 4096 ? bytes : 'ok');
        },
      ),
      { numRuns: 40 },
    ));
});
