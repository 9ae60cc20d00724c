import type { ConversationError } from '../errors/conversation-error.js';

/** A request as hooks see it: credentials in headers are replaced by `[redacted]`. */
export interface RequestInfo {
  provider: string;
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
}

/** Observers of every HTTP exchange, for logging and metrics. They never see a secret. */
export interface TransportHooks {
  onRequest?(request: RequestInfo): void;
  onResponse?(
    request: RequestInfo,
    response: { status: number; durationMs: number; requestId?: string },
  ): void;
  onRetry?(request: RequestInfo, retry: { error: ConversationError; delayMs: number }): void;
  onError?(request: RequestInfo, error: ConversationError): void;
}
