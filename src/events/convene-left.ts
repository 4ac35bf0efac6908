// convene-left: the local peer is out of the room, by its own leave or the server's doing.
export interface ConveneLeftDetail {
  /** Why: `left` after leave(), or the server's reason (`room-ended`, `removed`, ...). */
  reason: string;
  /** The server's words for it (a host's reason for removing, the room's end), when it gave any. */
  message?: string;
}

/** Fired by <convene-room> when the local peer has left the room or was removed from it. */
export class ConveneLeftEvent extends CustomEvent<ConveneLeftDetail> {
  static readonly type = 'convene-left';
  constructor(detail: ConveneLeftDetail) {
    super(ConveneLeftEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-left': ConveneLeftEvent;
  }
}
