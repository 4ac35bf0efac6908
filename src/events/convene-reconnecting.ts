// convene-reconnecting: the connection to the room was lost and is being retried.
export interface ConveneReconnectingDetail {
  /** 1 for the first retry, then 2, 3, ... */
  attempt: number;
}

/** Fired by <convene-room> before each attempt to get back into the room. */
export class ConveneReconnectingEvent extends CustomEvent<ConveneReconnectingDetail> {
  static readonly type = 'convene-reconnecting';
  constructor(detail: ConveneReconnectingDetail) {
    super(ConveneReconnectingEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-reconnecting': ConveneReconnectingEvent;
  }
}
