import { closeSync, openSync, readFileSync, readSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, runToEnd, tail } from './child-process.js';

/** The runtimes the smoke runs on. */
export const runtimeNames = ['node', 'bun', 'deno', 'workerd'] as const;
export type RuntimeName = (typeof runtimeNames)[number];

/** A command line: the executable and the arguments that come before the runtime's own. */
export interface Command {
  readonly command: string;
  readonly args: readonly string[];
}

const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));

function startsWithNodeShebang(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const read = readSync(fd, head, 0, head.length, 0);
    return /^#!.*\bnode\b/.test(head.subarray(0, read).toString('latin1'));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * The binary a runtime package ships (`bun`, `deno`, `workerd` from npm, installed as this
 * package's devDependencies). Their postinstall scripts put the real binary where `bin` points;
 * a bin that is still a Node launcher (scripts not run) is started through Node.
 */
export function runtimeBinary(name: Exclude<RuntimeName, 'node'>): Command {
  const dir = realpathSync(join(packageRoot, 'node_modules', name));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    bin?: string | Readonly<Record<string, string>>;
  };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[name];
  if (bin === undefined) throw new Error(`package ${name} declares no ${name} binary`);
  // Deno's postinstall leaves the binary beside its launcher; use it and skip a Node hop.
  const direct = name === 'deno' ? join(dir, 'deno') : join(dir, bin);
  for (const file of [direct, join(dir, bin)]) {
    try {
      if (startsWithNodeShebang(file)) return { command: process.execPath, args: [file] };
      return { command: file, args: [] };
    } catch {
      // Not there: try the declared bin.
    }
  }
  throw new Error(`package ${name} has no binary at ${bin}`);
}

/** How each CLI runtime runs `smoke.mjs` in the scratch project. */
function smokeCommand(
  name: Exclude<RuntimeName, 'workerd'>,
  scratchDir: string,
): Command & { env: NodeJS.ProcessEnv } {
  if (name === 'node') return { command: process.execPath, args: ['smoke.mjs'], env: childEnv() };
  const binary = runtimeBinary(name);
  if (name === 'bun') {
    // --no-install: resolve from node_modules only, never auto-install from the registry.
    return {
      command: binary.command,
      args: [...binary.args, '--no-install', 'smoke.mjs'],
      env: childEnv({ DO_NOT_TRACK: '1' }),
    };
  }
  // node_modules is the user's install (npm), so Deno must resolve from it, not its own cache.
  return {
    command: binary.command,
    args: [...binary.args, 'run', '-A', '--node-modules-dir=manual', 'smoke.mjs'],
    env: childEnv({
      DENO_DIR: join(scratchDir, '.deno-dir'),
      DENO_NO_UPDATE_CHECK: '1',
      DENO_NO_PROMPT: '1',
    }),
  };
}

/** What one runtime run produced: the summary, or why there is none. */
export type SmokeOutcome =
  | { readonly ok: true; readonly summary: unknown; readonly ms: number }
  | { readonly ok: false; readonly reason: string; readonly ms: number };

/** Lines of an error described by the smoke (`describeError`), outermost first. */
export function formatSmokeError(error: unknown, annotate: (stack: string) => string = (s) => s): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 6; depth++) {
    const { name, message, code, stack, cause } = current as Record<string, unknown>;
    const head = `${String(name ?? 'Error')}${typeof code === 'string' ? ` [${code}]` : ''}: ${String(message)}`;
    lines.push(depth === 0 ? head : `caused by ${head}`);
    // The innermost error's stack points at the failing line; outer ones are the smoke's wrappers.
    if (typeof stack === 'string' && (typeof cause !== 'object' || cause === null)) {
      const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
      lines.push(...annotate(frames.slice(0, 6).join('\n')).split('\n'));
    }
    current = cause;
  }
  return lines.join('\n');
}

/** Runs the smoke as a program on Node, Bun or Deno, with the emulator's parameters in its env. */
export async function runCliSmoke(
  name: Exclude<RuntimeName, 'workerd'>,
  scratchDir: string,
  params: unknown,
  marker: string,
): Promise<SmokeOutcome> {
  const { command, args, env } = smokeCommand(name, scratchDir);
  const result = await runToEnd(command, args, {
    cwd: scratchDir,
    env: { ...env, PARLEY_SMOKE_PARAMS: JSON.stringify(params) },
    timeoutMs: 60_000,
    doneMarker: marker,
    exitGraceMs: 5_000,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith(marker));
  const errorMarker = marker.replace('RESULT', 'ERROR');
  const errorLine = result.stderr.split('\n').find((l) => l.startsWith(errorMarker));
  if (errorLine !== undefined) {
    const described: unknown = JSON.parse(errorLine.slice(errorMarker.length));
    return { ok: false, reason: formatSmokeError(described), ms: result.ms };
  }
  if (line === undefined) {
    const why = result.timedOut
      ? 'timed out after 60 s'
      : `exited with ${String(result.code ?? result.signal)}`;
    return { ok: false, reason: `${why} without a result; stderr:\n${tail(result.stderr)}`, ms: result.ms };
  }
  const summary: unknown = JSON.parse(line.slice(marker.length));
  if (result.lingered) {
    // A user's script that never ends is broken even when its output was right.
    const reason = 'printed its result but did not exit within 5 s (open handles, e.g. keep-alive sockets)';
    return { ok: false, reason, ms: result.ms };
  }
  if (result.code !== 0) {
    return { ok: false, reason: `printed a result but exited with ${String(result.code)}`, ms: result.ms };
  }
  return { ok: true, summary, ms: result.ms };
}
