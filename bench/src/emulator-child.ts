import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorCommand, EmulatorInfo, EmulatorReply } from './emulator-protocol.js';

/** A running emulator child process. */
export interface EmulatorChild {
  info: EmulatorInfo;
  /** How many requests the emulator has logged since the last `clear()`. */
  count(): Promise<number>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the bundled emulator (`dist/emulator-process.mjs`, next to the calling bundle) in a child
 * process seeded with `conversations` conversations per provider, and `powerUserConversations` for
 * the Sunshine power user (Sunshine lists one user's conversations).
 */
export async function startEmulatorChild(
  conversations: number,
  powerUserConversations?: number,
): Promise<EmulatorChild> {
  const entry = fileURLToPath(new URL('./emulator-process.mjs', import.meta.url));
  const args = [
    String(conversations),
    ...(powerUserConversations === undefined ? [] : [String(powerUserConversations)]),
  ];
  const child: ChildProcess = fork(entry, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: ((reply: EmulatorReply) => void)[] = [];
  child.on('message', (reply: EmulatorReply) => waiters.shift()?.(reply));
  const next = () => new Promise<EmulatorReply>((resolve) => waiters.push(resolve));
  const ask = (command: EmulatorCommand) => {
    const answer = next();
    child.send(command);
    return answer;
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
    async count() {
      const reply = await ask({ type: 'count' });
      return reply.type === 'count' ? reply.count : Number.NaN;
    },
    async clear() {
      await ask({ type: 'clear' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}
