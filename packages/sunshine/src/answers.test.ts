import { ConversationError } from '@parley/core';
import { issuePath, parseWire } from '@parley/core/provider';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { brokenAnswer, looseAnswers, typedAnswers } from './__fixtures__/arbitraries.js';
import { fixture } from './__fixtures__/harness.js';
import {
  type MessageList,
  readConversationAnswer,
  readConversationList,
  readKeptMessages,
  readMessageList,
  readParticipantList,
} from './answers.js';
import {
  conversationListResponseSchema,
  conversationResponseSchema,
  participantListResponseSchema,
} from './wire/conversations.js';
import { messageListResponseSchema } from './wire/messages.js';

// The readers against the full valibot schemas of the same answers. Every generated answer goes
// through both, and the outcomes must agree:
// - a reader refuses only what the schema refuses, with the same code and message (so the same
//   path): `invalid_response` at the schema's first issue;
// - a reader accepts what the schema refuses only when every issue of the schema lies in a field
//   the reader does not read. Those fields are listed below, per answer: they are the documented
//   gaps, and an issue anywhere else must fail the read.

const cid = '67a0ecf8f0305f4a391e9db1';

/** Fields the readers do not read, so do not check (the schemas do). */
const unread = {
  conversation:
    /^(?:conversation|conversations\[\d+\])\.(?:type|isDefault|activeSwitchboardIntegration|pendingSwitchboardIntegration|businessLastRead)(?:[.[]|$)/,
  participant: /^participants\[\d+\]\.(?:unreadCount|clientAssociations|userExternalId|lastRead)(?:[.[]|$)/,
  message:
    /^messages\[\d+\]\.(?:source|deleted|author\.avatarUrl|content\.(?:htmlText|altText|attachmentId))(?:[.[]|$)/,
};

/** `accepted`, or the code and message of the ConversationError a read threw. */
function outcome(read: () => unknown): string {
  try {
    read();
    return 'accepted';
  } catch (error) {
    if (!ConversationError.isInstance(error)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

/** The path of every issue the schema finds in `data`. */
function issuePaths(schema: v.GenericSchema, data: unknown): string[] {
  const result = v.safeParse(schema, data);
  return result.success ? [] : result.issues.map((issue) => issuePath(issue));
}

/** Asserts the rule above for one answer. */
function expectSameOutcome(
  schema: v.GenericSchema,
  operation: string,
  data: unknown,
  read: () => unknown,
  isUnread: (path: string) => boolean,
): void {
  const bySchema = outcome(() => parseWire(schema, data, { provider: 'sunshine', operation }));
  const byReader = outcome(read);
  if (byReader !== 'accepted') {
    expect(byReader).toMatch(/^invalid_response: /);
    expect(byReader).toBe(bySchema);
  } else if (bySchema !== 'accepted') {
    // The reader took an answer the schema refuses: only a field it does not read may be wrong.
    expect(issuePaths(schema, data).filter((path) => !isUnread(path))).toEqual([]);
  }
}

/** As received from the wire: JSON has no undefined, NaN or -0 (an empty body is undefined). */
const asJson = (value: unknown): unknown =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);

/** Valid, nearly valid, loosely shaped and broken-at-one-place answers of one kind, as JSON. */
function answers(kind: keyof typeof typedAnswers): fc.Arbitrary<unknown> {
  const typed = typedAnswers[kind];
  return fc
    .oneof(
      { weight: 2, arbitrary: typed },
      { weight: 4, arbitrary: brokenAnswer(typed) },
      looseAnswers[kind],
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(asJson);
}

const runs = { numRuns: 1000 };

describe('readers against the full schemas (fast-check)', () => {
  it('Get Conversation: { conversation }', () =>
    fc.assert(
      fc.property(answers('conversation'), (data) =>
        expectSameOutcome(
          conversationResponseSchema,
          'getConversation',
          data,
          () => readConversationAnswer(data),
          (path) => unread.conversation.test(path),
        ),
      ),
      runs,
    ));

  it('List Conversations: { conversations, meta, links }', () =>
    fc.assert(
      fc.property(answers('conversations'), (data) =>
        expectSameOutcome(
          conversationListResponseSchema,
          'listConversations',
          data,
          () => readConversationList(data),
          (path) => unread.conversation.test(path),
        ),
      ),
      runs,
    ));

  it('List Participants: { participants, meta, links }', () =>
    fc.assert(
      fc.property(answers('participants'), (data) =>
        expectSameOutcome(
          participantListResponseSchema,
          'listParticipants',
          data,
          () => readParticipantList(data),
          (path) => unread.participant.test(path),
        ),
      ),
      runs,
    ));

  it('List Messages, every message kept', () =>
    fc.assert(
      fc.property(answers('messages'), (data) =>
        expectSameOutcome(
          messageListResponseSchema,
          'listMessages',
          data,
          () => {
            const list = readMessageList(data);
            return readKeptMessages(list, list.items, cid);
          },
          (path) => unread.message.test(path),
        ),
      ),
      runs,
    ));

  it('List Messages, some messages kept: the others are checked for id and received only', () =>
    fc.assert(
      fc.property(answers('messages'), fc.array(fc.boolean(), { maxLength: 4 }), (data, keep) => {
        // Which messages (by index in the answer) the listing keeps; the rest it does not read.
        const keptIndexes = new Set(keep.flatMap((kept, index) => (kept ? [index] : [])));
        const notKept = /^messages\[(\d+)\]\.(?:author|content|metadata)(?:[.[]|$)/;
        expectSameOutcome(
          messageListResponseSchema,
          'listMessages',
          data,
          () => {
            const list = readMessageList(data);
            return readKeptMessages(
              list,
              list.items.filter((_, index) => keptIndexes.has(index)),
              cid,
            );
          },
          (path) => {
            const index = notKept.exec(path)?.[1];
            return unread.message.test(path) || (index !== undefined && !keptIndexes.has(Number(index)));
          },
        );
      }),
      runs,
    ));
});

describe('readers by example', () => {
  const message = (id: string, extra: object = {}) => ({
    id,
    received: '2025-02-03T18:33:47.466Z',
    author: { type: 'user' },
    ...extra,
  });
  const errorOf = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (ConversationError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected the read to fail');
  };

  it('keep the answer’s own objects as raw: nothing is copied', () => {
    const data = fixture<{ conversations: object[] }>('list-conversations');
    const page = readConversationList(data);
    expect(page.items[0]?.raw).toBe(data.conversations[0]);
    expect(page.paging).toBe(data);
  });

  it('fail with the schema’s code and path, also when an earlier field breaks it as well', () => {
    const data = { messages: [message('m1', { author: { type: 1 } }), message('m2', { received: 'never' })] };
    // The reader stops at m2's datetime while ordering the page; the error names the first issue.
    const error = errorOf(() => readMessageList(data));
    expect(error.code).toBe('invalid_response');
    expect(error.operation).toBe('listMessages');
    expect(error.message).toBe(
      'sunshine sent an unexpected listMessages response at messages[0].author.type: Invalid type: Expected string',
    );
  });

  it('leave unread fields unchecked: a wrong conversation type or message source still reads', () => {
    const conversation = { conversation: { id: cid, type: 7, isDefault: 'yes' } };
    expect(readConversationAnswer(conversation).id).toBe(cid);
    expect(v.safeParse(conversationResponseSchema, conversation).success).toBe(false);
    const list = readMessageList({ messages: [message('m1', { source: 'web', deleted: 'no' })] });
    expect(readKeptMessages(list, list.items, cid).map((m) => m.id)).toEqual(['m1']);
  });

  it('check a message not kept for id and received only', () => {
    const data = { messages: [message('m1', { author: null }), message('m2')] };
    const list: MessageList = readMessageList(data);
    expect(readKeptMessages(list, list.items.slice(1), cid).map((m) => m.id)).toEqual(['m2']);
    expect(errorOf(() => readKeptMessages(list, list.items, cid)).message).toContain(
      'at messages[0].author: Invalid type: Expected Object',
    );
  });

  it('parse each datetime once, into the ISO-8601 UTC string the mapping gives', () => {
    const list = readMessageList({ messages: [message('m1', { received: '2025-02-03T18:33:47+02:00' })] });
    expect(list.items[0]?.sentAt).toBe('2025-02-03T16:33:47.000Z');
    expect(readKeptMessages(list, list.items, cid)[0]?.sentAt).toBe('2025-02-03T16:33:47.000Z');
  });
});
