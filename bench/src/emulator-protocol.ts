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

/** Parent → child messages. */
export type EmulatorCommand = { type: 'count' } | { type: 'clear' } | { type: 'close' };

/** Child → parent messages. */
export type EmulatorReply =
  | { type: 'ready'; info: EmulatorInfo }
  | { type: 'count'; count: number }
  | { type: 'cleared' };
