import { describe, expect, it } from 'vitest';
import { fromUrl, joinUrl } from './request-url.js';

describe('fromUrl', () => {
  it('splits a URL into what node:http takes: no IPv6 brackets, no default port, no fragment', () => {
    expect(fromUrl(new URL('http://[::1]:8080/a/b?c=d#e'))).toEqual({
      href: 'http://[::1]:8080/a/b?c=d#e',
      origin: 'http://[::1]:8080',
      path: '/a/b?c=d',
      host: { protocol: 'http:', hostname: '::1', port: 8080 },
    });
    expect(fromUrl(new URL('https://api.example.test/x')).host).toEqual({
      protocol: 'https:',
      hostname: 'api.example.test',
      port: undefined,
    });
  });

  it('decodes the user and password of a URL that carries them', () => {
    expect(fromUrl(new URL('https://us%20er:p%40ss@host.test/')).auth).toBe('us er:p@ss');
  });
});

describe('joinUrl', () => {
  const base = fromUrl(new URL('https://api.example.test/v2/'));

  it('joins a plain path and its query as text, sharing the base host', () => {
    const url = joinUrl(base, 'conversations/c%2F1/messages', 'page%5Bsize%5D=100');
    expect(url).toEqual({
      href: 'https://api.example.test/v2/conversations/c%2F1/messages?page%5Bsize%5D=100',
      origin: 'https://api.example.test',
      path: '/v2/conversations/c%2F1/messages?page%5Bsize%5D=100',
      host: base.host,
    });
    expect(url.host).toBe(base.host);
  });

  it('resolves dot segments and encodes what a URL path cannot hold, as URL does', () => {
    expect(joinUrl(base, 'a/../b c/%2E/é', '').path).toBe('/v2/b%20c/%C3%A9');
  });

  it('replaces a query the path already had', () => {
    expect(joinUrl(base, 'search?old=1', 'new=2').href).toBe('https://api.example.test/v2/search?new=2');
  });
});
