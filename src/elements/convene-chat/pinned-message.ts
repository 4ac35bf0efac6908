// The pinned message, kept in the session store under `pinnedMessage` (the key 100ms's prebuilt
// uses) so that everyone in the session sees the same one. Any peer may set the session store:
// the value is read defensively and always shown as text.
import type { ChatMessage } from '../../client/room-state.ts';

export const PINNED_MESSAGE_KEY = 'pinnedMessage';

/**
 * The value under `pinnedMessage`: `{id, text, senderName, pinnedBy}`. `senderName` is null for
 * a message from the server; `pinnedBy` is the name of whoever pinned it. Unpinned: null.
 */
export interface PinnedMessage {
  /** The pinned ChatMessage's id. */
  id: string;
  text: string;
  senderName: string | null;
  pinnedBy: string | null;
}

/**
 * Longest pinned text, in characters: the session store takes values of up to 4096 bytes of
 * JSON, less than a message may hold, so a long message is pinned shortened.
 */
export const PINNED_TEXT_MAX_LENGTH = 500;

/** The value to store to pin `message`. */
export function pinnedMessageOf(message: ChatMessage, pinnedBy: string | null): PinnedMessage {
  const characters = [...message.message];
  const text =
    characters.length > PINNED_TEXT_MAX_LENGTH
      ? `${characters.slice(0, PINNED_TEXT_MAX_LENGTH - 1).join('')}…`
      : message.message;
  return { id: message.id, text, senderName: message.sender?.name ?? null, pinnedBy };
}

/** The pinned message a session-store value holds, or undefined when none (or not one). */
export function readPinnedMessage(value: unknown): PinnedMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, text, senderName, pinnedBy } = value as Record<string, unknown>;
  if (typeof text !== 'string' || text === '') return undefined;
  return {
    id: typeof id === 'string' ? id : '',
    text,
    senderName: typeof senderName === 'string' ? senderName : null,
    pinnedBy: typeof pinnedBy === 'string' ? pinnedBy : null,
  };
}
