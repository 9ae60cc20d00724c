import { ConversationError } from '@parley/core';
import { invalidResponse } from '@parley/core/provider';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { wireArbitraries } from '../__fixtures__/arbitraries.js';
import { readConversationsAnswer } from '../__fixtures__/conversations-answer.js';
import { fixture } from '../__fixtures__/harness.js';
import {
  ConversationMessageSchema,
  ConversationMessagesResponseSchema,
  ConversationParticipantSchema,
  ConversationResponseSchema,
  ConversationSchema,
  ConversationSummarySchema,
  ConversationsResponseSchema,
} from '../wire/conversation.js';
import { ResponseMetadataSchema, ResultSetSchema } from '../wire/envelope.js';
import { readConversationAnswer, readMessagesAnswer } from './answer.js';

// The provider's readers check only the fields they read, in place. Here the full valibot schema
// (what `client.raw` runs) and the readers get the same generated answers, valid and broken, and
// must agree: both accept, or both refuse with `invalid_response` and the same message (path and
// problem). The fields the readers do NOT read are listed below (`IGNORED`): the schema refuses a
// bad value there and the readers accept it, and the property says so case by case.

type Model =
  | 'conversationResponse'
  | 'conversationsResponse'
  | 'messagesResponse'
  | 'metadata'
  | 'resultSet'
  | 'summary'
  | 'conversation'
  | 'participant'
  | 'message';

/** Each field read, and the model of its value (an array's items), or null for a leaf. */
const READ: Record<Model, Record<string, Model | null>> = {
  conversationResponse: { conversation: 'conversation' },
  conversationsResponse: { metadata: 'metadata', conversations: 'summary' },
  messagesResponse: { conversation_messages: 'message' },
  metadata: { result_set: 'resultSet' },
  resultSet: { more: null, next_offset: null, total_records: null },
  summary: {
    closed: null,
    conversation_uuid: null,
    last_conversation_message_body: null,
    last_conversation_participant_arn: null,
    last_conversation_participant_name: null,
    last_interactive_message_dts: null,
    last_message_dts: null,
    medium: null,
    message_count: null,
    participants: 'participant',
    start_dts: null,
    unread_messages: null,
  },
  conversation: {},
  participant: {
    conversation_participant_arn: null,
    conversation_participant_name: null,
    conversation_participant_uuid: null,
    joined_dts: null,
    left_dts: null,
    profile_image_url: null,
  },
  message: {
    author_conversation_participant_arn: null,
    author_conversation_participant_name: null,
    body: null,
    conversation_message_uuid: null,
    media_urls: null,
    message_dts: null,
    message_epoch: null,
    upload_keys: null,
  },
};
READ.conversation = { ...READ.summary, messages: 'message' };

/** The fields of each model the readers do not read, so do not check. */
const IGNORED: Record<Model, string[]> = {
  conversationResponse: ['error', 'metadata', 'success', 'warning'],
  conversationsResponse: ['error', 'success', 'warning'],
  messagesResponse: ['error', 'metadata', 'success', 'warning'],
  metadata: ['payload_name'],
  resultSet: ['count', 'limit', 'offset'],
  summary: [
    'conversation_arn',
    'customer_first_message_unresponded_to_dts',
    'merchant_id',
    'sentiment',
    'visible',
  ],
  conversation: [
    'conversation_arn',
    'customer_first_message_unresponded_to_dts',
    'merchant_id',
    'sentiment',
    'visible',
    'base_language_iso_code',
    'virtual_agent',
    'virtual_agent_cost',
  ],
  participant: [
    'email',
    'language_iso_code',
    'last_message_dts',
    'sms_phone_number',
    'status',
    'timezone',
    'unread_messages',
  ],
  message: [
    'client_message_id',
    'delay_until_dts',
    'language_iso_code',
    'merchant_id',
    'message_type',
    'translations',
    'transport_statuses',
    'type',
  ],
};

const SCHEMAS: Record<Model, v.LooseObjectSchema<v.ObjectEntries, undefined>> = {
  conversationResponse: ConversationResponseSchema,
  conversationsResponse: ConversationsResponseSchema,
  messagesResponse: ConversationMessagesResponseSchema,
  metadata: ResponseMetadataSchema,
  resultSet: ResultSetSchema,
  summary: ConversationSummarySchema,
  conversation: ConversationSchema,
  participant: ConversationParticipantSchema,
  message: ConversationMessageSchema,
};

/** Whether the readers read the field a valibot issue names (every key on its path is read). */
function isRead(model: Model, issue: v.BaseIssue<unknown>): boolean {
  let current: Model | null = model;
  for (const item of issue.path ?? []) {
    if (current === null) return true; // inside a leaf that is read whole (`media_urls[2]`)
    if (item.type === 'array') continue;
    const key = String(item.key);
    if (!(key in READ[current])) return false;
    current = READ[current][key] ?? null;
  }
  return true;
}

type Schema = v.GenericSchema & {
  type: string;
  wrapped?: Schema;
  entries?: Record<string, Schema>;
  item?: Schema;
};
type Path = (string | number)[];

/** Every place a mutation can hit: each field of the schema at each object (present or not), each array element. */
function places(schema: Schema, value: unknown, path: Path, out: Path[]): Path[] {
  let s = schema;
  while (s.wrapped !== undefined) s = s.wrapped;
  if (s.entries !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(s.entries)) {
      out.push([...path, key]);
      places(s.entries[key] as Schema, (value as Record<string, unknown>)[key], [...path, key], out);
    }
  } else if (s.item !== undefined && Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push([...path, index]);
      places(s.item as Schema, item, [...path, index], out);
    });
  }
  return out;
}

const DELETE = Symbol('delete');
/** Wrong types, bad timestamps, non-integers, unreadable epochs, missing fields, and some valid values. */
const replacement = fc.constantFrom<unknown>(
  DELETE,
  DELETE,
  null,
  5,
  1.5,
  -0.5,
  8_640_000_000_000_001,
  'x',
  '',
  true,
  {},
  [],
  [1],
  ['text'],
  [{}],
  '2025-02-30T00:00:00Z',
  'yesterday',
  '9999-12-31T23:59:00-04:00',
  '2025-10-07T14:50:23-04:00',
  'sms',
);

/** `answer` with each mutation applied in turn at the place it picks among those of the answer then. */
function mutate(schema: Schema, answer: unknown, mutations: [number, unknown][]): unknown {
  const data = structuredClone(answer);
  for (const [pick, value] of mutations) {
    const all = places(schema, data, [], []);
    const path = all[pick % all.length];
    if (path === undefined) continue;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as never)[key], data) as Record<
      string | number,
      unknown
    >;
    const key = path[path.length - 1] as string | number;
    if (value === DELETE) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else parent[key] = structuredClone(value);
  }
  // What reaches the readers went through JSON.
  return JSON.parse(JSON.stringify(data ?? null));
}

type Outcome = { accepted: true } | { accepted: false; code: string; message: string };

function outcomeOf(read: () => unknown): Outcome {
  try {
    read();
    return { accepted: true };
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    return { accepted: false, code: error.code, message: error.message };
  }
}

// What the readers refuse beyond the schema: a field Parley needs that the schema lets UltraCart leave out.
const PARLEY_PROBLEM = /: (required by Parley but missing( or not a readable instant)?)$/;

interface Case {
  model: Model;
  operation: string;
  answers: fc.Arbitrary<unknown>;
  read: (data: unknown) => unknown;
}

const typed = wireArbitraries('typed');
const loose = wireArbitraries('loose');
const full = fixture('conversation-full');
const CASES: Case[] = [
  {
    model: 'conversationResponse',
    operation: 'getConversation',
    answers: fc.oneof(typed.envelope('conversation'), loose.envelope('conversation'), fc.constant(full)),
    read: (data) => readConversationAnswer(data, 'getConversation'),
  },
  {
    model: 'conversationsResponse',
    operation: 'getConversations',
    answers: fc.oneof(
      typed.envelope('conversations'),
      loose.envelope('conversations'),
      fc.constant({ conversations: [full.conversation, full.conversation] }),
    ),
    read: (data) => readConversationsAnswer(data),
  },
  {
    model: 'messagesResponse',
    operation: 'getConversationMessages',
    answers: fc.oneof(
      typed.envelope('conversation_messages'),
      loose.envelope('conversation_messages'),
      fc.constant({ conversation_messages: (full.conversation as { messages: unknown }).messages }),
    ),
    read: (data) => readMessagesAnswer(data, 'c1'),
  },
];

describe('the fields the readers leave unchecked', () => {
  it('are listed, and every other field of each model is read', () => {
    for (const model of Object.keys(READ) as Model[]) {
      const fields = [...Object.keys(READ[model]), ...IGNORED[model]].sort();
      expect([model, fields]).toEqual([model, Object.keys(SCHEMAS[model].entries).sort()]);
      for (const field of IGNORED[model]) expect(READ[model]).not.toHaveProperty(field);
    }
  });
});

describe('full schema and fast readers on the same answers (fast-check)', () => {
  for (const { model, operation, answers, read } of CASES)
    it(`${operation}: both accept, or both refuse with the same code and path`, () => {
      const schema = SCHEMAS[model];
      const seen = { agreed: 0, ignoredOnly: 0, parley: 0, refusedBoth: 0 };
      fc.assert(
        fc.property(
          answers,
          fc.array(fc.tuple(fc.nat(), replacement), { minLength: 0, maxLength: 3 }),
          (answer, mutations) => {
            const data = mutate(schema as Schema, answer, mutations);
            const issues = v.safeParse(schema, data).issues ?? [];
            const readIssues = issues.filter((issue) => isRead(model, issue));
            const fast = outcomeOf(() => read(data));
            const first = readIssues[0];
            if (first !== undefined) {
              // A field read breaks the schema: the same error the raw API gives for that field.
              const expected = invalidResponse([first], { provider: 'ultracart', operation });
              expect(fast).toEqual({ accepted: false, code: 'invalid_response', message: expected.message });
              seen.refusedBoth++;
              return;
            }
            // Every field read matches the schema. Issues left are at fields the readers do not read:
            // the schema refuses them, the readers say nothing about them.
            if (issues.length > 0) seen.ignoredOnly++;
            if (fast.accepted) {
              seen.agreed++;
              return;
            }
            // Refused anyway: only for a missing field Parley needs, never for a schema problem.
            expect(fast.code).toBe('invalid_response');
            expect(fast.message).toMatch(PARLEY_PROBLEM);
            seen.parley++;
          },
        ),
        { numRuns: 1500 },
      );
      // Every kind of case was generated.
      for (const [kind, count] of Object.entries(seen)) expect([kind, count > 0]).toEqual([kind, true]);
    });
});
