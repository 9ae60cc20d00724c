// Imports nothing at run time: the listing filter (loaded at import) and the request bodies (loaded
// on first use, map/bodies.ts) share it.
import type { SunshineParticipantSubSchema } from '../wire/requests.js';

/** A reference to a Sunshine user: by its id or by the app's own id for it. */
export interface UserRef {
  userId?: string | undefined;
  userExternalId?: string | undefined;
}

/**
 * `participantSubSchema` of a reference (exactly one of `userId` / `userExternalId`), or what is
 * wrong with it.
 */
export function participantSub(ref: UserRef): SunshineParticipantSubSchema | string {
  if (ref.userId !== undefined && ref.userExternalId !== undefined)
    return 'needs one of userId or userExternalId, not both';
  if (ref.userId !== undefined) return { userId: ref.userId };
  if (ref.userExternalId !== undefined) return { userExternalId: ref.userExternalId };
  return 'needs userId or userExternalId (Sunshine adds users, not participant ids)';
}
