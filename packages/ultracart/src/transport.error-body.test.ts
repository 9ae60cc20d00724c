import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseUltraCartError } from './transport.js';
import { ErrorResponseSchema } from './wire/envelope.js';

describe('parseUltraCartError: the error body, read without the wire schema', () => {
  const headers = new Headers({ 'uc-rest-error': 'from the header' });
  const read = (body: unknown) => parseUltraCartError({ status: 400, headers, body });

  // Bodies near the schema: each envelope field absent, null, of its type or of another.
  const text = fc.oneof(fc.constantFrom('', 'x', 'Object not found'), fc.string({ maxLength: 8 }));
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
  const stringOrWrong = fc.oneof(text, text, wrong);
  const errorArbitrary = fc.oneof(
    fc.record(
      {
        developer_message: stringOrWrong,
        user_message: stringOrWrong,
        error_code: stringOrWrong,
        object_id: stringOrWrong,
        more_info: stringOrWrong,
      },
      { requiredKeys: [] },
    ),
    wrong,
  );
  const bodyArbitrary = fc.oneof(
    fc.record(
      {
        error: errorArbitrary,
        metadata: fc.oneof(
          fc.record({ result_set: fc.record({ more: fc.oneof(fc.boolean(), wrong) }) }),
          wrong,
        ),
        success: fc.oneof(fc.boolean(), wrong),
        warning: fc.oneof(fc.record({ warning_message: stringOrWrong }), wrong),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  );

  it('reads what the ErrorResponse schema read, whenever the body matches it', () =>
    fc.assert(
      fc.property(bodyArbitrary, (body) => {
        // The former reading: `ErrorResponse.error` as the schema gave it, when the whole body matched.
        const parsed = v.safeParse(ErrorResponseSchema, body);
        fc.pre(parsed.success);
        const error = parsed.success ? parsed.output.error : undefined;
        let message = error?.developer_message ?? error?.user_message ?? 'from the header';
        if (error?.user_message && error.user_message !== message)
          message = `${message} (user message: ${error.user_message})`;
        if (error?.object_id) message = `${message} [object ${error.object_id}]`;
        const details = read(body);
        expect(details.providerMessage).toBe(message);
        expect(details.providerCode).toBe(error?.error_code ?? undefined);
      }),
    ));

  it('reads each string field of `error`, whatever else the body holds', () =>
    fc.assert(
      fc.property(bodyArbitrary, (body) => {
        const error = (body as { error?: Record<string, unknown> } | null)?.error;
        const field = (name: string) => {
          const value = typeof error === 'object' && error !== null ? error[name] : undefined;
          return typeof value === 'string' ? value : undefined;
        };
        const details = read(body);
        const developer = field('developer_message') ?? field('user_message');
        if (developer !== undefined) expect(details.providerMessage?.startsWith(developer)).toBe(true);
        else expect(details.providerMessage?.startsWith('from the header')).toBe(true);
        expect(details.providerCode).toBe(field('error_code'));
      }),
    ));

  // Deliberately more than the schema's parse gave: one malformed field hid the whole error before.
  it('keeps the error when another field of the body breaks the schema', () => {
    const error = { developer_message: 'Conversation not found', error_code: 'NOT_FOUND' };
    for (const body of [
      { error, success: 'false' },
      { error, metadata: { result_set: { count: 'ten' } } },
      { error, warning: 'deprecated' },
    ]) {
      expect(v.safeParse(ErrorResponseSchema, body).success).toBe(false);
      expect(read(body)).toEqual({ providerMessage: 'Conversation not found', providerCode: 'NOT_FOUND' });
    }
  });

  it('skips a field of `error` that is not a string, and reads the others', () => {
    const body = { error: { developer_message: 'Bad request', error_code: 400, object_id: 7 } };
    expect(v.safeParse(ErrorResponseSchema, body).success).toBe(false);
    expect(read(body)).toEqual({ providerMessage: 'Bad request' });
  });

  it('falls back to the header when `error` is not an object or the body is not one', () => {
    for (const body of [
      { error: 'oops' },
      { error: null },
      [{ error: { developer_message: 'x' } }],
      'text',
      42,
    ])
      expect(read(body)).toEqual({ providerMessage: 'from the header' });
  });
});
