import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How to start a child. */
export interface SpawnOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Extra pipes after stdin/stdout/stderr (fd 3, 4, …), e.g. workerd's control descriptor. */
  readonly extraPipes?: number;
}

/** A started child whose output is kept (the last 256 KiB of each stream). */
export interface TrackedProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the child exited, with its code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the child's whole process group (a runtime shim's own children included). */
  kill(): void;
}

const keptBytes = 256 * 1024;
const live = new Set<TrackedProcess>();

function collect(stream: Readable | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text += chunk;
    if (text.length > keptBytes * 2) text = text.slice(-keptBytes);
  });
  return () => text;
}

/** Starts a child in its own process group, so a timeout or cleanup can end all of it. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): TrackedProcess {
  const extra = Array.from({ length: options.extraPipes ?? 0 }, () => 'pipe' as const);
  const child = spawn(command, args, {
    cwd: options.cwd,
    // PWD follows cwd, as a shell would set it (workerd warns when they differ).
    env: { ...(options.env ?? process.env), PWD: options.cwd },
    stdio: ['ignore', 'pipe', 'pipe', ...extra],
    detached: true,
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      // A binary that cannot start (missing, not executable) is reported like a crash.
      child.stderr?.emit('data', `cannot start ${command}: ${error.message}\n`);
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const tracked: TrackedProcess = {
    child,
    stdout,
    stderr,
    exited,
    kill() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    },
  };
  live.add(tracked);
  void exited.then(() => live.delete(tracked));
  return tracked;
}

/** Kills every child still running: the runner's last act, also after a failure or Ctrl-C. */
export function killAllChildren(): void {
  for (const tracked of live) tracked.kill();
}

/** What {@link runToEnd} saw. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed because it ran past `timeoutMs`. */
  readonly timedOut: boolean;
  /** Printed `doneMarker` but had not exited `exitGraceMs` later (open handles). */
  readonly lingered: boolean;
  readonly ms: number;
}

/** Options of {@link runToEnd}. */
export interface RunOptions extends SpawnOptions {
  readonly timeoutMs: number;
  /** Once stdout holds this, the program is done and must exit within `exitGraceMs`. */
  readonly doneMarker?: string;
  readonly exitGraceMs?: number;
}

/** Runs a child to its end, killing it at `timeoutMs` (or when it lingers after finishing). */
export async function runToEnd(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const started = performance.now();
  const tracked = spawnTracked(command, args, options);
  let timedOut = false;
  let lingered = false;
  const timer = setTimeout(() => {
    timedOut = true;
    tracked.kill();
  }, options.timeoutMs);
  let graceTimer: NodeJS.Timeout | undefined;
  if (options.doneMarker !== undefined) {
    const marker = options.doneMarker;
    tracked.child.stdout?.on('data', () => {
      if (graceTimer !== undefined || !tracked.stdout().includes(marker)) return;
      graceTimer = setTimeout(() => {
        lingered = true;
        tracked.kill();
      }, options.exitGraceMs ?? 5_000);
    });
  }
  const { code, signal } = await tracked.exited;
  clearTimeout(timer);
  clearTimeout(graceTimer);
  return {
    code,
    signal,
    stdout: tracked.stdout(),
    stderr: tracked.stderr(),
    timedOut,
    lingered,
    ms: performance.now() - started,
  };
}

/** The last `lines` non-empty lines of `text`, for failure reports. */
export function tail(text: string, lines = 12): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .join('\n');
}

/** A child's environment: the runner's, without the package manager's `npm_*` settings. */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // pnpm's npm_config_* would otherwise steer the scratch `npm install` and the runtimes.
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}
