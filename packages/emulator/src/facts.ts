import type { SunshineStore } from './sunshine/store.js';
import type { UltraCartStore } from './ultracart/store.js';

/** Seeded UltraCart objects tests can rely on (ids depend on the seed; the shapes do not). */
export interface UltraCartFacts {
  /** The agent the API key belongs to (join/leave/status act as this agent). */
  readonly agent: { readonly arn: string; readonly name: string; readonly userId: number };
  readonly agents: readonly { readonly arn: string; readonly name: string; readonly userId: number }[];
  readonly queues: readonly { readonly name: string; readonly uuid: string }[];
  readonly conversationCount: number;
  /** Conversation uuids, newest first (as the list returns them before any start). */
  readonly newestConversationUuids: readonly string[];
  /** A conversation with more than 250 messages (several messages share a millisecond). */
  readonly longConversation: { readonly uuid: string; readonly messageCount: number };
  readonly smsConversationUuid: string;
  readonly webchatConversationUuid: string;
  /** An open conversation where the key's agent is an active participant. */
  readonly joinedConversationUuid: string;
  /** A conversation the key's agent never joined. */
  readonly notJoinedConversationUuid: string;
  /** A conversation where one agent left and another joined (a transfer). */
  readonly transferredConversationUuid: string;
}

/** Seeded Sunshine objects tests can rely on. */
export interface SunshineFacts {
  readonly users: readonly {
    readonly id: string;
    readonly externalId: string;
    readonly conversationCount: number;
  }[];
  /** The user with the most conversations (`externalId` `parley-power-user`; 260 unless `sunshinePowerUserConversations` says otherwise). */
  readonly powerUser: {
    readonly id: string;
    readonly externalId: string;
    readonly conversationCount: number;
  };
  /** A conversation with more than 250 messages. */
  readonly longConversation: { readonly id: string; readonly messageCount: number; readonly userId: string };
  /** A user's default conversation (cannot be deleted). */
  readonly defaultConversationId: string;
  /** A personal conversation that is not the default (can be deleted). */
  readonly deletableConversationId: string;
  /** An sdkGroup conversation (join/leave work on it). */
  readonly groupConversationId: string;
}

/** Both providers' facts. */
export interface SeedFacts {
  readonly ultracart: UltraCartFacts;
  readonly sunshine: SunshineFacts;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed has no ${what}; use conversations >= 12`);
  return value;
}

/** Reads the facts off freshly seeded stores. */
export function collectFacts(uc: UltraCartStore, sc: SunshineStore): SeedFacts {
  const convs = uc.seeded;
  const meArn = uc.me.arn;
  const long = need(
    convs.find((c) => c.messageCount > 250),
    'long UltraCart conversation',
  );
  const joined = convs.find(
    (c) => !c.closed && uc.participantsOf(c).some((p) => p.arn === meArn && p.leftMs === undefined),
  );
  const power = need(sc.users[0], 'power user');
  const others = sc.users.slice(1);
  const allConvs = sc.users.flatMap((u) => u.conversations);
  const longSc = need(
    allConvs.find((c) => c.messageCount > 250),
    'long Sunshine conversation',
  );
  return {
    ultracart: {
      agent: { arn: uc.me.arn, name: uc.me.name, userId: uc.me.userId },
      agents: uc.agents.map((a) => ({ arn: a.arn, name: a.name, userId: a.userId })),
      queues: uc.queues.map((q) => ({ name: q.name, uuid: q.uuid })),
      conversationCount: convs.length,
      newestConversationUuids: convs.slice(0, 10).map((c) => c.uuid),
      longConversation: { uuid: long.uuid, messageCount: long.messageCount },
      smsConversationUuid: need(
        convs.find((c) => c.medium === 'sms'),
        'sms conversation',
      ).uuid,
      webchatConversationUuid: need(
        convs.find((c) => c.medium === 'websocket'),
        'webchat conversation',
      ).uuid,
      joinedConversationUuid: need(joined, 'joined conversation').uuid,
      notJoinedConversationUuid: need(
        convs.find((c) => !uc.participantsOf(c).some((p) => p.arn === meArn)),
        'conversation without the agent',
      ).uuid,
      transferredConversationUuid: need(
        convs.find((c) => uc.participantsOf(c).filter((p) => p.kind === 'agent').length > 1),
        'transferred conversation',
      ).uuid,
    },
    sunshine: {
      users: others
        .slice(0, 10)
        .map((u) => ({ id: u.id, externalId: u.externalId, conversationCount: u.conversations.length })),
      powerUser: {
        id: power.id,
        externalId: power.externalId,
        conversationCount: power.conversations.length,
      },
      longConversation: {
        id: longSc.id,
        messageCount: longSc.messageCount,
        userId: need(longSc.members[0], 'long conversation member').id,
      },
      defaultConversationId: need(
        allConvs.find((c) => c.isDefault),
        'default conversation',
      ).id,
      deletableConversationId: need(
        allConvs.find((c) => c.type === 'personal' && !c.isDefault),
        'non-default conversation',
      ).id,
      groupConversationId: need(
        allConvs.find((c) => c.type === 'sdkGroup'),
        'group conversation',
      ).id,
    },
  };
}
