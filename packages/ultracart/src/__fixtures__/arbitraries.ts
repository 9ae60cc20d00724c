import fc from 'fast-check';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `*_dts` values: real instants, calendar values that do not exist, and instants past year 9999. */
export const dtsArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.constantFrom('Z', '-04:00', '+05:30', '+14', '-2359', '', '.123456Z'),
    )
    .map(([y, mo, d, h, mi, zone]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${zone}`),
  // Offsets that push an instant out of the years 0000–9999, and a two-digit year.
  fc.constantFrom('9999-12-31T23:59:00-04:00', '0000-01-01T00:00:00+01:00', '0099-12-31T23:59:59Z'),
);

/** `message_epoch` values, including ones past the largest instant a Date holds (±8.64e15 ms). */
const epochArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4_102_444_800_000 }) },
  fc.constantFrom(8_640_000_000_000_001, -8_640_000_000_000_001, -1),
  fc.maxSafeInteger(),
);

/**
 * Arbitraries shaped like UltraCart's wire schemas. `typed`: every field absent, null or of its wire
 * type, so answers reach the mappers. `loose`: any field may also be JSON of the wrong type.
 */
export function wireArbitraries(flavour: 'typed' | 'loose') {
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    flavour === 'typed'
      ? fc.oneof({ weight: 8, arbitrary: arb }, fc.constant(null))
      : fc.oneof({ weight: 8, arbitrary: arb }, fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
  const text = flavour === 'typed' ? fc.string() : fc.oneof(fc.string(), fc.constant(''));
  const dts = flavour === 'typed' ? dtsArbitrary : fc.oneof(dtsArbitrary, fc.string());
  const epoch = flavour === 'typed' ? epochArbitrary : fc.oneof(epochArbitrary, fc.double());
  const record = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields, { requiredKeys: [] });

  const participant = record({
    conversation_participant_arn: maybe(text),
    conversation_participant_uuid: maybe(fc.uuid()),
    conversation_participant_name: maybe(text),
    joined_dts: maybe(dts),
    left_dts: maybe(dts),
    profile_image_url: maybe(fc.webUrl()),
  });
  const message = record({
    conversation_message_uuid: maybe(text),
    message_epoch: maybe(epoch),
    message_dts: maybe(dts),
    body: maybe(text),
    author_conversation_participant_arn: maybe(text),
    author_conversation_participant_name: maybe(text),
    media_urls: maybe(fc.array(fc.oneof(fc.webUrl(), text), { maxLength: 3 })),
    upload_keys: maybe(fc.array(text, { maxLength: 3 })),
  });
  const conversation = record({
    conversation_uuid: maybe(text),
    closed: maybe(fc.boolean()),
    medium: maybe(fc.constantFrom('sms', 'websocket', 'email')),
    start_dts: maybe(dts),
    last_message_dts: maybe(dts),
    last_interactive_message_dts: maybe(dts),
    unread_messages: maybe(fc.boolean()),
    message_count: maybe(fc.nat()),
    last_conversation_message_body: maybe(text),
    last_conversation_participant_arn: maybe(text),
    participants: maybe(fc.array(participant, { maxLength: 3 })),
    messages: maybe(fc.array(message, { maxLength: 3 })),
  });
  const queue = record({
    queue_name: maybe(text),
    agents: maybe(
      fc.array(record({ agent_status: maybe(text), conversation_participant_arn: maybe(text) }), {
        maxLength: 2,
      }),
    ),
    queue_entries: maybe(fc.array(record({ question: maybe(text), join_dts: maybe(dts) }), { maxLength: 2 })),
    agent_count: maybe(fc.integer()),
  });
  const payloads: Record<string, fc.Arbitrary<unknown>> = {
    conversation,
    conversations: fc.array(conversation, { maxLength: 3 }),
    conversation_messages: fc.array(message, { maxLength: 3 }),
    queue_statuses: fc.array(queue, { maxLength: 2 }),
    agent_auth: record({ jwt: maybe(text), websocket_url: maybe(fc.webUrl()) }),
    conversation_multimedia_upload_url: record({
      key: maybe(text),
      url: maybe(fc.oneof(fc.webUrl(), text)),
    }),
  };
  const resultSet = record({
    more: maybe(fc.boolean()),
    next_offset: maybe(fc.integer()),
    total_records: maybe(fc.integer()),
  });
  return {
    /** An UltraCart envelope carrying one payload under its wire name. */
    envelope: (key: WirePayload) =>
      record({
        [key]: maybe(payloads[key] ?? fc.constant(null)),
        success: maybe(fc.boolean()),
        metadata: maybe(record({ result_set: maybe(resultSet) })),
        error: maybe(record({ developer_message: maybe(text) })),
      }),
  };
}

/** The payload names an envelope can carry. */
export type WirePayload =
  | 'conversation'
  | 'conversations'
  | 'conversation_messages'
  | 'queue_statuses'
  | 'agent_auth'
  | 'conversation_multimedia_upload_url';
