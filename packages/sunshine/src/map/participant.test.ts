import { describe, expect, it } from 'vitest';
import { toRole } from './participant.js';

describe('toRole', () => {
  it.each([
    [{ type: 'business' }, 'agent'],
    [{ type: 'business', subtypes: ['agent'] }, 'agent'],
    [{ type: 'business', subtypes: ['bot'] }, 'bot'],
    [{ type: 'business', subtypes: ['AI'] }, 'bot'],
    [{ type: 'user' }, 'customer'],
    [{ type: 'robot-from-the-future' }, 'unknown'],
  ])('%o → %s', (author, role) => {
    expect(toRole(author)).toBe(role);
  });
});
