// Chat's constants, shared by the server and the room client without TypeBox (the client's
// bundle never carries it): the schemas are chat-schemas.ts.

/** Most characters a message's text may have on the wire; the server's byte limit is tighter. */
export const CHAT_TEXT_MAX_LENGTH = 16_384;
/** Most messages one history page holds. */
export const CHAT_HISTORY_MAX_PAGE = 100;
/** The type of a message sent without one, as 100ms names it. */
export const DEFAULT_MESSAGE_TYPE = 'chat';
/** Types that are delivered to whoever is there now and never stored (nor in any history). */
export const EPHEMERAL_MESSAGE_TYPES: ReadonlySet<string> = new Set(['reaction', 'emoji']);
