import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { adapters, type DemoConfig, type ListFilters } from './providers.js';

const listFiltersSchema = v.strictObject({
  userId: v.exactOptional(v.pipe(v.string(), v.nonEmpty())),
  userExternalId: v.exactOptional(v.pipe(v.string(), v.nonEmpty())),
  channel: v.exactOptional(v.picklist(['sms', 'webchat'])),
});

/**
 * A config file: Parley's config under `parley` (plain data, exactly what `createConversations`
 * takes), this program's own settings beside it. Parley refuses keys it does not know, so the app's
 * settings cannot sit inside its config.
 */
const configFileSchema = v.strictObject({
  parley: v.looseObject({ provider: v.picklist(adapters.map((adapter) => adapter.name)) }),
  /** Filters of the listing per provider (Sunshine lists one user's conversations). */
  listFilters: v.exactOptional(v.record(v.string(), listFiltersSchema), {}),
});

/** What a config file holds, checked. */
export interface ConfigFile {
  config: DemoConfig;
  listFilters: Record<string, ListFilters>;
}

/**
 * Reads and checks a config file such as `config.emulator.json`. This program's part
 * (`listFilters`) and the choice of provider are checked here; every other field of `parley` is
 * checked by `createConversations` against the adapter's own schema (an unknown or misspelt key is
 * an `invalid_config` error naming it and the key it resembles).
 */
export function parseConfigFile(text: string, file = 'the config file'): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(configFileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((item) => String(item.key)).join('.') ?? '(root)';
    throw new Error(`${file}: ${path} ${issue?.message ?? 'is invalid'}`);
  }
  // The sections are validated by createConversations, which the caller hands this config to.
  return { config: parsed.output.parley as DemoConfig, listFilters: parsed.output.listFilters };
}

/** Reads a config file from disk (see {@link parseConfigFile}). */
export async function readConfigFile(file: string): Promise<ConfigFile> {
  return parseConfigFile(await readFile(file, 'utf8'), file);
}
