// example-custom-adapter/wire: Acme Chat's JSON as valibot schemas and types, names as on the wire.
export {
  type AcmeConversation,
  type AcmeConversationListQuery,
  type AcmeConversationListResponse,
  type AcmeConversationResponse,
  conversationListResponseSchema,
  conversationResponseSchema,
  conversationSchema,
} from './conversation.js';
export { type AcmeErrorResponse, errorResponseSchema } from './error.js';
export {
  type AcmeMessage,
  type AcmeMessageListQuery,
  type AcmeMessageListResponse,
  type AcmeMessageResponse,
  type AcmeSendMessageBody,
  messageListResponseSchema,
  messageResponseSchema,
  messageSchema,
} from './message.js';
export { type AcmeParticipant, participantSchema } from './participant.js';
