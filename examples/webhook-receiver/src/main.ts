import { ConversationError } from '@parley/core';
import { runWebhookReceiver } from './run.js';

// Runs offline: the receiver and the emulator both listen on 127.0.0.1 (a real Sunshine app
// cannot reach a loopback address; point a webhook at a public URL for that).
try {
  await runWebhookReceiver();
} catch (error) {
  console.error(ConversationError.isInstance(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
