import type { Json } from '../http.js';
import { ultracartDate } from '../time.js';
import type { AgentStatus, UcAgent, UcConversation, UcQueue } from './model.js';

/**
 * `ConversationWebchatQueueStatus[]` on the wire: each queue's agents and their status, waiting
 * customers and statistics. `seeded` gives the active customer counts.
 */
export function queueStatusesWire(
  queues: readonly UcQueue[],
  agents: readonly UcAgent[],
  seeded: readonly UcConversation[],
): Json[] {
  return queues.map((q, queueIndex) => {
    const queueAgents = [...q.agentStatus.entries()].map(([arn, status], i) => {
      const agent = agents.find((a) => a.arn === arn);
      return {
        agent_status: status,
        conversation_participant_arn: arn,
        conversation_participant_name: agent?.name ?? arn,
        last_chat_dts: ultracartDate(q.entries[0]?.joinMs ?? Date.UTC(2025, 9, 7, 18) - i * 600_000),
        next_round_robin: i === 0,
        profile_image_url: `https://www.gravatar.com/avatar/${agent?.userId ?? 0}?d=identicon`,
      };
    });
    const count = (s: AgentStatus): number => queueAgents.filter((a) => a.agent_status === s).length;
    const oldest = q.entries.reduce<number | undefined>(
      (m, e) => (m === undefined || e.joinMs < m ? e.joinMs : m),
      undefined,
    );
    const wire: Json = {
      agent_available_count: count('available'),
      agent_busy_count: count('busy'),
      agent_count: queueAgents.length,
      agent_unavailable_count: count('unavailable'),
      agents: queueAgents,
      customer_abandon_count: q.stats.abandon,
      customer_active_count: seeded.filter((c) => !c.closed && c.queue === queueIndex).length,
      customer_average_abandon_time_seconds: q.stats.avgAbandon,
      customer_average_chat_time_seconds: q.stats.avgChat,
      customer_average_hold_time_seconds: q.stats.avgHold,
      customer_chat_count: q.stats.chat,
      customer_waiting_count: q.entries.length,
      queue_entries: q.entries.map((e) => ({
        conversation_participant_arn: e.arn,
        conversation_participant_name: e.name,
        conversation_webchat_queue_uuid: q.uuid,
        email: e.email,
        join_dts: ultracartDate(e.joinMs),
        participant_language_iso_code: 'en',
        question: e.question,
        queue_name: q.name,
      })),
      queue_name: q.name,
    };
    if (oldest !== undefined) wire.customer_waiting_join_dts = ultracartDate(oldest);
    return wire;
  });
}
