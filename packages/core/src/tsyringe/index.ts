// @parley/core/tsyringe: for apps that use tsyringe. It only imports tsyringe's types: the app
// loads tsyringe (and its Reflect polyfill) itself, so this entry has no side effect.
export { ConversationClientToken, registerConversations } from './register-conversations.js';
