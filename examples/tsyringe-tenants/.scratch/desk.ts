import { configFromEnv, createConversations } from '@parley/core';
import { ultracart } from '@parley/ultracart';

const adapters = [ultracart] as const;
const client = createConversations({ adapters, config: configFromEnv(process.env, adapters) });

const [queue] = await client.queues.list();
if (queue) await client.queues.setAgentStatus(queue.name, 'available');
try {
  for await (const summary of client.conversations.list({ channel: 'webchat' })) {
    if (summary.status !== 'open') continue;
    const conversation = await client.conversations.get(summary.id, { messageLimit: 20 });
    await client.conversations.join(conversation.id);
    for (const message of conversation.messages ?? []) console.log(message.author.name, message.text);
    const session = await client.agent.authorize(); // the agent websocket sends the replies
    console.log(session.websocketUrl);
    await client.conversations.markRead(conversation.id);
    break;
  }
} finally {
  // Otherwise customers keep being routed to an agent who left.
  if (queue) await client.queues.setAgentStatus(queue.name, 'unavailable');
}
