import * as v from 'valibot';

/**
 * A participant as Acme Chat sends it. `kind` is `agent`, `customer` or `bot` today; any other
 * value is accepted (services add kinds) and mapped to the `unknown` role.
 */
export const participantSchema = v.looseObject({
  id: v.string(),
  display_name: v.optional(v.string()),
  kind: v.string(),
  /** Epoch milliseconds. */
  joined_at: v.optional(v.number()),
});

/** A participant on the wire. */
export type AcmeParticipant = v.InferOutput<typeof participantSchema>;
