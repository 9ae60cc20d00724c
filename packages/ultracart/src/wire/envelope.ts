import * as v from 'valibot';
import { NOT_A_DTS } from './common.js';
import { isIsoTimestamp } from './iso-timestamp.js';

// The building blocks of every wire model, and the models of the envelope every response shares.

/**
 * An optional wire field. Every property in UltraCart's spec is optional, and its Java server may
 * send `null` for a missing value (`ResultSet.total_records` "May be null"), so both are accepted.
 */
export const opt = <const TSchema extends v.GenericSchema>(schema: TSchema) => v.nullish(schema);

/**
 * A string enum that also accepts values added after the spec copy, so a new provider value never
 * breaks a response (the typed values stay visible to readers and editors).
 */
export const openEnum = <const TValues extends readonly [string, ...string[]]>(values: TValues) =>
  v.union([v.picklist(values), v.string()]);

/** Spec `integer` (int32/int64). */
export const int = v.pipe(v.number(), v.integer());

/** UltraCart's `dateTime` format: an ISO-8601 string, checked so a bad one names its field. */
export const dtsSchema = v.pipe(v.string(), v.check(isIsoTimestamp, NOT_A_DTS));

/** Spec model `Error`. */
export const ErrorSchema = v.looseObject({
  developer_message: opt(v.string()),
  error_code: opt(v.string()),
  more_info: opt(v.string()),
  object_id: opt(v.string()),
  user_message: opt(v.string()),
});
/** Spec model `Error`: what failed, in a response body. */
export type UltraCartError = v.InferOutput<typeof ErrorSchema>;

/** Spec model `Warning` (`warning_code` is newer than the spec copy, JS SDK ≥ 4.1.85). */
export const WarningSchema = v.looseObject({
  more_info: opt(v.string()),
  warning_message: opt(v.string()),
  warning_code: opt(v.string()),
});
/** Spec model `Warning`. */
export type UltraCartWarning = v.InferOutput<typeof WarningSchema>;

/** Spec model `ResultSet`: where a page sits in a listing. */
export const ResultSetSchema = v.looseObject({
  count: opt(int),
  limit: opt(int),
  more: opt(v.boolean()),
  next_offset: opt(int),
  offset: opt(int),
  total_records: opt(int),
});
/** Spec model `ResultSet`. */
export type UltraCartResultSet = v.InferOutput<typeof ResultSetSchema>;

/** Spec model `ResponseMetadata`. */
export const ResponseMetadataSchema = v.looseObject({
  payload_name: opt(v.string()),
  result_set: opt(ResultSetSchema),
});
/** Spec model `ResponseMetadata`. */
export type UltraCartResponseMetadata = v.InferOutput<typeof ResponseMetadataSchema>;

/** The fields every enveloped `*Response` model shares. */
export const envelopeEntries = {
  error: opt(ErrorSchema),
  metadata: opt(ResponseMetadataSchema),
  success: opt(v.boolean()),
  warning: opt(WarningSchema),
};

/** Spec model `ErrorResponse`: the body of every 400/401/410/429/500 answer. */
export const ErrorResponseSchema = v.looseObject({ ...envelopeEntries });
/** Spec model `ErrorResponse`. */
export type UltraCartErrorResponse = v.InferOutput<typeof ErrorResponseSchema>;
