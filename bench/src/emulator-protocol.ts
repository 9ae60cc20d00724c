/** What the benchmarks need to know about the emulator child. */
export interface EmulatorInfo {
  ultracart: { baseUrl: string; apiKey: string };
  sunshine: { baseUrl: string; appId: string; keyId: string; keySecret: string };
  /** An UltraCart conversation with more than 250 messages. */
  ultracartLongConversation: string;
  /** A Sunshine conversation with more than 250 messages. */
  sunshineLongConversation: string;
  /** The Sunshine user with the most conversations. */
  sunshinePowerUser: string;
  sunshinePowerUserConversations: number;
}

/** How the emulator child is started (JSON in its first argument). */
export interface EmulatorChildOptions {
  /** Seeded conversations per provider. */
  conversations: number;
  /** Conversations of the Sunshine power user (Sunshine lists one user's). */
  powerUserConversations?: number;
  /** UltraCart's rate limit (its defaults, 1,000/hour and 10,000/day) with its clock run this many times faster. */
  rateLimitTimeScale?: number;
  /** A Sunshine webhook for customer messages. */
  webhook?: { target: string; secret: string };
}

/** An UltraCart customer message made to arrive (the emulator's activity API). */
export interface UltraCartArrival {
  messageUuid: string;
  conversationUuid: string;
  /** `message_epoch`: when it arrived, epoch ms (the child's wall clock). */
  messageEpoch: number;
}

/** A Sunshine customer message made to arrive, with its webhook. */
export interface SunshineArrival {
  messageId: string;
  conversationId: string;
  /** `received`, epoch ms (the child's wall clock). */
  receivedEpoch: number;
}

/** Parent → child messages. */
export type EmulatorCommand =
  | { type: 'count' }
  | { type: 'clear' }
  | { type: 'close' }
  | { type: 'ultracartMessage' }
  | { type: 'sunshineMessage' }
  | { type: 'rateLimit' };

/** Child → parent messages. */
export type EmulatorReply =
  | { type: 'ready'; info: EmulatorInfo }
  | { type: 'count'; count: number }
  | { type: 'cleared' }
  | { type: 'ultracartMessage'; arrival: UltraCartArrival }
  | { type: 'sunshineMessage'; arrival: SunshineArrival }
  | { type: 'rateLimit'; accepted: number; refused: number };
