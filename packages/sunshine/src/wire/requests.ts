import type { SunshineMetadata } from './common.js';

/** `participantSubSchema`: one of `userId` / `userExternalId` (not both). */
export type SunshineParticipantSubSchema = (
  | { userId: string; userExternalId?: never }
  | { userExternalId: string; userId?: never }
) & {
  /** Required for `sdkGroup` conversations: subscribe the user's SDK client. */
  subscribeSDKClient?: boolean;
};

/** `ConversationCreateBody`. */
export interface SunshineConversationCreateBody {
  type: 'personal' | 'sdkGroup';
  /** Exactly 1 for `personal`; at most 10 for `sdkGroup`. */
  participants?: SunshineParticipantSubSchema[];
  /** 1–100 characters. */
  displayName?: string | null;
  /** 1–100 characters. */
  description?: string | null;
  /** A URI of at most 2048 characters (JPG, PNG or GIF). */
  iconUrl?: string | null;
  metadata?: SunshineMetadata | null;
}

/** `ConversationUpdateBody`: every field optional and nullable (null clears it). */
export interface SunshineConversationUpdateBody {
  displayName?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  metadata?: SunshineMetadata | null;
}

/** `participantJoinBody`. */
export type SunshineParticipantJoinBody = SunshineParticipantSubSchema;

/** `participantLeaveBody`: exactly one of `userId`, `userExternalId`, `participantId`. */
export type SunshineParticipantLeaveBody =
  | { userId: string }
  | { userExternalId: string }
  | { participantId: string };

/** `author` of a message or activity being posted. */
export interface SunshineAuthorBody {
  type: 'business' | 'user';
  /** `AI` adds an AI disclaimer; `agent`/`bot` are response-only. */
  subtypes?: string[];
  /** Only for `type: 'user'`. */
  userId?: string;
  /** Only for `type: 'user'`. */
  userExternalId?: string;
  brandId?: string | null;
  displayName?: string;
  avatarUrl?: string;
}

/** `content` of a message being posted (text, image, file, …; see the spec for every type). */
export type SunshineContentBody =
  | { type: 'text'; text?: string; htmlText?: string; markdownText?: string; [field: string]: unknown }
  | { type: 'image'; mediaUrl: string; text?: string; altText?: string; [field: string]: unknown }
  | { type: 'file'; mediaUrl: string; text?: string; altText?: string; [field: string]: unknown }
  | { type: string; [field: string]: unknown };

/** `messagePost`. */
export interface SunshineMessagePost {
  author: SunshineAuthorBody;
  content: SunshineContentBody;
  destination?: { integrationId: string } | { integrationType: string };
  metadata?: SunshineMetadata;
  override?: Record<string, unknown>;
  schema?: string;
}

/** `activityPost`: `conversation:read`, `typing:start` or `typing:stop` (user authors: read only). */
export interface SunshineActivityPost {
  author: SunshineAuthorBody;
  type: 'conversation:read' | 'typing:start' | 'typing:stop';
}

/** Query of Upload Attachment. */
export interface SunshineUploadQuery {
  /** Required by the API; the only level is `public`. Default `public`. */
  access?: 'public';
  /** `message` lets Sunshine delete the file with its message, conversation or user. */
  for?: 'message';
  /** Links the upload to a conversation. */
  conversationId?: string;
}

/** `attachmentDeleteBody`. */
export interface SunshineAttachmentDeleteBody {
  mediaUrl: string;
}

/** `passControlBody` / `offerControlBody`: target by id, name, integrationType, or `next`. */
export interface SunshineControlTransferBody {
  switchboardIntegration: string;
  metadata?: SunshineMetadata;
}

/** `acceptControlBody` / `releaseControlBody`. */
export interface SunshineControlBody {
  metadata?: SunshineMetadata;
}
