import type { Queue, QueueAgent, QueueEntry } from '@parley/core';
import type { UltraCartConversationWebchatQueueStatus } from '../wire/queue.js';
import { defined, type MapContext, missing } from './context.js';
import { toIsoUtc } from './timestamp.js';

/** A webchat queue with its agents, waiting customers and counters. */
export function toQueue(queue: UltraCartConversationWebchatQueueStatus, context: MapContext): Queue {
  const name = queue.queue_name;
  if (!name) throw missing('queue_name', context);
  const agents: QueueAgent[] = (queue.agents ?? []).map((agent) => ({
    ...defined({ id: agent.conversation_participant_arn, name: agent.conversation_participant_name }),
    status: agent.agent_status ?? 'unknown',
  }));
  const waiting: QueueEntry[] = (queue.queue_entries ?? []).map((entry) =>
    defined({
      name: entry.conversation_participant_name,
      question: entry.question,
      since: toIsoUtc(entry.join_dts),
    }),
  );
  const counts = defined({
    agents: queue.agent_count,
    agentsAvailable: queue.agent_available_count,
    agentsBusy: queue.agent_busy_count,
    agentsUnavailable: queue.agent_unavailable_count,
    waiting: queue.customer_waiting_count,
    active: queue.customer_active_count,
    chats: queue.customer_chat_count,
    abandoned: queue.customer_abandon_count,
    averageAbandonSeconds: queue.customer_average_abandon_time_seconds,
    averageChatSeconds: queue.customer_average_chat_time_seconds,
    averageHoldSeconds: queue.customer_average_hold_time_seconds,
  });
  return { name, agents, waiting, counts, raw: queue };
}
