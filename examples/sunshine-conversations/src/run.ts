import type { ConversationClient } from '@parley/core';

/** A 1×1 transparent PNG: the smallest real image to upload. */
export const tinyPng: Uint8Array = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);

/** What the tour needs to know. */
export interface SunshineTourOptions {
  /** The Sunshine user the conversation is created for (a `personal` conversation has exactly one). */
  userId: string;
}

/**
 * Creates a conversation for a user, renames it, uploads an image and sends it in a message, pages
 * through the messages and deletes the conversation again (also when a step fails, so the tour
 * leaves nothing behind). Any client works; on Sunshine every step is supported.
 *
 * @example
 * ```ts
 * await runSunshineTour(client, { userId: '67179a2930a150d5adc4d51f' });
 * ```
 */
export async function runSunshineTour(
  client: ConversationClient,
  options: SunshineTourOptions,
  log: (line: string) => void = console.log,
): Promise<void> {
  const conversation = await client.conversations.create({
    type: 'personal',
    title: 'Parley tour',
    participants: [{ userId: options.userId }],
    metadata: { source: 'parley-example' },
  });
  log(`created conversation ${conversation.id} on ${client.provider}`);
  try {
    const renamed = await client.conversations.update(conversation.id, { title: 'Parley tour (renamed)' });
    log(`renamed it to "${renamed.title ?? ''}"`);

    const image = await client.media.upload({
      data: tinyPng,
      contentType: 'image/png',
      filename: 'parley.png',
      conversationId: conversation.id,
    });
    if (image.url === undefined) throw new Error('the upload returned no URL to send');
    log(`uploaded ${image.size} bytes of ${image.contentType} to ${image.url}`);

    const sent = await client.messages.send(conversation.id, {
      text: 'Here is the picture you asked for',
      media: [{ url: image.url, contentType: image.contentType }],
    });
    log(`sent message ${sent.id} at ${sent.sentAt}`);

    // Pages of 50, oldest first; the PagePromise fetches the next page only when this one is used up.
    let count = 0;
    for await (const message of client.messages.list(conversation.id, { limit: 50 })) {
      count++;
      log(
        `  ${message.sentAt} ${message.author.role}: ${message.text ?? ''}${message.media.length > 0 ? ' [media]' : ''}`,
      );
    }
    log(`read ${count} message(s)`);
  } finally {
    await client.conversations.delete(conversation.id);
    log(`deleted conversation ${conversation.id}`);
  }
}
