/** A Lua script run with EVALSHA, falling back to EVAL when the server does not have it yet. */
export interface Script {
  readonly source: string;
  /** Hex SHA-1 of `source`, as Redis names scripts in EVALSHA. */
  sha(): Promise<string>;
}

function script(source: string): Script {
  let sha: Promise<string> | undefined;
  return {
    source,
    sha: () => {
      sha ??= crypto.subtle
        .digest('SHA-1', new TextEncoder().encode(source))
        .then((digest) =>
          Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''),
        );
      return sha;
    },
  };
}

/** KEYS[1] the key, ARGV[1] the value it must hold: deletes it then; 1 when deleted, else 0. */
export const deleteIfHolds: Script = script(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`);

/**
 * KEYS[1] the lease, ARGV[1] the owner, ARGV[2] the TTL in ms: takes the lease when it is free,
 * renews it (new TTL) when the owner holds it; 1 when the owner holds it afterwards, else 0.
 */
export const acquireOrRenew: Script = script(`local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`);

/** Sends one command and resolves with its reply. */
export type Send = (args: string[]) => Promise<unknown>;

/** Runs `script` on one key: EVALSHA, then EVAL (which also caches it) if the server answers NOSCRIPT. */
export async function runScript(send: Send, script: Script, key: string, args: string[]): Promise<unknown> {
  try {
    return await send(['EVALSHA', await script.sha(), '1', key, ...args]);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return send(['EVAL', script.source, '1', key, ...args]);
  }
}
