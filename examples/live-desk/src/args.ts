import { ConversationError } from '@parley/core';

/** The command line of the live desk. */
export interface DeskArgs {
  /** `--provider ultracart|sunshine`: sets `config.provider` (else `PARLEY_PROVIDER`, else the configured one). */
  provider?: string;
  /** `--replicas N` (1–8, default 1): subscriptions in this process, as N replicas of an app would run. */
  replicas: number;
  /** `--seconds N`: stop after N seconds (default: 20 on the emulator; with credentials, until Ctrl-C). */
  seconds?: number;
  /** `--poll-ms N` (100–3600000, default 500): the subscription's `pollIntervalMs`. */
  pollIntervalMs?: number;
  /** `--port N`: where the webhook endpoint listens (default `PORT`, else 3000; 0 on the emulator). */
  port?: number;
}

// The usage line printed with a bad argument.
const USAGE =
  'usage: live-desk [--provider ultracart|sunshine] [--replicas N] [--seconds N] [--poll-ms N] [--port N]';

const bad = (message: string) =>
  new ConversationError({ code: 'invalid_request', message: `${message}\n${USAGE}`, operation: 'live-desk' });

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw bad(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * Reads `--flag value` and `--flag=value` arguments; an unknown flag or a bad value is an
 * `invalid_request` error naming the flag.
 *
 * @example
 * ```ts
 * parseDeskArgs(['--replicas', '2']); // { replicas: 2 }
 * ```
 */
export function parseDeskArgs(argv: readonly string[]): DeskArgs {
  const args: DeskArgs = { replicas: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    switch (flag) {
      case '--provider':
        if (value === undefined || value === '') throw bad('--provider needs a name');
        args.provider = value;
        break;
      case '--replicas':
        args.replicas = integer(flag, value, 1, 8);
        break;
      case '--seconds':
        args.seconds = integer(flag, value, 1, 86_400);
        break;
      case '--poll-ms':
        args.pollIntervalMs = integer(flag, value, 100, 3_600_000);
        break;
      case '--port':
        args.port = integer(flag, value, 0, 65_535);
        break;
      default:
        throw bad(`unknown argument ${flag}`);
    }
  }
  return args;
}
