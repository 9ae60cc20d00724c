// @parley/core/conformance: the suite every adapter runs. The only entry that imports vitest.

export { type EventStoreContractOptions, eventStoreContract } from './event-store-contract.js';
export {
  type ContractClientContext,
  type ContractSender,
  type ConversationProviderContractOptions,
  conversationProviderContract,
} from './provider-contract.js';
