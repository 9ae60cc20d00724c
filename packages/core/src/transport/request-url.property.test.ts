import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUrl, joinUrl } from './request-url.js';

const bases = [
  'https://api.example.test/v2/',
  'http://127.0.0.1:4010/',
  'http://[::1]:8080/sc/v2/apps/app_1/',
  'https://user:p%40ss@host.test/api/',
];

// Path text as adapters and odd inputs give it: plain segments, encoded ids, and what the URL
// parser changes (dot segments, `%2e`, spaces, non-ASCII, `\`) or ends the path at (`?`, `#`).
const pathPart = fc.constantFrom(
  'conversations',
  '/',
  'a-b_c~d',
  "!$&'()*+,;=:@",
  '%20',
  '%2e',
  '%2E',
  '%zz',
  '.',
  '..',
  '.well-known',
  ' ',
  'é',
  '\\',
  '?x=1',
  '#frag',
  '%',
);
const path = fc.array(pathPart, { maxLength: 8 }).map((parts) => parts.join(''));
const query = fc
  .dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 })
  .map((record) => new URLSearchParams(record).toString());

describe('joinUrl (fast-check)', () => {
  it('gives what parsing the joined URL gives, for any path and query', () =>
    fc.assert(
      fc.property(fc.constantFrom(...bases), path, query, (baseHref, pathText, search) => {
        const reference = new URL(baseHref + pathText);
        if (search !== '') reference.search = search;
        expect(joinUrl(fromUrl(new URL(baseHref)), pathText, search)).toEqual(fromUrl(reference));
      }),
    ));
});
