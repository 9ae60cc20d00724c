import { describe, expect, it } from 'vitest';
import { toParticipant } from './participant.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });

describe('toParticipant', () => {
  it('maps the ARN as id, the name, join/leave times in UTC and the avatar; the role is unknown', () => {
    const wire = {
      conversation_participant_arn: 'arn:ultracart:participant:DEMO:agent-1',
      conversation_participant_uuid: 'p-uuid',
      conversation_participant_name: 'Alex Agent',
      joined_dts: '2025-10-07T14:50:10-04:00',
      left_dts: '2025-10-07T15:10:00-04:00',
      profile_image_url: 'https://media.ultracart.test/DEMO/alex.png',
    };
    expect(toParticipant(wire, ctx('conversation'), 0)).toEqual({
      id: 'arn:ultracart:participant:DEMO:agent-1',
      name: 'Alex Agent',
      role: 'unknown',
      joinedAt: '2025-10-07T18:50:10.000Z',
      leftAt: '2025-10-07T19:10:00.000Z',
      avatarUrl: 'https://media.ultracart.test/DEMO/alex.png',
      raw: wire,
    });
  });

  it('falls back to the uuid, and refuses a participant with neither, naming its path', () => {
    expect(toParticipant({ conversation_participant_uuid: 'p-uuid' }, ctx('conversation'), 0)).toEqual({
      id: 'p-uuid',
      role: 'unknown',
      raw: { conversation_participant_uuid: 'p-uuid' },
    });
    expect(() => toParticipant({ email: 'x@y' }, ctx('conversations[2]'), 3)).toThrow(
      expect.objectContaining({
        code: 'invalid_response',
        message:
          'ultracart sent an unexpected test response at conversations[2].participants[3].conversation_participant_arn: required by Parley but missing',
      }),
    );
  });
});
