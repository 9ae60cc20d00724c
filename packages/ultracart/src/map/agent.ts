import type { AgentSession } from '@parley/core';
import { invalidResponseAt } from '@parley/core/provider';
import type { UltraCartConversationAgentAuth } from '../wire/agent.js';
import { defined, type MapContext, missing, REQUIRED } from './context.js';

/** The agent's websocket session at `context.path`. The JWT is a secret: it never appears in an error. */
export function toAgentSession(
  auth: UltraCartConversationAgentAuth | null | undefined,
  context: MapContext,
): AgentSession {
  if (!auth) throw invalidResponseAt(context.path, REQUIRED, context);
  if (!auth.jwt) throw missing('jwt', context);
  if (!auth.websocket_url) throw missing('websocket_url', context);
  return {
    token: auth.jwt,
    websocketUrl: auth.websocket_url,
    ...defined({
      participantId: auth.conversation_participant_arn,
      participantName: auth.conversation_participant_name,
    }),
    raw: auth,
  };
}
