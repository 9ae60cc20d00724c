import * as v from 'valibot';
import { type ErrorContext, invalidResponse } from '../errors/error-factories.js';

/**
 * Parses a provider answer with its wire schema, or throws `invalid_response` naming the path of
 * the first bad field.
 *
 * @example
 * ```ts
 * const body = parseWire(ConversationResponseSchema, data, { provider: 'ultracart', operation: 'getConversation' });
 * ```
 */
export function parseWire<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  context: ErrorContext,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  throw invalidResponse(result.issues, context);
}
