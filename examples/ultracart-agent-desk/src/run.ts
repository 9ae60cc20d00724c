import type { ConversationClient } from '@parley/core';

/** What one run of the agent desk did, for callers and tests. */
export interface AgentDeskSummary {
  /** The queue the agent went available in, when there is one. */
  queue?: string;
  /** The conversation the agent opened, when there is one. */
  conversationId?: string;
  /** How many messages the opened conversation showed. */
  messageCount?: number;
  /** The upload key of the attached file: what a websocket message's `upload_keys` takes. */
  uploadKey?: string;
}

/**
 * An UltraCart agent's short shift: read the webchat queues, go available in the first one, list
 * conversations and open the newest, join it, upload a small file for it, mark it read, leave, and
 * go unavailable again (also when a step fails). Sending the message itself happens over the
 * agent websocket, which `client.agent.authorize()` opens the door to.
 *
 * @example
 * ```ts
 * const summary = await runAgentDesk(client);
 * ```
 */
export async function runAgentDesk(
  client: ConversationClient,
  log: (line: string) => void = console.log,
): Promise<AgentDeskSummary> {
  const summary: AgentDeskSummary = {};
  const queues = await client.queues.list();
  for (const queue of queues)
    log(
      `queue ${queue.name}: ${queue.agents.length} agent(s), ${queue.waiting.length} waiting` +
        (queue.waiting[0]?.question ? ` (first asks: ${queue.waiting[0].question})` : ''),
    );
  const queue = queues[0]?.name;
  if (queue !== undefined) {
    await client.queues.setAgentStatus(queue, 'available');
    summary.queue = queue;
    log(`available in ${queue}`);
  }
  try {
    const page = await client.conversations.list({ limit: 10 });
    log(`${page.items.length} conversation(s) on the first page${page.hasMore ? ', more behind it' : ''}`);
    const newest = page.items[0];
    if (newest === undefined) return summary;

    const conversation = await client.conversations.get(newest.id, { messageLimit: 20 });
    summary.conversationId = conversation.id;
    summary.messageCount = conversation.messages?.length ?? 0;
    log(
      `opened ${conversation.id} (${conversation.channel ?? 'unknown channel'}, ${conversation.status}) ` +
        `with ${conversation.participants.length} participant(s) and ${summary.messageCount} message(s)`,
    );
    await client.conversations.join(conversation.id);
    log('joined');

    const media = await client.media.upload({
      data: new TextEncoder().encode('Your return label is attached.\n'),
      contentType: 'text/plain',
      filename: 'return-label.txt',
      conversationId: conversation.id,
    });
    if (media.key !== undefined) summary.uploadKey = media.key;
    log(`uploaded ${media.size} bytes as ${media.key ?? media.url ?? 'an attachment'}`);

    await client.conversations.markRead(conversation.id);
    log('marked read');
    await client.conversations.leave(conversation.id);
    log('left');
    return summary;
  } finally {
    // Going unavailable matters even after a failure: otherwise customers are routed to nobody.
    if (queue !== undefined) {
      await client.queues.setAgentStatus(queue, 'unavailable');
      log(`unavailable in ${queue}`);
    }
  }
}
