import type { Emulator } from './server.js';

/** What the CLI started besides the two APIs, for the lines it prints. */
export interface CliEnvironmentOptions {
  /** The `X-API-Key` of the emulator's Sunshine webhooks (the same for every `--webhook` target). */
  readonly webhookSecret: string;
  /** How long seeding took. */
  readonly seededMs: number;
  /** Extra comment lines (faults, activity, rate limit), printed before the exports. */
  readonly notes?: readonly string[];
}

// What a POSIX shell takes unquoted in `export NAME=value`.
const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/** `value` as one shell word. */
function shellWord(value: string): string {
  return SHELL_SAFE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The CLI's banner: where the emulator listens, then `export` lines that
 * `configFromEnv(process.env, [ultracart, sunshine])` accepts as they are, for either provider
 * (`PARLEY_PROVIDER` picks one). Everything that is not an `export` is a `#` comment, so the whole
 * block can be pasted into a shell.
 *
 * @example
 * ```ts
 * console.log(cliEnvironment(emulator, { webhookSecret, seededMs: 80 }));
 * ```
 */
export function cliEnvironment(emulator: Emulator, options: CliEnvironmentOptions): string {
  const { ultracart: u, sunshine: s, facts } = emulator;
  const exportLine = (name: string, value: string, comment?: string) =>
    `export ${name}=${shellWord(value)}${comment === undefined ? '' : `  # ${comment}`}`;
  const users = facts.sunshine.users
    .slice(1, 3)
    .map((user) => user.externalId)
    .join(', ');
  const power = facts.sunshine.powerUser;
  const targets = emulator.webhooks.map((webhook) => webhook.target);
  return [
    `# parley-emulator listening on ${emulator.url} (seeded in ${options.seededMs} ms)`,
    ...(options.notes ?? []).map((note) => `# ${note}`),
    '',
    `# UltraCart: ${facts.ultracart.conversationCount} conversations; queues: ${facts.ultracart.queues.map((q) => q.name).join(', ')}`,
    exportLine('ULTRACART_BASE_URL', u.baseUrl),
    exportLine('ULTRACART_API_KEY', u.apiKey),
    '# configFromEnv takes exactly one UltraCart credential; for OAuth, unset the key and instead:',
    `# export ULTRACART_ACCESS_TOKEN=${shellWord(u.accessToken)}`,
    '',
    `# Sunshine: users ${power.externalId} (${power.conversationCount} conversations), ${users}, …`,
    exportLine('SUNSHINE_BASE_URL', s.baseUrl),
    exportLine('SUNSHINE_APP_ID', s.appId),
    exportLine('SUNSHINE_KEY_ID', s.keyId),
    exportLine('SUNSHINE_KEY_SECRET', s.keySecret),
    exportLine(
      'SUNSHINE_WEBHOOK_SECRET',
      options.webhookSecret,
      targets.length === 0
        ? 'X-API-Key of webhooks to --webhook <url> targets (none given)'
        : `X-API-Key of the webhooks to ${targets.join(', ')}`,
    ),
    "# Sunshine lists one user's conversations: the examples read SUNSHINE_USER_ID",
    `# (or SUNSHINE_USER_EXTERNAL_ID=${shellWord(power.externalId)}) and pass it as conversations.list({ userId })`,
    exportLine('SUNSHINE_USER_ID', power.id),
    '',
    '# Both providers are configured: PARLEY_PROVIDER says which one configFromEnv picks (set it to',
    '# sunshine for Sunshine, and for a program whose only adapter is sunshine)',
    exportLine('PARLEY_PROVIDER', 'ultracart'),
    '',
    '# Press Ctrl+C to stop.',
  ].join('\n');
}
