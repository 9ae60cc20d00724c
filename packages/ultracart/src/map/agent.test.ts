import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixture } from '../__fixtures__/harness.js';
import { ConversationAgentAuthResponseSchema } from '../wire/agent.js';
import { toAgentSession } from './agent.js';

const ctx = (path: string) => ({ provider: 'ultracart', operation: 'test', path });

describe('toAgentSession', () => {
  it('maps the JWT, websocket URL and participant', () => {
    const auth = v.parse(ConversationAgentAuthResponseSchema, fixture('agent-auth')).agent_auth;
    expect(toAgentSession(auth, ctx('agent_auth'))).toEqual({
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudC0xIn0.agent-jwt-secret-signature',
      websocketUrl: 'wss://ws.ultracart.test/conversation',
      participantId: 'arn:ultracart:participant:DEMO:agent-1',
      participantName: 'Alex Agent',
      raw: auth,
    });
  });

  it('refuses a session without jwt or websocket_url, never echoing the token', () => {
    expect(() => toAgentSession({ websocket_url: 'wss://x' }, ctx('agent_auth'))).toThrow(/agent_auth\.jwt/);
    try {
      toAgentSession({ jwt: 'secret-jwt-value' }, ctx('agent_auth'));
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('agent_auth.websocket_url');
      expect(JSON.stringify(error)).not.toContain('secret-jwt-value');
    }
    expect(() => toAgentSession(undefined, ctx('agent_auth'))).toThrow(/agent_auth/);
  });
});
