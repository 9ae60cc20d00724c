// `NOT_A_DTS` lives apart from the schemas (envelope.ts): the provider's readers (`map/`) say the
// same words as the schema, and importing them must not build the schemas.

/** What `dtsSchema` (envelope.ts) says of a string that is not a readable date-time (the provider's readers say it too). */
export const NOT_A_DTS = 'expected an ISO-8601 date-time';
