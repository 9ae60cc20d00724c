import fc from 'fast-check';

/** A lower-case hex string, like Sunshine's ids. */
export const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength, maxLength });

/** Sunshine datetimes: real instants, strings Date.parse also takes, and instants past year 9999. */
export const timestampArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '10000-01-01',
    '0',
    '2025-02-30T00:00:00Z',
    'Tue, 1 Jan 2030 00:00:00 GMT',
  ),
);

/**
 * Arbitraries shaped like Sunshine's wire schemas. `typed`: every field absent or of its wire
 * type, so answers reach the mappers. `loose`: any field may also be null or JSON of another type.
 */
function wireArbitraries(flavour: 'typed' | 'loose') {
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    flavour === 'typed'
      ? arb
      : fc.oneof({ weight: 8, arbitrary: arb }, fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
  const time = flavour === 'typed' ? timestampArbitrary : fc.oneof(timestampArbitrary, fc.string());
  const record = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = []) =>
    fc.record(fields, { requiredKeys: flavour === 'typed' ? required : [] });
  const id = fc.oneof(hex(24, 24), fc.string());
  const flat = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.jsonValue()), {
    maxKeys: 3,
  });

  const conversation = record(
    {
      id: maybe(id),
      type: maybe(fc.constantFrom('personal', 'sdkGroup', 'business')),
      metadata: maybe(fc.option(flat, { nil: null })),
      displayName: maybe(fc.option(fc.string(), { nil: null })),
      description: maybe(fc.string()),
      iconUrl: maybe(fc.webUrl()),
      lastUpdatedAt: maybe(fc.option(time, { nil: null })),
      createdAt: maybe(time),
    },
    ['id'],
  );
  const participant = record(
    {
      id: maybe(id),
      userId: maybe(id),
      unreadCount: maybe(fc.integer()),
      userExternalId: maybe(fc.option(fc.string(), { nil: null })),
      lastRead: maybe(fc.option(time, { nil: null })),
    },
    ['id'],
  );
  const author = record(
    {
      type: maybe(fc.constantFrom('business', 'user', 'bot')),
      subtypes: maybe(fc.array(fc.constantFrom('AI', 'bot', 'agent', 'activity'), { maxLength: 2 })),
      userId: maybe(id),
      displayName: maybe(fc.string()),
    },
    ['type'],
  );
  const content = record(
    {
      type: maybe(fc.constantFrom('text', 'image', 'file', 'carousel', 'location')),
      text: maybe(fc.string()),
      mediaUrl: maybe(fc.oneof(fc.webUrl(), fc.string())),
      mediaType: maybe(fc.constantFrom('image/png', 'application/pdf', '')),
      mediaSize: maybe(fc.oneof(fc.nat(), fc.integer(), fc.double())),
    },
    ['type'],
  );
  const message = record(
    {
      id: maybe(id),
      received: maybe(time),
      author: maybe(author),
      content: maybe(content),
      metadata: maybe(fc.option(flat, { nil: null })),
      deleted: maybe(fc.boolean()),
    },
    ['id', 'received', 'author'],
  );
  const meta = record({
    hasMore: maybe(fc.boolean()),
    afterCursor: maybe(id),
    beforeCursor: maybe(id),
  });
  const links = record({ prev: maybe(fc.webUrl()), next: maybe(fc.webUrl()) });
  const list = (key: string, item: fc.Arbitrary<unknown>) =>
    record({ [key]: maybe(fc.array(item, { maxLength: 3 })), meta: maybe(meta), links: maybe(links) }, [key]);
  return {
    conversation: record({ conversation: maybe(conversation) }, ['conversation']),
    conversations: list('conversations', conversation),
    participants: list('participants', participant),
    participant: record({ participant: maybe(participant) }, ['participant']),
    messages: list('messages', message),
    posted: record({ messages: maybe(fc.array(message, { maxLength: 2 })) }, ['messages']),
    attachment: record(
      {
        attachment: maybe(
          record({ mediaUrl: maybe(fc.webUrl()), mediaType: maybe(fc.constantFrom('image/png', '')) }, [
            'mediaUrl',
          ]),
        ),
      },
      ['attachment'],
    ),
  };
}

/** One answer per kind of request, each arbitrary JSON, loosely wire-shaped, or typed. */
export function answersArbitrary() {
  const loose = wireArbitraries('loose');
  const typed = wireArbitraries('typed');
  const pick = (key: keyof typeof loose) =>
    fc.oneof(fc.jsonValue(), loose[key], { weight: 3, arbitrary: typed[key] });
  return fc.record({
    conversation: pick('conversation'),
    conversations: pick('conversations'),
    participants: pick('participants'),
    participant: pick('participant'),
    messages: pick('messages'),
    posted: pick('posted'),
    attachment: pick('attachment'),
  });
}

/** What {@link answersArbitrary} generates. */
export type Answers = Record<
  'conversation' | 'conversations' | 'participants' | 'participant' | 'messages' | 'posted' | 'attachment',
  unknown
>;
