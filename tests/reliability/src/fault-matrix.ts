import type { ConversationClient } from '@parley/core';
import type { Emulator } from '@parley/emulator';
import type { RequestMatch } from './helpers.js';

/**
 * One row of the fault matrix: a client operation, the request of it that the fault hits (and
 * whose attempts are counted), and how to run it. `setup` runs before the fault is armed, on a
 * client without faults, and its requests are not counted.
 */
export interface MatrixOperation {
  name: string;
  target: RequestMatch;
  setup?: (client: ConversationClient) => Promise<string | undefined>;
  run: (client: ConversationClient, prepared: string | undefined) => Promise<unknown>;
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** Every UltraCart client operation; the upload's two requests are two rows. */
export function ultracartOperations(emulator: Emulator): MatrixOperation[] {
  const facts = emulator.facts.ultracart;
  const conversation = facts.notJoinedConversationUuid;
  const queue = facts.queues[0]?.name ?? 'missing-queue';
  const uc = (method: string, path: RegExp): RequestMatch => ({ provider: 'ultracart', method, path });
  const upload = (client: ConversationClient) =>
    client.media.upload({ data: new TextEncoder().encode('receipt'), contentType: 'text/plain' });
  return [
    {
      name: 'conversations.list',
      target: uc('GET', /\/conversation\/conversations$/),
      run: async (client) => await client.conversations.list({ limit: 5 }),
    },
    {
      name: 'conversations.get',
      target: uc('GET', /\/conversation\/conversations\/[^/]+$/),
      run: (client) => client.conversations.get(facts.smsConversationUuid),
    },
    {
      name: 'conversations.create',
      target: uc('PUT', /\/conversation\/conversations$/),
      run: (client) => client.conversations.create({ participants: [{ id: facts.agent.arn }] }),
    },
    {
      name: 'conversations.join',
      target: uc('PUT', /\/join$/),
      run: (client) => client.conversations.join(conversation),
    },
    {
      name: 'conversations.leave',
      target: uc('DELETE', /\/leave$/),
      run: (client) => client.conversations.leave(conversation),
    },
    {
      name: 'conversations.markRead',
      target: uc('PUT', /\/markread$/),
      run: (client) => client.conversations.markRead(conversation),
    },
    {
      name: 'messages.list',
      target: uc('GET', /\/messages\/\d+$/),
      run: async (client) => await client.messages.list(facts.smsConversationUuid, { limit: 5 }),
    },
    { name: 'media.upload (upload_url)', target: uc('GET', /\/upload_url\/txt$/), run: upload },
    {
      name: 'media.upload (presigned PUT)',
      target: { provider: 'uploads', method: 'PUT', path: /^\/uploads\// },
      run: upload,
    },
    {
      name: 'queues.list',
      target: uc('GET', /\/queues\/statuses$/),
      run: (client) => client.queues.list(),
    },
    {
      name: 'queues.setAgentStatus',
      target: uc('PUT', /\/queues\/[^/]+\/status$/),
      run: (client) => client.queues.setAgentStatus(queue, 'available'),
    },
    {
      name: 'agent.authorize',
      target: uc('PUT', /\/agent\/auth$/),
      run: (client) => client.agent.authorize(),
    },
    {
      name: 'agent.keepAlive',
      target: uc('GET', /\/agent\/keepalive$/),
      run: (client) => client.agent.keepAlive(),
    },
  ];
}

/** Every Sunshine client operation. */
export function sunshineOperations(emulator: Emulator): MatrixOperation[] {
  const facts = emulator.facts.sunshine;
  const user = facts.users[0] ?? facts.powerUser;
  const conversation = facts.defaultConversationId;
  const group = facts.groupConversationId;
  const sc = (method: string, path: RegExp): RequestMatch => ({ provider: 'sunshine', method, path });
  return [
    {
      name: 'conversations.list',
      target: sc('GET', /\/conversations$/),
      run: async (client) => await client.conversations.list({ userExternalId: user.externalId, limit: 5 }),
    },
    {
      name: 'conversations.get',
      target: sc('GET', /\/conversations\/[^/]+$/),
      run: (client) => client.conversations.get(conversation),
    },
    {
      name: 'conversations.create',
      target: sc('POST', /\/conversations$/),
      run: (client) => client.conversations.create({ type: 'personal', participants: [{ userId: user.id }] }),
    },
    {
      name: 'conversations.update',
      target: sc('PATCH', /\/conversations\/[^/]+$/),
      run: (client) => client.conversations.update(conversation, { title: 'Renamed' }),
    },
    {
      name: 'conversations.delete',
      target: sc('DELETE', /\/conversations\/[^/]+$/),
      // A fresh conversation per cell: the previous cell may have deleted its own.
      setup: async (client) =>
        (await client.conversations.create({ type: 'personal', participants: [{ userId: user.id }] })).id,
      run: (client, id) => client.conversations.delete(id ?? ''),
    },
    {
      name: 'conversations.join',
      target: sc('POST', /\/join$/),
      run: (client) => client.conversations.join(group, { participant: { userId: user.id } }),
    },
    {
      name: 'conversations.leave',
      target: sc('POST', /\/leave$/),
      setup: async (client) => {
        await client.conversations.join(group, { participant: { userId: user.id } });
        return undefined;
      },
      run: (client) => client.conversations.leave(group, { participant: { userId: user.id } }),
    },
    {
      name: 'conversations.markRead',
      target: sc('POST', /\/activity$/),
      run: (client) => client.conversations.markRead(conversation),
    },
    {
      name: 'messages.list',
      target: sc('GET', /\/messages$/),
      run: async (client) => await client.messages.list(conversation, { order: 'desc', limit: 5 }),
    },
    {
      name: 'messages.send',
      target: sc('POST', /\/messages$/),
      run: (client) => client.messages.send(conversation, { text: 'Where is my order?' }),
    },
    {
      name: 'media.upload',
      target: sc('POST', /\/attachments$/),
      run: (client) => client.media.upload({ data: png, contentType: 'image/png', filename: 'label.png' }),
    },
  ];
}
