import { HttpError, type Json } from '../http.js';
import { Random } from '../random.js';
import type { SunshineChange } from './change.js';
import {
  generateMessages,
  generateParticipants,
  objectId,
  type ScConversation,
  type ScMessage,
  type ScParticipant,
  type ScUser,
  seedSunshine,
  WEB_SOURCE,
} from './model.js';
import {
  type ActivityType,
  bad,
  businessAuthor,
  checkActivityType,
  checkAuthor,
  checkContent,
  checkMetadata,
  participantRef,
} from './request-checks.js';

/** The reference's per-conversation message cap (then 423 Locked). */
const MESSAGE_LIMIT = 30_000;

/** Stateful Sunshine data for one app; its wire shapes are in `wire.ts`. */
export class SunshineStore {
  readonly users: readonly ScUser[];
  private readonly usersById = new Map<string, ScUser>();
  private readonly usersByExternalId = new Map<string, ScUser>();
  private readonly conversations = new Map<string, ScConversation>();
  private readonly rng: Random;
  private nextIndex: number;
  /** Set by the server once it listens; seeded media URLs point at it. */
  origin = 'http://127.0.0.1';
  /** Told of every change made through the API (the webhook dispatcher listens here). */
  onChange: ((change: SunshineChange) => void) | undefined;

  constructor(
    private readonly seed: number,
    count: number,
    powerCount?: number,
  ) {
    const seeded = seedSunshine(seed, count, powerCount);
    this.users = seeded.users;
    for (const u of this.users) {
      this.usersById.set(u.id, u);
      this.usersByExternalId.set(u.externalId, u);
    }
    for (const c of seeded.conversations) this.conversations.set(c.id, c);
    this.nextIndex = seeded.conversations.length;
    this.rng = new Random(seed, 998);
  }

  /** A user by id or external id, or 404 `user_not_found`. */
  user(ref: { userId?: string | undefined; userExternalId?: string | undefined }): ScUser {
    const user =
      ref.userId !== undefined
        ? this.usersById.get(ref.userId)
        : this.usersByExternalId.get(ref.userExternalId ?? '');
    if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
    return user;
  }

  /** A conversation or 404 `conversation_not_found`. */
  find(id: string): ScConversation {
    const conv = this.conversations.get(id);
    if (!conv) throw new HttpError(404, 'conversation_not_found', 'Conversation not found');
    return conv;
  }

  /** Participants for reading: generated from the seed (not kept) until something changes them. */
  participantsOf(conv: ScConversation): readonly ScParticipant[] {
    return conv.participants ?? generateParticipants(this.seed, conv);
  }

  /** Messages oldest first, for reading; regenerated per read so a full sync of 100k conversations stays small. */
  messagesOf(conv: ScConversation): readonly ScMessage[] {
    return conv.messages ?? generateMessages(this.seed, conv, this.origin);
  }

  /** Participants for changing: materialised and kept from now on. */
  ownParticipants(conv: ScConversation): ScParticipant[] {
    conv.participants ??= generateParticipants(this.seed, conv);
    return conv.participants;
  }

  /** Messages for changing: materialised and kept from now on. */
  ownMessages(conv: ScConversation): ScMessage[] {
    conv.messages ??= generateMessages(this.seed, conv, this.origin);
    return conv.messages;
  }

  /** `POST …/conversations`. */
  create(body: Json, now: number): ScConversation {
    const type = body.type;
    if (type !== 'personal' && type !== 'sdkGroup') throw bad('type must be personal or sdkGroup');
    const refs = body.participants ?? [];
    if (!Array.isArray(refs) || refs.length > 10) throw bad('participants must be an array of at most 10');
    if (type === 'personal' && refs.length !== 1)
      throw bad('A personal conversation needs exactly one participant');
    const members = refs.map((ref) => this.user(participantRef(ref)));
    const owner = members[0];
    const conv: ScConversation = {
      index: this.nextIndex++,
      id: objectId(this.rng, now),
      type,
      isDefault:
        type === 'personal' && owner !== undefined && !owner.conversations.some((c) => c.type === 'personal'),
      createdMs: now,
      lastUpdatedMs: now,
      messageCount: 0,
      members: [...new Set(members)],
      switchboard: false,
      messages: [],
    };
    conv.participants = conv.members.map((user) => this.newParticipant(user, now));
    this.applyPatch(conv, body, false);
    this.conversations.set(conv.id, conv);
    for (const m of conv.members) m.conversations.push(conv);
    this.onChange?.({ type: 'conversation:create', conversation: conv });
    return conv;
  }

  /** `PATCH …/conversations/{id}`: null clears a field. */
  update(conv: ScConversation, body: Json): void {
    this.applyPatch(conv, body, true);
  }

  private applyPatch(conv: ScConversation, body: Json, nullable: boolean): void {
    for (const key of ['displayName', 'description', 'iconUrl'] as const) {
      const value = body[key];
      if (value === undefined) continue;
      if (value === null) {
        if (!nullable) throw bad(`${key} cannot be null`);
        delete conv[key];
        continue;
      }
      const max = key === 'iconUrl' ? 2048 : 100;
      if (typeof value !== 'string' || value.length < 1 || value.length > max) {
        throw bad(`${key} must be a string of 1 to ${max} characters`);
      }
      if (key === 'iconUrl' && !URL.canParse(value)) throw bad('iconUrl must be a URI');
      conv[key] = value;
    }
    if (body.metadata === null) delete conv.metadata;
    else if (body.metadata !== undefined) conv.metadata = checkMetadata(body.metadata);
  }

  /** `DELETE …/conversations/{id}`: the default conversation cannot be deleted. */
  delete(conv: ScConversation): void {
    if (conv.isDefault) throw bad(`Conversation ${conv.id} cannot be deleted because it is the default.`);
    this.conversations.delete(conv.id);
    for (const user of conv.members) {
      const at = user.conversations.indexOf(conv);
      if (at >= 0) user.conversations.splice(at, 1);
    }
    this.onChange?.({ type: 'conversation:remove', conversation: conv });
  }

  private newParticipant(user: ScUser, now: number): ScParticipant {
    return {
      id: objectId(this.rng, now),
      user,
      unreadCount: 0,
      clientType: 'sdk',
      clientId: objectId(this.rng, now),
    };
  }

  /** `POST …/join`: sdkGroup only, at most 10 participants; joining twice returns the existing participant. */
  join(conv: ScConversation, body: Json, now: number): ScParticipant {
    const user = this.user(participantRef(body));
    if (conv.type !== 'sdkGroup') throw bad('Participants can only be added to sdkGroup conversations');
    const participants = this.ownParticipants(conv);
    const existing = participants.find((p) => p.user === user);
    if (existing) return existing;
    if (participants.length >= 10) throw bad('Too many participants');
    const participant = this.newParticipant(user, now);
    participants.push(participant);
    conv.members.push(user);
    user.conversations.push(conv);
    this.onChange?.({ type: 'conversation:join', conversation: conv, user });
    return participant;
  }

  /** `POST …/leave` by userId, userExternalId or participantId. */
  leave(conv: ScConversation, body: Json): void {
    const participants = this.ownParticipants(conv);
    const participantId = body.participantId;
    let at = -1;
    if (typeof participantId === 'string') at = participants.findIndex((p) => p.id === participantId);
    else {
      const ref = participantRef(body);
      at = participants.findIndex((p) =>
        ref.userId !== undefined ? p.user.id === ref.userId : p.user.externalId === ref.userExternalId,
      );
    }
    const participant = participants[at];
    if (!participant) throw new HttpError(404, 'not_found', 'User is not a member of the conversation');
    participants.splice(at, 1);
    conv.members.splice(conv.members.indexOf(participant.user), 1);
    const list = participant.user.conversations;
    list.splice(list.indexOf(conv), 1);
    // Sunshine fires join/leave for sdkGroup conversations only.
    if (conv.type === 'sdkGroup')
      this.onChange?.({ type: 'conversation:leave', conversation: conv, user: participant.user });
  }

  /** `POST …/messages`: validates the essentials of `messagePost` and stores one message. */
  post(conv: ScConversation, body: Json, now: number): ScMessage {
    const author = checkAuthor(body.author);
    const content = checkContent(body.content);
    this.checkRoom(conv);
    let wireAuthor: Json;
    if (author.type === 'user') {
      const user = this.user({
        userId: typeof author.userId === 'string' ? author.userId : undefined,
        userExternalId: typeof author.userExternalId === 'string' ? author.userExternalId : undefined,
      });
      wireAuthor = { type: 'user', userId: user.id, displayName: author.displayName ?? user.name };
    } else wireAuthor = businessAuthor(author);
    const stored = { ...content };
    delete stored.markdownText;
    return this.append(conv, {
      id: objectId(this.rng, now),
      receivedMs: now,
      author: wireAuthor,
      content: stored,
      source: { type: 'api:conversations' },
      ...(body.metadata !== undefined && body.metadata !== null
        ? { metadata: checkMetadata(body.metadata) }
        : {}),
    });
  }

  /**
   * Inbound activity: `user` (a member) sends a text message from the web messenger, as a customer
   * does through the SDK (not the API): `source.type` is `web`.
   */
  customerMessage(conv: ScConversation, user: ScUser, text: string, now: number): ScMessage {
    this.member(conv, user);
    this.checkRoom(conv);
    return this.append(conv, {
      id: objectId(this.rng, now),
      receivedMs: now,
      author: userAuthor(user),
      content: { type: 'text', text },
      source: { ...WEB_SOURCE },
    });
  }

  /**
   * Inbound activity: `user` (a member) starts or stops typing, or reads the conversation, from the
   * web messenger. The API lets a user send only `conversation:read`; the SDK sends all three.
   */
  customerActivity(conv: ScConversation, user: ScUser, type: ActivityType, now: number): void {
    this.member(conv, user);
    this.applyActivity(conv, type, userAuthor(user), user, now, { ...WEB_SOURCE });
  }

  /** Throws unless `user` is a member of `conv`. */
  private member(conv: ScConversation, user: ScUser): void {
    if (!conv.members.includes(user))
      throw new HttpError(400, 'bad_request', `User ${user.id} is not a member of conversation ${conv.id}`);
  }

  /** Throws 423 once a conversation holds the reference's message cap. */
  private checkRoom(conv: ScConversation): void {
    if (this.ownMessages(conv).length >= MESSAGE_LIMIT) {
      throw new HttpError(423, 'locked', `Message limit of ${MESSAGE_LIMIT} per conversation reached.`);
    }
  }

  private append(conv: ScConversation, message: ScMessage): ScMessage {
    this.ownMessages(conv).push(message);
    conv.lastUpdatedMs = message.receivedMs;
    const authorUserId = message.author.type === 'user' ? message.author.userId : undefined;
    for (const p of this.ownParticipants(conv)) if (p.user.id !== authorUserId) p.unreadCount++;
    this.onChange?.({ type: 'conversation:message', conversation: conv, message });
    return message;
  }

  /** `POST …/activity`. */
  activity(conv: ScConversation, body: Json, now: number): void {
    const author = checkAuthor(body.author);
    const type = checkActivityType(body.type, author.type);
    const user = author.type === 'user' ? this.user(participantRef(author)) : undefined;
    this.applyActivity(conv, type, user ? userAuthor(user) : businessAuthor(author), user, now);
  }

  private applyActivity(
    conv: ScConversation,
    type: ActivityType,
    wireAuthor: Json,
    user: ScUser | undefined,
    now: number,
    source?: Json,
  ): void {
    const trigger = type === 'conversation:read' ? 'conversation:read' : 'conversation:typing';
    const change: SunshineChange = {
      type: trigger,
      conversation: conv,
      activity: { type, author: wireAuthor, ...(source ? { source } : {}) },
    };
    if (type !== 'conversation:read') return void this.onChange?.(change);
    if (!user) conv.businessLastReadMs = now;
    const participant = user && this.ownParticipants(conv).find((p) => p.user === user);
    if (participant) {
      participant.unreadCount = 0;
      participant.lastReadMs = now;
    }
    this.onChange?.(change);
  }
}

/** A user author as stored: id and display name. */
function userAuthor(user: ScUser): Json {
  return { type: 'user', userId: user.id, displayName: user.name };
}
