import fc from 'fast-check';
import { expect } from 'vitest';
import { Refusal } from '../refusal.js';

/** A lower-case hex string, like Sunshine's ids. */
export const hex = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength, maxLength });

/**
 * Sunshine datetimes: mostly instants of the years 0000–9999 (what Sunshine sends), any instant
 * `Date` holds, strings Date.parse also takes, and instants past year 9999.
 */
export const timestampArbitrary = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({ min: new Date(-62_167_219_200_000), max: new Date(253_402_300_799_999), noInvalidDate: true })
      .map((date) => date.toISOString()),
  },
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
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

  const integration = record({
    id: maybe(id),
    name: maybe(fc.string()),
    integrationType: maybe(fc.string()),
  });
  const conversation = record(
    {
      id: maybe(id),
      type: maybe(fc.constantFrom('personal', 'sdkGroup', 'business')),
      isDefault: maybe(fc.boolean()),
      activeSwitchboardIntegration: maybe(fc.option(integration, { nil: null })),
      metadata: maybe(fc.option(flat, { nil: null })),
      displayName: maybe(fc.option(fc.string(), { nil: null })),
      description: maybe(fc.string()),
      iconUrl: maybe(fc.webUrl()),
      businessLastRead: maybe(fc.option(time, { nil: null })),
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
      clientAssociations: maybe(
        fc.array(record({ type: maybe(fc.constantFrom('sdk', 'messenger')), clientId: maybe(id) }), {
          maxLength: 2,
        }),
      ),
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
      avatarUrl: maybe(fc.webUrl()),
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
      htmlText: maybe(fc.string()),
      altText: maybe(fc.string()),
    },
    ['type'],
  );
  const message = record(
    {
      id: maybe(id),
      received: maybe(time),
      author: maybe(author),
      content: maybe(content),
      source: maybe(
        record({
          type: maybe(fc.constantFrom('web', 'api:conversations')),
          integrationId: maybe(fc.option(id, { nil: null })),
        }),
      ),
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

/** Answers of each kind with every field absent or of its wire type (ids and datetimes may still be bad). */
export const typedAnswers = wireArbitraries('typed');

/** Answers of each kind where any field may also be null or JSON of another type. */
export const looseAnswers = wireArbitraries('loose');

/** Datetimes to break an answer with: refused ones, and odd ones `Date.parse` still takes. */
const oddTimestamps = [
  '2025-13-01T00:00:00.000Z',
  '2025-02-30T00:00:00.000Z',
  '2025-10-07T18:50:23.000',
  '2025-10-07T24:00:00.000Z',
  '10000-01-01',
  '-000001-12-31T23:59:59.999Z',
  'yesterday',
  '',
];

/** One place of a JSON value: the keys and indexes leading to it (the value itself for `[]`). */
type JsonPath = (string | number)[];

function pathsOf(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) for (const [index, item] of value.entries()) pathsOf(item, [...at, index], out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...at, key], out);
  return out;
}

/** `value` with the place at `path` removed (`remove`) or replaced by `replacement`, as a copy. */
function changedAt(value: unknown, path: JsonPath, remove: boolean, replacement: unknown): unknown {
  if (path.length === 0) return remove ? undefined : replacement;
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (!remove) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/**
 * `answer` broken at one random place (any depth, the whole answer included): a value of another
 * JSON type, a key or item removed (so a required field goes missing), or an odd datetime.
 */
export function brokenAnswer(answer: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(
    fc.constantFrom<unknown>(null, 0, -1, 1.5, true, false, 'x', [], {}, [1], { a: 1 }),
    fc.constantFrom(...oddTimestamps),
    fc.jsonValue({ maxDepth: 1 }),
  );
  return fc.tuple(answer, fc.nat(), fc.boolean(), replacement).map(([value, pick, remove, other]) => {
    const paths = pathsOf(value);
    return changedAt(value, paths[pick % paths.length] as JsonPath, remove, other);
  });
}

/** One answer per kind of request, each arbitrary JSON, loosely wire-shaped, or typed. */
export function answersArbitrary() {
  const loose = looseAnswers;
  const typed = typedAnswers;
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

/** Runs `run`: a refusal must be `invalid_request`; a value goes to `check`. */
export const refusedOrValue = <T>(run: () => T, check: (value: T) => void) => {
  let value: T;
  try {
    value = run();
  } catch (error) {
    // The request bodies refuse with a Refusal, which the provider makes `invalid_request`.
    if (!(error instanceof Refusal)) throw error;
    expect(error.field).toMatch(/^(input|patch)\b/);
    return;
  }
  check(value);
};

/** Neutral inputs of every shape, valid or not. */
export const neutralInput = fc.record(
  {
    type: fc.constantFrom('personal' as const, 'group' as const),
    title: fc.string({ maxLength: 120 }),
    iconUrl: fc.oneof(fc.webUrl(), fc.string()),
    metadata: fc.dictionary(fc.string(), fc.oneof(fc.string({ maxLength: 2000 }), fc.double())),
    participants: fc.array(
      fc.record({ id: fc.string(), userId: fc.string(), userExternalId: fc.string() }, { requiredKeys: [] }),
      { maxLength: 12 },
    ),
    text: fc.string({ maxLength: 5000 }),
    media: fc.array(fc.record({ url: fc.webUrl() }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
