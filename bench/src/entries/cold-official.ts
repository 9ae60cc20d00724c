// Cold start: import the official Sunshine client and build an API object on its own ApiClient.
import { ApiClient, ConversationsApi } from 'sunshine-conversations-client';

const api = new ApiClient();
api.basePath = 'https://acme.zendesk.com/sc';
api.authentications.basicAuth.username = 'app_key';
api.authentications.basicAuth.password = 'cold-start-secret';
export const client = new ConversationsApi(api);
