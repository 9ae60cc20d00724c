// What the cold-start parent (cold-start.ts), its per-process loader (cold-loader.ts) and the module
// hooks (cold-hooks.ts) tell each other.

/** The loader asks the hooks for the URLs of every module loaded so far. */
export type HooksRequest = { type: 'loaded' };
export type HooksReply = { type: 'loaded'; urls: string[] };

/**
 * Set on `globalThis` by a line the probe bundles prepend to each of ky's modules (bundle.ts): it is
 * set only if esbuild's lazy wrapper around ky actually ran, not merely because ky is in the file.
 */
export const KY_MARKER = '__parleyBenchKyEvaluated';

/** Whether a module URL is one of ky's files (pnpm: …/node_modules/.pnpm/ky@x/node_modules/ky/…). */
export const isKyUrl = (url: string): boolean => url.includes('/node_modules/ky/');

/** What the ky probe found in one process. */
export interface KyProbe {
  /** Modules loaded by the time the client was built (node_modules runs only). */
  modulesAfterBuild?: number;
  kyAfterBuild: boolean;
  /** After one `conversations.get` answered by the parent's stub server. */
  kyAfterRequest: boolean;
  /** The ConversationError code the request ended with (the stub answers 404). */
  requestOutcome: string;
}

/** What one loader process prints. */
export interface ColdSample {
  importAndBuildMs: number;
  probe?: KyProbe;
}
