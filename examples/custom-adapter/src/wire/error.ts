import * as v from 'valibot';

/** An error answer of Acme Chat: `{ error: { code, message }, request_id }`. */
export const errorResponseSchema = v.looseObject({
  error: v.looseObject({ code: v.optional(v.string()), message: v.optional(v.string()) }),
  request_id: v.optional(v.string()),
});

/** An error answer on the wire. */
export type AcmeErrorResponse = v.InferOutput<typeof errorResponseSchema>;
