// convene-message: a chat message reached me from another peer or the server.
import type { ChatMessage } from '../client/room-state.ts';

/** The message as the room client got it: `id`, `sender`, `type`, `message`, `time`, ... */
export type ConveneMessageDetail = ChatMessage;

/**
 * Fired by <convene-meeting> for each chat message from another peer or the server, reactions
 * included, as it arrives (my own sent messages are not echoed).
 */
export class ConveneMessageEvent extends CustomEvent<ConveneMessageDetail> {
  static readonly type = 'convene-message';
  constructor(detail: ConveneMessageDetail) {
    super(ConveneMessageEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-message': ConveneMessageEvent;
  }
}
