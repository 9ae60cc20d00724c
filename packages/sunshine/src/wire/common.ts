import * as v from 'valibot';
import { isoTimestamp } from '../map/timestamp.js';

/**
 * A Sunshine datetime (`YYYY-MM-DDThh:mm:ss.SSSZ`). The spec declares a plain string; a value that
 * does not parse as a date in the years 0000–9999 is refused here, so mapping never yields
 * `Invalid Date`. The check is the readers' own parse (`isoTimestamp`).
 */
export const timestampSchema = v.pipe(
  v.string(),
  v.check((value) => isoTimestamp(value) !== undefined, 'expected an ISO-8601 date-time'),
);

/** A record id: Sunshine's are 24 hex characters; an empty one could never be addressed again. */
export const idSchema = v.pipe(v.string(), v.nonEmpty('expected a non-empty id'));

/**
 * `metadata`: "Flat object containing custom properties" (nullable). Read leniently: non-flat
 * values are kept in `raw` and dropped from the neutral `metadata`.
 */
export const metadataSchema = v.nullish(v.record(v.string(), v.unknown()));

/** Paging state of a list response (`components.schemas.meta`); every field may be absent. */
export const metaSchema = v.looseObject({
  hasMore: v.optional(v.boolean()),
  afterCursor: v.optional(v.string()),
  beforeCursor: v.optional(v.string()),
});

/** Absolute URLs of the neighbouring pages (`components.schemas.links`). */
export const linksSchema = v.looseObject({
  prev: v.optional(v.string()),
  next: v.optional(v.string()),
});

/** The paging fields every list answer carries next to its items; either may be missing. */
export const pagingEntries = {
  meta: v.optional(metaSchema),
  links: v.optional(linksSchema),
};

/** One entry of an error answer. */
export const errorSchema = v.looseObject({
  code: v.optional(v.string()),
  title: v.optional(v.string()),
});

/** Every 4xx answer: `{ errors: [{ code, title }] }` ("Multiple errors can only be included in a 400"). */
export const errorResponseSchema = v.looseObject({
  errors: v.array(errorSchema),
});

/** The `{}` answer of deletes, leave, activity and switchboard actions (or an empty body). */
export const emptyResponseSchema = v.optional(v.looseObject({}));

/** `meta` of a list response. */
export type SunshineMeta = v.InferOutput<typeof metaSchema>;
/** `links` of a list response. */
export type SunshineLinks = v.InferOutput<typeof linksSchema>;
/** A Sunshine error answer. */
export type SunshineErrorResponse = v.InferOutput<typeof errorResponseSchema>;
/** Wire metadata: flat strings, numbers and booleans, at most 4 KB. */
export type SunshineMetadata = Record<string, string | number | boolean>;

/**
 * `page[…]` of a cursor-paged list: `after` XOR `before` (both is a 400), `size` 1..100 (default
 * 25; ignored by List Messages, which serves a fixed 100).
 */
export interface SunshinePageQuery {
  after?: string;
  before?: string;
  size?: number;
}
