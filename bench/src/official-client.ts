import { ApiClient, ConversationsApi, MessagesApi, ParticipantsApi } from 'sunshine-conversations-client';
import type { EmulatorInfo } from './emulator-protocol.js';
import type { Operation } from './per-call.js';

/**
 * The official Sunshine client doing what Parley's Sunshine call does: `get` is three reads in
 * parallel (conversation, participants, newest messages page), `list page` one user's conversations
 * (100), `messages page` the newest messages page. On a client of its own rather than the global
 * `ApiClient.instance` singleton.
 */
export function officialCall(info: EmulatorInfo, operation: Operation): () => Promise<unknown> {
  const client = new ApiClient();
  client.basePath = info.sunshine.baseUrl;
  client.authentications.basicAuth.username = info.sunshine.keyId;
  client.authentications.basicAuth.password = info.sunshine.keySecret;
  const conversations = new ConversationsApi(client);
  const participants = new ParticipantsApi(client);
  const messages = new MessagesApi(client);
  const app = info.sunshine.appId;
  const id = info.sunshineLongConversation;
  if (operation === 'list page')
    return () =>
      conversations.listConversations(app, { userId: info.sunshinePowerUser }, { page: { size: 100 } });
  if (operation === 'messages page') return () => messages.listMessages(app, id);
  return () =>
    Promise.all([
      conversations.getConversation(app, id),
      participants.listParticipants(app, id, { page: { size: 100 } }),
      messages.listMessages(app, id),
    ]);
}
