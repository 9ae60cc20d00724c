import {
  type AgentSession,
  type Conversation,
  ConversationError,
  type CreateConversationInput,
  type MediaAttachment,
  type Queue,
  type UploadInput,
} from '@parley/core';
import {
  invalidResponseAt,
  type ProviderCallOptions,
  readUpload,
  uploadExtension,
} from '@parley/core/provider';
import type { UltraCartApi } from './api.js';
import { toAgentSession } from './map/agent.js';
import { readConversationAnswer } from './map/answer.js';
import { REQUIRED } from './map/context.js';
import { toMediaAttachment } from './map/media.js';
import { toQueue } from './map/queue.js';
import { toStartRequest } from './map/start.js';
import { ULTRACART_MAX_UPLOAD_BYTES } from './requests.js';

// The provider's operations that few apps call, or call once (starting a conversation, uploads,
// queues, the agent session): `UltraCartProvider` loads them (through deferred.ts) on the first
// call, with the wire schemas the raw calls they make need anyway.

const PROVIDER = 'ultracart';
const UPLOAD_URL = { provider: PROVIDER, operation: 'getConversationMultimediaUploadUrl' };

/** `UltraCartProvider.createConversation`: `input` refused before any request unless UltraCart can store it. */
export async function createConversation(
  api: UltraCartApi,
  input: CreateConversationInput,
  options: ProviderCallOptions,
): Promise<Conversation> {
  const request = toStartRequest(input, { provider: PROVIDER, operation: 'conversations.create' });
  const response = await api.startConversation(request, options);
  return readConversationAnswer(response, 'startConversation');
}

/** The presigned target of an upload, or `invalid_response`: only an absolute http(s) URL can be one. */
function parseUploadUrl(value: string | null | undefined): URL {
  const url = value && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalidResponseAt(
      'conversation_multimedia_upload_url.url',
      value ? 'not an absolute http(s) URL' : REQUIRED,
      UPLOAD_URL,
    );
  return url;
}

/** `UltraCartProvider.uploadMedia`: the presigned upload's two steps (see there). */
export async function uploadMedia(
  api: UltraCartApi,
  input: UploadInput,
  options: ProviderCallOptions,
): Promise<MediaAttachment> {
  const context = { provider: PROVIDER, operation: 'media.upload' };
  const extension = uploadExtension(input, context);
  // readUpload refuses a stream that fails as `invalid_request` ("input.data could not be read").
  const file = await readUpload(input, { maxBytes: ULTRACART_MAX_UPLOAD_BYTES, context });
  const response = await api.getConversationMultimediaUploadUrl(extension, options);
  const upload = response.conversation_multimedia_upload_url;
  if (!upload) throw invalidResponseAt('conversation_multimedia_upload_url', REQUIRED, UPLOAD_URL);
  if (!upload.key) throw invalidResponseAt('conversation_multimedia_upload_url.key', REQUIRED, UPLOAD_URL);
  const url = parseUploadUrl(upload.url);
  try {
    await api.uploadToPresignedUrl(url.href, file, input.contentType, options);
  } catch (error) {
    if (!ConversationError.isInstance(error) || error.code === 'aborted') throw error;
    // Name the step: the upload URL was obtained, the PUT to storage is what failed.
    throw error.withMessage(
      `${PROVIDER} media upload failed at step 2 of 2 (PUT of the file to the presigned upload URL): ${error.message}`,
    );
  }
  const sent = { key: upload.key, url, contentType: input.contentType, size: file.size };
  return toMediaAttachment(upload, sent);
}

/** `UltraCartProvider.listQueues`: every webchat queue, mapped. */
export async function listQueues(api: UltraCartApi, options: ProviderCallOptions): Promise<Queue[]> {
  const response = await api.getConversationWebchatQueueStatuses(options);
  const operation = 'getConversationWebchatQueueStatuses';
  return (response.queue_statuses ?? []).map((queue, index) =>
    toQueue(queue, { provider: PROVIDER, operation, path: `queue_statuses[${index}]` }),
  );
}

/** `UltraCartProvider.authorizeAgent`: the agent websocket's session. */
export async function authorizeAgent(api: UltraCartApi, options: ProviderCallOptions): Promise<AgentSession> {
  const response = await api.getAgentWebsocketAuthorization(options);
  return toAgentSession(response.agent_auth, {
    provider: PROVIDER,
    operation: 'getAgentWebsocketAuthorization',
    path: 'agent_auth',
  });
}
