/**
 * Valibot schemas of the JSON the 13 UltraCart conversation operations exchange, named as in
 * UltraCart's spec (`spec/ultracart-conversation.openapi.json`): field names exactly as on the
 * wire, every field optional, unknown fields kept and unknown enum values accepted.
 */
export * from './wire/agent.js';
export * from './wire/common.js';
export * from './wire/context.js';
export * from './wire/conversation.js';
export * from './wire/dts.js';
export * from './wire/queue.js';
