import { describe, expect, it } from 'vitest';
import { failure } from '../__fixtures__/failure.js';
import { type HeaderRecord, setHeader } from './prepare-request.js';

const context = { provider: 'acme', operation: 'getThing' };

describe('setHeader', () => {
  it('stores the name lower-cased and the value without outer tabs and spaces, as Headers does', () => {
    const headers: HeaderRecord = {};
    setHeader(headers, 'Content-Type', ' \timage/png\t ', context, 'input');
    setHeader(headers, 'X-Key', 'a b', context, 'credential');
    expect(headers).toEqual({ 'content-type': 'image/png', 'x-key': 'a b' });
    const viaHeaders = new Headers({ 'Content-Type': ' \timage/png\t ', 'X-Key': 'a b' });
    expect(Object.fromEntries(viaHeaders)).toEqual(headers);
  });

  it('refuses a value with a control character without echoing it, by kind', async () => {
    const input = await failure(() =>
      setHeader({}, 'Content-Type', 'image/png\r\nx-evil: 1', context, 'input'),
    );
    expect(input).toMatchObject({ code: 'invalid_request', ...context });
    expect(input.message).toBe(
      'The Content-Type header of getThing holds a character no HTTP header can carry',
    );
    const credential = await failure(() =>
      setHeader({}, 'Authorization', 'Basic s3cret\n', context, 'credential'),
    );
    expect(credential).toMatchObject({ code: 'invalid_config' });
    expect(credential.message).toContain('credential sent as Authorization');
    expect(credential.message).not.toContain('s3cret');
  });
});
