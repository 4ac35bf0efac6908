// convene-reconnected: the local peer is back in the room after a lost connection.
export interface ConveneReconnectedDetail {
  /** True when the server kept this peer's place (its tracks were still published). */
  resumed: boolean;
}

/** Fired by <convene-room> when a reconnect succeeded. */
export class ConveneReconnectedEvent extends CustomEvent<ConveneReconnectedDetail> {
  static readonly type = 'convene-reconnected';
  constructor(detail: ConveneReconnectedDetail) {
    super(ConveneReconnectedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-reconnected': ConveneReconnectedEvent;
  }
}
