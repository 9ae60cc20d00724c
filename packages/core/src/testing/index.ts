// @parley/core/testing: an in-memory provider for an app's own tests. Loads without any test runner.
export { createMemoryProvider, type MemoryProviderOptions } from './memory/adapter.js';
export type { MemorySeedOptions } from './memory/seed.js';
export type { MemoryRaw } from './memory/state.js';
export { type NeutralKind, outcomeProblems, shapeProblems } from './neutral-shape.js';
export { runtimeImports } from './runtime-imports.js';
