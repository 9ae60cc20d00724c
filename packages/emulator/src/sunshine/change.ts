import type { Json } from '../http.js';
import type { ScConversation, ScMessage, ScUser } from './model.js';

/**
 * A change made through the API, named by the Sunshine webhook trigger it fires. Seeded data and
 * reads never produce one.
 */
export type SunshineChange =
  | { readonly type: 'conversation:create' | 'conversation:remove'; readonly conversation: ScConversation }
  | {
      readonly type: 'conversation:join' | 'conversation:leave';
      readonly conversation: ScConversation;
      readonly user: ScUser;
    }
  | {
      readonly type: 'conversation:message';
      readonly conversation: ScConversation;
      readonly message: ScMessage;
    }
  | {
      readonly type: 'conversation:read' | 'conversation:typing';
      readonly conversation: ScConversation;
      readonly activity: {
        readonly type: string;
        readonly author: Json;
        /** Where it came from; absent for the API (`api:conversations`). */
        readonly source?: Json;
      };
    };
