import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationError } from '../errors/conversation-error.js';
import { type HeaderRecord, queryString, setHeader } from './prepare-request.js';

const context = { provider: 'acme', operation: 'getThing' };

function refusal(run: () => void): ConversationError {
  try {
    run();
  } catch (error) {
    if (ConversationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConversationError');
}

describe('queryString', () => {
  it('writes any query exactly as URLSearchParams does, undefined values left out', () =>
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: 'binary', maxLength: 12 }),
          fc.option(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.boolean()), {
            nil: undefined,
          }),
        ),
        (query) => {
          const kept = Object.entries(query).flatMap(([key, value]) =>
            value === undefined ? [] : [[key, String(value)]],
          );
          expect(queryString(query)).toBe(new URLSearchParams(kept).toString());
        },
      ),
      { numRuns: 2000 },
    ));

  it("escapes what encodeURIComponent leaves alone, a space as '+', a lone surrogate as U+FFFD", () => {
    expect(queryString({ 'page[after]': "a b!'()~*-._", n: 100, on: true, gone: undefined })).toBe(
      'page%5Bafter%5D=a+b%21%27%28%29%7E*-._&n=100&on=true',
    );
    expect(queryString({ s: '\ud800x' })).toBe('s=%EF%BF%BDx');
  });

  it('passes URLSearchParams through as they serialize', () => {
    expect(
      queryString(
        new URLSearchParams([
          ['a', '1'],
          ['a', '2'],
        ]),
      ),
    ).toBe('a=1&a=2');
  });
});

describe('setHeader', () => {
  it('stores the name lower-cased and the value without outer tabs and spaces, as Headers does', () => {
    const headers: HeaderRecord = {};
    setHeader(headers, 'Content-Type', ' \timage/png\t ', context, 'input');
    setHeader(headers, 'X-Key', 'a b', context, 'credential');
    expect(headers).toEqual({ 'content-type': 'image/png', 'x-key': 'a b' });
    const headers2 = new Headers({ 'Content-Type': ' \timage/png\t ', 'X-Key': 'a b' });
    expect(Object.fromEntries(headers2)).toEqual(headers);
  });

  it('refuses a value with a control character without echoing it, by kind', () => {
    const input = refusal(() => setHeader({}, 'Content-Type', 'image/png\r\nx-evil: 1', context, 'input'));
    expect(input).toMatchObject({ code: 'invalid_request', ...context });
    expect(input.message).toBe(
      'The Content-Type header of getThing holds a character no HTTP header can carry',
    );
    const credential = refusal(() => setHeader({}, 'Authorization', 'Basic s3cret\n', context, 'credential'));
    expect(credential).toMatchObject({ code: 'invalid_config' });
    expect(credential.message).toContain('credential sent as Authorization');
    expect(credential.message).not.toContain('s3cret');
    const fixed = refusal(() => setHeader({}, 'Accept', 'a\u0000', context, 'default'));
    expect(fixed).toMatchObject({ code: 'invalid_config' });
    expect(fixed.message).toBe(
      'The Accept default header of getThing holds a character no HTTP header can carry',
    );
  });

  it('refuses a name that is not a token, and does not echo it', () => {
    const error = refusal(() => setHeader({}, 'X Bad\nName', 'v', context, 'input'));
    expect(error.code).toBe('invalid_request');
    expect(error.message).not.toContain('Bad');
    expect(error.message).toContain('a header whose name is not a token');
  });
});
