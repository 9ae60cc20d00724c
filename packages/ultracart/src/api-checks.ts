import {
  type ErrorResponseInfo,
  encodePathSegment,
  invalidRequest,
  issuePath,
  type ProviderErrorDetails,
} from '@parley/core';
import * as v from 'valibot';
import { ErrorResponseSchema } from './wire.js';

const PROVIDER = 'ultracart';
/** What `getConversationMultimediaUploadUrl` takes as an extension: it becomes a path segment. */
export const UPLOAD_EXTENSION = /^[a-z0-9]{1,10}$/;

/**
 * What UltraCart's error answer says: `ErrorResponse.error` (`developer_message`, `user_message`,
 * `error_code`, `object_id`), else the `UC-REST-ERROR` header, and `X-UltraCart-Request-Id`.
 * For the presigned upload (S3-style XML errors, inferred) it reads `<Code>` and `<Message>`.
 */
export function parseUltraCartError(response: ErrorResponseInfo): ProviderErrorDetails {
  const requestId = response.headers.get('x-ultracart-request-id') ?? undefined;
  const header = response.headers.get('uc-rest-error') ?? undefined;
  const parsed = v.safeParse(ErrorResponseSchema, response.body);
  const error = parsed.success ? parsed.output.error : undefined;
  let message = error?.developer_message ?? error?.user_message ?? header ?? undefined;
  if (message !== undefined && error?.user_message && error.user_message !== message)
    message = `${message} (user message: ${error.user_message})`;
  if (message !== undefined && error?.object_id) message = `${message} [object ${error.object_id}]`;
  let code = error?.error_code ?? undefined;
  if (typeof response.body === 'string' && message === undefined) {
    message = /<Message>([^<]{1,500})<\/Message>/.exec(response.body)?.[1];
    code ??= /<Code>([^<]{1,100})<\/Code>/.exec(response.body)?.[1];
  }
  return {
    ...(requestId === undefined ? {} : { requestId }),
    ...(message === undefined ? {} : { providerMessage: message }),
    ...(code === undefined ? {} : { providerCode: code }),
  };
}

/** `value` as an encoded path segment, or `invalid_request` when it is blank or no segment can carry it. */
export function segment(value: unknown, field: string, operation: string): string {
  // An empty id would silently address another endpoint (`…/conversations/` is the listing).
  if (typeof value !== 'string' || value.trim() === '')
    throw invalidRequest(field, 'must be a non-empty string', { provider: PROVIDER, operation });
  return encodePathSegment(value, field, { provider: PROVIDER, operation });
}

/** An optional integer parameter of at least `min`, or `invalid_request`. */
export function optionalInt(
  value: unknown,
  field: string,
  min: number,
  operation: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw invalidRequest(field, `must be an integer of at least ${min}`, { provider: PROVIDER, operation });
  return value;
}

/** A request body checked against its wire model, or `invalid_request` naming the field. */
export function body<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  field: string,
  operation: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw invalidRequest(
    issue === undefined ? field : issuePath(issue, field),
    'does not match the UltraCart model',
    {
      provider: PROVIDER,
      operation,
    },
  );
}
