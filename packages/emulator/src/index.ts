export type { ActivityStreamOptions } from './activity-stream.js';
export type { SeedFacts, SunshineFacts, UltraCartFacts } from './facts.js';
export type { FailNextOptions, FaultKind, FaultMatch, FaultPlan } from './faults.js';
export { FAULT_KINDS, isAfterFault } from './faults.js';
export type { ProviderName } from './http.js';
export type { Emulator, EmulatorOptions, RequestLogEntry } from './server.js';
export { startEmulator } from './server.js';
export type {
  SunshineActivity,
  SunshineActivityOptions,
  SunshineCustomerActivity,
  SunshineMessageActivity,
} from './sunshine/activity.js';
export { type SunshineCredentials, signSunshineJwt } from './sunshine/auth.js';
export { POWER_USER_CONVERSATIONS, POWER_USER_EXTERNAL_ID } from './sunshine/model.js';
export type {
  UltraCartActivity,
  UltraCartConversationActivity,
  UltraCartConversationOptions,
  UltraCartMessageActivity,
  UltraCartMessageOptions,
} from './ultracart/activity.js';
export type { UltraCartRateLimitOptions, UltraCartRateLimitState } from './ultracart/rate-limit.js';
export { ULTRACART_API_VERSION } from './ultracart/routes.js';
export type {
  RegisteredWebhook,
  WebhookConfig,
  WebhookDelivery,
  WebhookFaultPlan,
} from './webhooks/dispatcher.js';
export type { EmulatorWebhookControls, EmulatorWebhookOptions } from './webhooks/emulator-webhooks.js';
export { EMULATED_WEBHOOK_TRIGGERS, type EmulatedWebhookTrigger } from './webhooks/sunshine-payloads.js';
