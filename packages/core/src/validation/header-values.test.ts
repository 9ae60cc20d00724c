import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { credentialSchema, mediaTypeProblem } from './header-values.js';

const secret = 'Xk9-secret_value.42';

describe('credentialSchema', () => {
  it('accepts visible ASCII and trims surrounding whitespace, as a header would', () => {
    expect(v.parse(credentialSchema, secret)).toBe(secret);
    expect(v.parse(credentialSchema, '!~"#$%&()*+,/:;<=>?@[\\]^`{|}')).toBe('!~"#$%&()*+,/:;<=>?@[\\]^`{|}');
    expect(v.parse(credentialSchema, `  ${secret}\n`)).toBe(secret);
  });

  it.each([
    ['NUL', `${secret}\u0000x`],
    ['BEL', `a\u0007${secret}`],
    ['a space', `${secret} x`],
    ['a tab', `${secret}\tx`],
    ['DEL', `${secret}\u007f`],
    ['U+200B', `${secret}\u200b`],
    ['a non-ASCII letter', `sécret-${secret}`],
    ['a non-breaking space', `${secret}\u00a0x`],
  ])('refuses %s without echoing the value', (_why, value) => {
    const result = v.safeParse(credentialSchema, value);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => issue.message)).toEqual([
      'must be visible ASCII (no spaces or control characters)',
    ]);
    expect(JSON.stringify(result.issues?.map((issue) => issue.message))).not.toContain(secret);
  });

  it('names a line break as such', () => {
    expect(v.safeParse(credentialSchema, `a\r\n${secret}`).issues?.[0]?.message).toBe(
      'must not contain line breaks',
    );
  });

  it('refuses empty, blank and non-string values', () => {
    expect(v.safeParse(credentialSchema, '').issues?.[0]?.message).toBe('must not be empty');
    expect(v.safeParse(credentialSchema, ' \n ').issues?.[0]?.message).toBe('must not be empty');
    expect(v.safeParse(credentialSchema, 42).issues?.[0]?.message).toBe('must be a string');
  });
});

describe('mediaTypeProblem', () => {
  it.each([
    'image/png',
    'IMAGE/PNG',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/svg+xml',
    'text/plain;charset=utf-8',
    'text/plain; charset=utf-8',
    'text/plain ; charset=utf-8 ; format=flowed',
    'multipart/form-data; boundary="a b; c=\\"d\\""',
    "application/x-my_type!#$%&'*.^`|~",
    'text/plain;',
  ])('accepts %s', (value) => {
    expect(mediaTypeProblem(value)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['image/png\u0000', 'must not contain control characters'],
    ['image/png\r\nX-Injected: 1', 'must not contain control characters'],
    ['image/png\t', 'must not contain control characters'],
    ['image/png\u007f', 'must not contain control characters'],
    ['image/pngé', 'must be ASCII'],
    ['image/png\u200b', 'must be ASCII'],
    ['png', "must be a media type like 'image/png' (type/subtype)"],
    ['image/', "must be a media type like 'image/png' (type/subtype)"],
    ['/png', "must be a media type like 'image/png' (type/subtype)"],
    [' image/png', "must be a media type like 'image/png' (type/subtype)"],
    ['image/png x', "must be a media type like 'image/png' (type/subtype)"],
    ['image/png/x', "must be a media type like 'image/png' (type/subtype)"],
    ['image /png', "must be a media type like 'image/png' (type/subtype)"],
    ['image/p(ng)', "must be a media type like 'image/png' (type/subtype)"],
    ['image/png; charset', 'must have parameters of the form ; name=value (a token or a quoted string)'],
    ['image/png; a=b c', 'must have parameters of the form ; name=value (a token or a quoted string)'],
    [
      'image/png; a="unterminated',
      'must have parameters of the form ; name=value (a token or a quoted string)',
    ],
    ['image/png; a=b=c', 'must have parameters of the form ; name=value (a token or a quoted string)'],
    ['image/png; =b', 'must have parameters of the form ; name=value (a token or a quoted string)'],
  ])('refuses %j: %s', (value, problem) => {
    expect(mediaTypeProblem(value)).toBe(problem);
  });

  it('never puts the value in the problem text', () => {
    const canary = 'canary-type/x\u0000';
    expect(mediaTypeProblem(canary)).not.toContain('canary');
  });

  it('refuses a non-string', () => {
    expect(mediaTypeProblem(42 as never)).toBe('must be a string');
  });
});
