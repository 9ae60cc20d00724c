// What the package loads on first use, through `loadDeferred` (load-deferred.ts), rather than at
// import: the wire schemas the raw API checks bodies and answers with, the live-events poller (and
// the account key it leases under), and the provider's seldom-called operations. Each of the latter
// calls the raw API, which needs the schemas anyway, so they come in one module: at import an app
// loads only what its first reads need, and the code it shares with these (valibot, the readers,
// core) stays in one chunk, not one per combination of lazily loaded modules. Only the schemas the
// raw API uses are re-exported: a bundler keeps every name of a namespace that `import()` returns.

export { ultracartAccount } from './account.js';
export { runUltraCartEvents } from './events.js';
export { authorizeAgent, createConversation, listQueues, uploadMedia } from './operations.js';
export {
  ConversationAgentAuthResponseSchema,
  ConversationMultimediaUploadUrlResponseSchema,
} from './wire/agent.js';
export { ConversationWebchatContextSchema } from './wire/context.js';
export {
  ConversationJoinRequestSchema,
  ConversationMessagesResponseSchema,
  ConversationResponseSchema,
  ConversationStartRequestSchema,
  ConversationStartResponseSchema,
  ConversationsResponseSchema,
} from './wire/conversation.js';
export {
  ConversationWebchatQueueStatusesResponseSchema,
  ConversationWebchatQueueStatusUpdateRequestSchema,
} from './wire/queue.js';
