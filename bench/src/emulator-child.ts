import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  EmulatorChildOptions,
  EmulatorCommand,
  EmulatorInfo,
  EmulatorReply,
  SunshineArrival,
  UltraCartArrival,
} from './emulator-protocol.js';

/** A running emulator child process. */
export interface EmulatorChild {
  info: EmulatorInfo;
  /** How many requests the emulator has logged since the last `clear()`. */
  count(): Promise<number>;
  clear(): Promise<void>;
  /** A customer message arrives in an UltraCart conversation (the emulator picks one). */
  ultracartMessage(): Promise<UltraCartArrival>;
  /** A customer message arrives in a Sunshine conversation, and its webhook goes out. */
  sunshineMessage(): Promise<SunshineArrival>;
  /** UltraCart requests accepted and refused (429) by the rate limiter since the start. */
  rateLimit(): Promise<{ accepted: number; refused: number }>;
  close(): Promise<void>;
}

/**
 * Starts the bundled emulator (`dist/emulator-process.mjs`, next to the calling bundle) in a child
 * process, seeded (seed 42) as `options` say.
 */
export async function startEmulatorChild(options: EmulatorChildOptions): Promise<EmulatorChild> {
  const entry = fileURLToPath(new URL('./emulator-process.mjs', import.meta.url));
  const child: ChildProcess = fork(entry, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Replies come in the order of the commands: the child answers each at once.
  const waiters: ((reply: EmulatorReply) => void)[] = [];
  child.on('message', (reply: EmulatorReply) => waiters.shift()?.(reply));
  const next = () => new Promise<EmulatorReply>((resolve) => waiters.push(resolve));
  const ask = async <T extends EmulatorReply['type']>(
    command: EmulatorCommand,
    expected: T,
  ): Promise<Extract<EmulatorReply, { type: T }>> => {
    const answer = next();
    child.send(command);
    const reply = await answer;
    if (reply.type !== expected) throw new Error(`emulator answered ${reply.type} to ${command.type}`);
    return reply as Extract<EmulatorReply, { type: T }>;
  };
  const ready = await Promise.race([
    next(),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`emulator exited ${code}`))),
    ),
  ]);
  if (ready.type !== 'ready') throw new Error('emulator did not start');
  return {
    info: ready.info,
    count: async () => (await ask({ type: 'count' }, 'count')).count,
    clear: async () => {
      await ask({ type: 'clear' }, 'cleared');
    },
    ultracartMessage: async () => (await ask({ type: 'ultracartMessage' }, 'ultracartMessage')).arrival,
    sunshineMessage: async () => (await ask({ type: 'sunshineMessage' }, 'sunshineMessage')).arrival,
    rateLimit: async () => {
      const { accepted, refused } = await ask({ type: 'rateLimit' }, 'rateLimit');
      return { accepted, refused };
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}
