import { ConversationError } from '../errors/conversation-error.js';
import type { ErrorContext } from '../errors/error-factories.js';

/** The parsed JSON of an answer, its text when it is not JSON, or undefined when empty. */
export function parseBody(
  answer: { status: number; contentType: string | null; text: string },
  ok: boolean,
  context: ErrorContext,
): unknown {
  const text = answer.text;
  if (text === '') return undefined;
  const type = answer.contentType ?? '';
  const looksJson = type.includes('json') || (type === '' && /^\s*[[{]/.test(text));
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!ok) return text;
    throw new ConversationError({
      code: 'invalid_response',
      message: `${context.provider} sent malformed JSON for ${context.operation} (HTTP ${answer.status})`,
      ...context,
      status: answer.status,
    });
  }
}
