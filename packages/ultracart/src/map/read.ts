import type { ConversationError } from '@parley/core';
import { type ErrorContext, invalidResponseAt } from '@parley/core/provider';
import { NOT_A_DTS } from '../wire/common.js';
import { parseIsoTimestamp } from '../wire/iso-timestamp.js';
import { REQUIRED } from './context.js';

// Hand checks of the fields the provider reads, in place: nothing is copied, and a field that
// breaks the wire schema fails with the path and words of the schema's first issue (valibot's),
// so a read gives the same `invalid_response` as `parseWire` would. The readers read the fields
// of each object in the schema's entry order, so the first problem found is the one valibot
// reports first among the fields read. Paths are built only for an error: each enclosing reader
// adds its segment on the way out.

/** A JSON object of an answer, read in place. */
export type WireObject = Readonly<Record<string, unknown>>;

// valibot's messages for the same issues, without the "but received …" tail (`issueMessage`).
const STRING = 'Invalid type: Expected string';
const BOOLEAN = 'Invalid type: Expected boolean';
const NUMBER = 'Invalid type: Expected number';
const ARRAY = 'Invalid type: Expected Array';
const OBJECT = 'Invalid type: Expected Object';

/**
 * A field that breaks what a reader reads, on its way out to {@link readAnswer}: the path below
 * the value being read (innermost segment first; each enclosing reader pushes its own) and the
 * problem. `schema` is false for a field the schema allows to be missing but Parley needs.
 */
export class WireProblem extends Error {
  readonly segments: (string | number)[];
  readonly schema: boolean;

  constructor(key: string | undefined, problem: string, schema = true) {
    super(problem);
    this.segments = key === undefined ? [] : [key];
    this.schema = schema;
  }

  /** The dotted path below `prefix`, written as core's `issuePath` writes a valibot issue's. */
  path(prefix: string): string {
    let path = prefix;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const segment = this.segments[i] as string | number;
      path += typeof segment === 'number' ? `[${segment}]` : path === '' ? segment : `.${segment}`;
    }
    return path === '' ? '(root)' : path;
  }
}

/** `error` with `segment` added to its path when it is a {@link WireProblem}. */
function within(error: unknown, segment: string | number): unknown {
  if (error instanceof WireProblem) error.segments.push(segment);
  return error;
}

// True while a read runs again only to find schema problems past a missing field Parley needs.
let lenient = false;

/**
 * Refuses a missing field Parley needs (`field` of the object being read). The refusal waits for
 * the schema: {@link readAnswer} reports a field that breaks the schema anywhere in the answer
 * first, as the full schema checked before mapping would.
 */
export function required(field: string, problem = REQUIRED): void {
  if (!lenient) throw new WireProblem(field, problem, false);
}

/**
 * Runs `read` over an answer and turns a {@link WireProblem} into `invalid_response` at its path
 * (below `prefix`). A problem with a field Parley needs is reported only when no field read breaks
 * the schema: `read` runs once more, leniently, to look for one.
 */
export function readAnswer<T>(read: () => T, context: ErrorContext, prefix = ''): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof WireProblem)) throw error;
    throw toError(error.schema ? error : (schemaProblem(read) ?? error), context, prefix);
  }
}

function schemaProblem(read: () => unknown): WireProblem | undefined {
  const was = lenient;
  lenient = true;
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof WireProblem) return error;
    throw error;
  } finally {
    lenient = was;
  }
}

function toError(problem: WireProblem, context: ErrorContext, prefix: string): ConversationError {
  return invalidResponseAt(problem.path(prefix), problem.message, {
    provider: context.provider,
    operation: context.operation,
  });
}

/** `value` as an object (an array is one too, as for valibot's `looseObject`). */
export function asObject(value: unknown): WireObject {
  if (value && typeof value === 'object') return value as WireObject;
  throw new WireProblem(undefined, OBJECT);
}

/** `o[key]`: a string, or undefined when absent or null. `problem` words another schema's issue. */
export function readString(o: WireObject, key: string, problem = STRING): string | undefined {
  const value = o[key];
  if (typeof value === 'string') return value;
  if (value == null) return undefined;
  throw new WireProblem(key, problem);
}

/** `o[key]`: a boolean, or undefined when absent or null. */
export function readBoolean(o: WireObject, key: string): boolean | undefined {
  const value = o[key];
  if (typeof value === 'boolean') return value;
  if (value == null) return undefined;
  throw new WireProblem(key, BOOLEAN);
}

/** `o[key]`: an integer (the wire's `int`), or undefined when absent or null. */
export function readInt(o: WireObject, key: string): number | undefined {
  const value = o[key];
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    // valibot's number() refuses NaN as a type; integer() words the rest with the value.
    throw new WireProblem(key, Number.isNaN(value) ? NUMBER : `Invalid integer: Received ${value}`);
  }
  if (value == null) return undefined;
  throw new WireProblem(key, NUMBER);
}

/** `o[key]`, a `*_dts` value, as epoch milliseconds (parsed once), or undefined when absent or null. */
export function readDts(o: WireObject, key: string): number | undefined {
  const value = o[key];
  if (typeof value === 'string') {
    const ms = parseIsoTimestamp(value);
    if (ms === undefined) throw new WireProblem(key, NOT_A_DTS);
    return ms;
  }
  if (value == null) return undefined;
  throw new WireProblem(key, STRING);
}

/** `o[key]`: an array of strings (the same array), or undefined when absent or null. */
export function readStrings(o: WireObject, key: string): readonly string[] | undefined {
  const value = o[key];
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw new WireProblem(key, ARRAY);
  for (let i = 0; i < value.length; i++)
    if (typeof value[i] !== 'string') throw within(within(new WireProblem(undefined, STRING), i), key);
  return value as readonly string[];
}

/** `o[key]`, an object, read by `read` (with `arg`); undefined when absent or null. */
export function readNested<T, A>(
  o: WireObject,
  key: string,
  read: (value: WireObject, arg: A) => T,
  arg: A,
): T | undefined {
  const value = o[key];
  if (value == null) return undefined;
  if (typeof value !== 'object') throw new WireProblem(key, OBJECT);
  try {
    return read(value as WireObject, arg);
  } catch (error) {
    throw within(error, key);
  }
}

/**
 * `o[key]`, an array of objects, each read by `read` (with `arg`); undefined when absent or null.
 * A problem inside an element gets `key[index]` in its path.
 */
export function readItems<T, A>(
  o: WireObject,
  key: string,
  read: (item: WireObject, arg: A) => T,
  arg: A,
): T[] | undefined {
  const items = o[key];
  if (items == null) return undefined;
  if (!Array.isArray(items)) throw new WireProblem(key, ARRAY);
  try {
    return mapItems(items, read, arg);
  } catch (error) {
    throw within(error, key);
  }
}

/** Each element of `items` (an object) read by `read` (with `arg`); a problem gets `[index]` in its path. */
export function mapItems<T, A>(
  items: readonly unknown[],
  read: (item: WireObject, arg: A) => T,
  arg: A,
): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      out.push(read(asObject(items[i]), arg));
    } catch (error) {
      throw within(error, i);
    }
  }
  return out;
}
