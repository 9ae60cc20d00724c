import 'reflect-metadata';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { spyAdapter } from '../client/__fixtures__/spy-adapter.js';
import type { ConversationClient } from '../client/conversation-client.js';
import { ConversationClientToken, registerConversations } from './register-conversations.js';

describe('registerConversations', () => {
  it('registers the client under ConversationClientToken in the given child container only', () => {
    const spy = spyAdapter();
    const tenantA = container.createChildContainer();
    const tenantB = container.createChildContainer();
    registerConversations(tenantA, {
      adapters: [spy.adapter],
      config: { provider: 'spy', spy: { apiKey: 'a-key' } },
    });
    registerConversations(tenantB, {
      adapters: [spy.adapter],
      config: { provider: 'spy', spy: { apiKey: 'b-key' } },
    });
    const a = tenantA.resolve<ConversationClient>(ConversationClientToken);
    const b = tenantB.resolve<ConversationClient>(ConversationClientToken);
    expect(a.provider).toBe('spy');
    expect(a).not.toBe(b);
    expect(container.isRegistered(ConversationClientToken)).toBe(false);
  });

  it('fails at registration on a bad config', () => {
    expect(() =>
      registerConversations(container.createChildContainer(), {
        adapters: [spyAdapter().adapter],
        config: { provider: 'nope' as 'spy' },
      }),
    ).toThrow("Unknown provider 'nope'");
  });
});
