// The room's chat as the client holds it: the messages it may see, in order and once each (a
// message can arrive twice: live, then in the history fetched after a reconnect), how many came
// from others since the app last marked them read, and whether older pages are left to load.
// Messages are plain text: show them with textContent or lit's text bindings, never as HTML.
import type { ChatMessage, MessageHistoryPage, Requests } from '../protocol/signaling.ts';
import { EPHEMERAL_MESSAGE_TYPES } from '../protocol/chat.ts';
import type { RoomStore } from './room-store.ts';
import type { SendMessageOptions } from './room-state.ts';

/** The sendMessage request for `text` and its options. */
export function sendMessageRequest(
  text: string,
  { to = 'room', type }: SendMessageOptions = {},
): Requests['sendMessage'][0] {
  return {
    message: text,
    ...(type ? { type } : {}),
    ...(to === 'room'
      ? {}
      : 'peerId' in to
        ? { recipientPeer: to.peerId }
        : { recipientRoles: to.roles }),
  };
}

/** Whether a message is one the room keeps (and so the client lists), not a passing reaction. */
export function isKept(message: ChatMessage): boolean {
  return !EPHEMERAL_MESSAGE_TYPES.has(message.type);
}

/** `current` with `incoming` merged in, by id (ids sort in the order the server stored them). */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  const known = new Set(current.map((message) => message.id));
  const added = incoming.filter((message) => !known.has(message.id) && isKept(message));
  if (added.length === 0) return current;
  const unique = [...new Map(added.map((message) => [message.id, message])).values()];
  return [...current, ...unique].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export class ChatHistory {
  constructor(private readonly store: RoomStore) {}

  /**
   * Adds messages the server sent or answered. With `unread`, those new to us and not our own
   * count as unread (live messages, and those missed while reconnecting).
   */
  add(messages: readonly ChatMessage[], { unread }: { unread: boolean }): void {
    this.store.update((state) => {
      const merged = mergeMessages(state.messages, messages);
      if (merged === state.messages) return state;
      const before = new Set(state.messages.map((message) => message.id));
      const fresh = unread
        ? merged.filter(
            (message) => !before.has(message.id) && message.sender?.peerId !== state.localPeerId,
          ).length
        : 0;
      return { ...state, messages: merged, unreadMessages: state.unreadMessages + fresh };
    });
  }

  /**
   * The newest page, after a join or a rejoin; a rejoin counts what it missed as unread. A page
   * that does not reach back to what we hold (more was said while we were away than a page
   * holds) replaces it, so that paging back leaves no gap.
   */
  latest(page: MessageHistoryPage, { rejoin }: { rejoin: boolean }): void {
    const held = this.store.state.messages;
    const newestHeld = held[held.length - 1]?.id;
    const oldestInPage = page.data[0]?.id;
    const complete = page.last === '';
    const gap =
      !complete &&
      newestHeld !== undefined &&
      oldestInPage !== undefined &&
      oldestInPage > newestHeld;
    if (gap) this.store.patch({ messages: [] });
    this.add(page.data, { unread: rejoin });
    const hasOlder = complete
      ? false
      : newestHeld === undefined || gap
        ? true
        : this.store.state.hasOlderMessages;
    this.store.patch({ hasOlderMessages: hasOlder });
  }

  /** A page of older messages, from loadOlderMessages(). */
  older(page: MessageHistoryPage): void {
    this.add(page.data, { unread: false });
    this.store.patch({ hasOlderMessages: page.last !== '' });
  }

  /** Where the next older page starts: before the oldest message held. */
  get cursor(): string | undefined {
    return this.store.state.messages[0]?.id;
  }

  markRead(): void {
    this.store.patch({ unreadMessages: 0 });
  }
}
