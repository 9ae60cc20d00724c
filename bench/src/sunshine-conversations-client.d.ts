// The official client ships no types; these are the few members the benchmarks use.
declare module 'sunshine-conversations-client' {
  export class ApiClient {
    basePath: string;
    authentications: { basicAuth: { type: 'basic'; username?: string; password?: string } };
  }
  export class ConversationsApi {
    constructor(client?: ApiClient);
    getConversation(appId: string, conversationId: string): Promise<unknown>;
    listConversations(
      appId: string,
      filter: { userId?: string },
      opts?: { page?: { size?: number } },
    ): Promise<unknown>;
  }
  export class ParticipantsApi {
    constructor(client?: ApiClient);
    listParticipants(
      appId: string,
      conversationId: string,
      opts?: { page?: { size?: number } },
    ): Promise<unknown>;
  }
  export class MessagesApi {
    constructor(client?: ApiClient);
    listMessages(
      appId: string,
      conversationId: string,
      opts?: { page?: { before?: string } },
    ): Promise<unknown>;
  }
}
