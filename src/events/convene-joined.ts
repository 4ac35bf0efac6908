// convene-joined: the local peer is in the room.
export interface ConveneJoinedDetail {
  /** The local peer's id in this session. */
  peerId: string;
}

/** Fired by <convene-room> when the local peer has joined the room. */
export class ConveneJoinedEvent extends CustomEvent<ConveneJoinedDetail> {
  static readonly type = 'convene-joined';
  constructor(detail: ConveneJoinedDetail) {
    super(ConveneJoinedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-joined': ConveneJoinedEvent;
  }
}
