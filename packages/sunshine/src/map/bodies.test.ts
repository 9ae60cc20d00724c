import { readFileSync } from 'node:fs';
import { runtimeImports } from '@parley/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralInput, refusedOrValue } from '../__fixtures__/arbitraries.js';
import { Refusal } from '../refusal.js';
import { toCreateBody, toLeaveBody, toMessagePost, toUpdateBody } from './bodies.js';

describe('conversation bodies', () => {
  it('create: personal by default with one participant, title → displayName', () => {
    expect(
      toCreateBody({
        title: 'Hi',
        description: 'd',
        iconUrl: 'https://x.test/i.png',
        metadata: { a: 1 },
        participants: [{ userId: 'u1' }],
      }),
    ).toEqual({
      type: 'personal',
      participants: [{ userId: 'u1' }],
      displayName: 'Hi',
      description: 'd',
      iconUrl: 'https://x.test/i.png',
      metadata: { a: 1 },
    });
  });

  it('create: group → sdkGroup, participants subscribeSDKClient false, none allowed', () => {
    expect(toCreateBody({ type: 'group', participants: [{ userExternalId: 'ext-1' }] })).toEqual({
      type: 'sdkGroup',
      participants: [{ userExternalId: 'ext-1', subscribeSDKClient: false }],
    });
    expect(toCreateBody({ type: 'group' })).toEqual({ type: 'sdkGroup' });
  });

  it('update: only the given fields', () => {
    expect(toUpdateBody({ title: 'Renamed' })).toEqual({ displayName: 'Renamed' });
  });
});

describe('message post', () => {
  it('send: text, image (by type or extension), file, as the business', () => {
    expect(toMessagePost({ text: 'Hello!', metadata: { a: true } })).toEqual({
      author: { type: 'business' },
      content: { type: 'text', text: 'Hello!' },
      metadata: { a: true },
    });
    expect(
      toMessagePost({ text: 'Look', media: [{ url: 'https://cdn.test/a', contentType: 'image/png' }] })
        .content,
    ).toEqual({
      type: 'image',
      mediaUrl: 'https://cdn.test/a',
      text: 'Look',
    });
    expect(toMessagePost({ media: [{ url: 'https://cdn.test/a.JPG?x=1' }] }).content.type).toBe('image');
    expect(toMessagePost({ media: [{ url: 'https://cdn.test/faq.pdf' }] }).content).toEqual({
      type: 'file',
      mediaUrl: 'https://cdn.test/faq.pdf',
    });
  });
});

describe('bodies (fast-check)', () => {
  it('neutral inputs become wire bodies or a Refusal', () =>
    fc.assert(
      fc.property(neutralInput, (input) => {
        refusedOrValue(
          () => toCreateBody(input),
          (body) => expect(['personal', 'sdkGroup']).toContain(body.type),
        );
        refusedOrValue(
          () => toUpdateBody(input),
          (body) => expect(body.displayName).toBe(input.title),
        );
        refusedOrValue(
          () => toMessagePost(input),
          (body) => expect(body.author).toEqual({ type: 'business' }),
        );
      }),
    ));
});

describe('refusals', () => {
  it('name the field and the problem, never the value', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof Refusal) return [error.field, error.problem];
        throw error;
      }
      throw new Error('not refused');
    };
    expect(refused(() => toCreateBody({ participants: [{ userId: 'u1', userExternalId: 'e1' }] }))).toEqual([
      'input.participants[0]',
      'needs one of userId or userExternalId, not both',
    ]);
    expect(refused(() => toUpdateBody({ title: 'secret-title-'.repeat(10) }))).toEqual([
      'patch.title',
      'must be 1–100 characters (got 130)',
    ]);
    expect(refused(() => toLeaveBody({ id: 'p1', userId: 'u1' }, 'options.participant'))).toEqual([
      'options.participant',
      'needs exactly one of id, userId or userExternalId',
    ]);
    expect(toLeaveBody({ userExternalId: 'e1' }, 'options.participant')).toEqual({ userExternalId: 'e1' });
  });
});

// Loaded on first use (deferred.ts): these import nothing at run time but one another, or a
// code-splitting bundler would load the core code they used with every app.
describe('the write path, loaded on first use', () => {
  const shared = new Set(['limits', 'limit-checks', 'refusal', 'participant-ref']);
  it.each(['./bodies.ts', '../limit-checks.ts', '../limits.ts', '../refusal.ts', './participant-ref.ts'])(
    '%s imports only those modules at run time',
    (path) => {
      const file = new URL(path, import.meta.url);
      const imported = runtimeImports(readFileSync(file, 'utf8')).map((line) => {
        const specifier = /from '(\.[^']+)\.js'/.exec(line)?.[1];
        return specifier === undefined ? line : new URL(specifier, file).pathname.split('/').pop();
      });
      expect(imported.filter((name) => name === undefined || !shared.has(name))).toEqual([]);
    },
  );
});
