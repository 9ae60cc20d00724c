import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { childEnv, spawnTracked, type TrackedProcess, tail } from './child-process.js';
import { formatSmokeError, runtimeBinary, type SmokeOutcome } from './runtimes.js';

const bundleFile = 'worker.bundle.mjs';
// A recent date, so the worker sees today's Workers behaviour; no compatibility flags at all.
const compatibilityDate = '2025-09-01';

interface EsbuildMessage {
  readonly text: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number } | null;
}

function isBuildFailure(error: unknown): error is { errors: readonly EsbuildMessage[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { errors?: unknown }).errors);
}

/**
 * Bundles `worker.mjs` (the smoke behind a fetch handler) as Wrangler would for Workers: browser
 * platform, the workerd/worker/browser conditions, ESM. Returns esbuild's errors, or undefined.
 */
async function bundleWorker(scratchDir: string): Promise<string | undefined> {
  try {
    await build({
      absWorkingDir: scratchDir,
      entryPoints: ['worker.mjs'],
      outfile: bundleFile,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      // Unminified keeps esbuild's `// node_modules/…` markers, which name the module of a stack line.
      minify: false,
      logLevel: 'silent',
    });
    return undefined;
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    const lines = error.errors.slice(0, 10).map((message) => {
      const at = message.location;
      return at ? `${at.file}:${at.line}:${at.column}: ${message.text}` : message.text;
    });
    if (error.errors.length > 10) lines.push(`… and ${error.errors.length - 10} more`);
    return `esbuild could not bundle the worker:\n${lines.join('\n')}`;
  }
}

/**
 * Adds the original module to each `worker.bundle.mjs:LINE` of a stack or log, from the nearest
 * `// node_modules/…` marker above that line of the bundle.
 */
function bundleAnnotator(scratchDir: string): (text: string) => string {
  let lines: string[];
  try {
    lines = readFileSync(join(scratchDir, bundleFile), 'utf8').split('\n');
  } catch {
    return (text) => text;
  }
  const moduleAt = (line: number): string | undefined => {
    for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      const match = /^\/\/ (\S+\.(?:m?js|cjs))$/.exec(lines[i] ?? '');
      if (match) return match[1];
    }
    return undefined;
  };
  return (text) =>
    text.replace(/worker(?:\.bundle)?\.mjs:(\d+):(\d+)/g, (found, line: string) => {
      const module = moduleAt(Number(line));
      const code = (lines[Number(line) - 1] ?? '').trim().slice(0, 100);
      return `${found} [${module ?? 'worker.mjs'}] ${code}`;
    });
}

// The config: the bundle as the only module, the parameters as a json binding, and a network
// service that reaches loopback only (the emulator) as the worker's outbound.
function capnpConfig(): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "${bundleFile}")],
  compatibilityDate = "${compatibilityDate}",
  bindings = [(name = "SMOKE_PARAMS", json = embed "smoke-params.json")],
  globalOutbound = "loopback",
);
`;
}

// workerd reports each socket's port on the control descriptor (fd 3) once it listens.
function listeningPort(server: TrackedProcess, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const control = server.child.stdio[3];
    let buffered = '';
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    void server.exited.then(() => resolve(undefined));
    control?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        try {
          const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
          if (message.event === 'listen' && message.socket === 'http' && typeof message.port === 'number') {
            clearTimeout(timer);
            resolve(message.port);
          }
        } catch {
          // A partial line: wait for the rest.
        }
      }
    });
  });
}

/** Bundles the worker, serves it with `workerd serve` and fetches `/run`. */
export async function runWorkerdSmoke(scratchDir: string, params: unknown): Promise<SmokeOutcome> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  const bundleError = await bundleWorker(scratchDir);
  if (bundleError !== undefined) return { ok: false, reason: bundleError, ms: ms() };
  const annotate = bundleAnnotator(scratchDir);
  writeFileSync(join(scratchDir, 'smoke-params.json'), JSON.stringify(params));
  writeFileSync(join(scratchDir, 'config.capnp'), capnpConfig());
  const binary = runtimeBinary('workerd');
  const server = spawnTracked(
    binary.command,
    [...binary.args, 'serve', 'config.capnp', '--verbose', '--control-fd=3'],
    { cwd: scratchDir, env: childEnv(), extraPipes: 1 },
  );
  try {
    const port = await listeningPort(server, 20_000);
    if (port === undefined) {
      const why = server.child.exitCode === null ? 'did not listen within 20 s' : 'exited at startup';
      return { ok: false, reason: `workerd ${why}:\n${annotate(tail(server.stderr(), 15))}`, ms: ms() };
    }
    const response = await fetch(`http://127.0.0.1:${port}/run`, { signal: AbortSignal.timeout(60_000) });
    const text = await response.text();
    let body: { ok?: boolean; summary?: unknown; error?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not the wrapper's JSON: workerd itself answered (an uncaught exception, a load failure).
      const log = annotate(tail(server.stderr(), 15));
      return { ok: false, reason: `HTTP ${response.status}: ${text.slice(0, 300)}\n${log}`, ms: ms() };
    }
    if (body.ok !== true) return { ok: false, reason: formatSmokeError(body.error, annotate), ms: ms() };
    return { ok: true, summary: body.summary, ms: ms() };
  } catch (error) {
    const log = annotate(tail(server.stderr(), 15));
    return { ok: false, reason: `fetching the worker failed: ${String(error)}\n${log}`, ms: ms() };
  } finally {
    server.kill();
    await server.exited;
  }
}
