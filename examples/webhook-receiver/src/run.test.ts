import { describe, expect, it } from 'vitest';
import { runWebhookReceiver } from './run.js';

describe('runWebhookReceiver (emulator → handler over loopback)', () => {
  it('handles every event once, skips the duplicate and processes the retried failure', async () => {
    const lines: string[] = [];
    const report = await runWebhookReceiver((line) => lines.push(line), { retryBaseMs: 20 });

    // Each change arrives once as a neutral event, whatever the duplicate and the retry did.
    expect([...report.events.map((e) => e.type)].sort()).toEqual(
      [
        'conversation.created',
        'conversation.read',
        'conversation.removed',
        'message.created',
        'participant.joined',
        'participant.left',
      ].sort(),
    );
    expect(new Set(report.events.map((e) => e.id)).size).toBe(report.events.length);
    const conversationId = report.events[0]?.conversationId;
    expect(conversationId).toMatch(/^[0-9a-f]{24}$/);
    for (const event of report.events) {
      expect(event.provider).toBe('sunshine');
      expect(event.conversationId).toBe(conversationId);
      expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const message = report.events.find((e) => e.type === 'message.created');
    expect(message?.type === 'message.created' && message.message.text).toBe('Hello from the business');
    const read = report.events.find((e) => e.type === 'conversation.read');
    expect(read?.type === 'conversation.read' && read.author.role).toBe('agent');

    // The first delivery was sent twice; the second copy was skipped.
    expect(report.deliveries.filter((d) => d.duplicate)).toHaveLength(1);
    expect(report.duplicatesSkipped).toBe(1);
    // The message's first delivery failed with 500 and its retry succeeded.
    const messageDeliveries = report.deliveries.filter((d) => d.eventTypes.includes('conversation:message'));
    expect(messageDeliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(lines.some((line) => line.startsWith('failed message.created'))).toBe(true);
    expect(lines.filter((line) => line.startsWith('event '))).toHaveLength(6);
    expect(lines.at(-1)).toBe('done   6 event(s), 8 delivery(ies)');
  });
});
