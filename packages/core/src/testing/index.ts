export { createMemoryProvider, type MemoryProviderOptions, type MemoryRaw } from './memory-provider.js';
export type { MemorySeedOptions } from './memory-seed.js';
export { shapeProblems } from './neutral-shape.js';
export {
  type ContractClientContext,
  type ContractSender,
  type ConversationProviderContractOptions,
  conversationProviderContract,
} from './provider-contract.js';
