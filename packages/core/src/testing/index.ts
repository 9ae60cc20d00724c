// @parley/core/testing: an in-memory provider for an app's own tests. Loads without any test runner.
export { createMemoryProvider, type MemoryProviderOptions, type MemoryRaw } from './memory-provider.js';
export type { MemorySeedOptions } from './memory-seed.js';
export { shapeProblems } from './neutral-shape.js';
