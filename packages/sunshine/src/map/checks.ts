// The field checks of the readers (`read*` in this folder): each one takes exactly what the valibot
// schema of the same field in `wire/` takes, without copying anything. The property tests in
// `answers.test.ts` hold the readers to the schemas.

/** A JSON object as a reader receives it: not yet checked, and never copied. */
export type WireObject = Record<string, unknown>;

/** What valibot's object and record schemas take: any object but null (arrays included). */
export function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null;
}

/** `idSchema`: a non-empty string. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `v.optional(v.string())`. */
export function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/** `v.nullish(v.string())`. */
export function isNullishString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** `v.optional(v.boolean())`. */
export function isOptionalBoolean(value: unknown): value is boolean | undefined {
  return value === undefined || typeof value === 'boolean';
}

/** `v.optional(v.number())`: valibot's `number` refuses NaN. */
export function isOptionalNumber(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && !Number.isNaN(value));
}

/** `v.optional(v.array(v.string()))`. */
export function isOptionalStringArray(value: unknown): value is string[] | undefined {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

/** `metadataSchema`: null, absent, or any object (its values are filtered when mapped). */
export function isMetadata(value: unknown): value is WireObject | null | undefined {
  return value === undefined || value === null || isObject(value);
}

/**
 * What a reader made of a value its wire schema already accepted (webhook payloads, the answers
 * of writes): the reader checks nothing the schema does not, so it cannot refuse one.
 */
export function accepted<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new TypeError(`the Sunshine ${what} reader refused what its schema accepted`);
  return value;
}
