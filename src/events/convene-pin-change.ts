// convene-pin-change: the user pinned a peer to the stage, or unpinned it (never fired when code
// sets `pinned`).
export interface ConvenePinChangeDetail {
  /** The peer whose pin changed. */
  peerId: string;
  /** True when the peer is now pinned, false when it was unpinned. */
  pinned: boolean;
}

/** Fired by <convene-tile>'s Pin toggle; <convene-grid> pins the peer on the stage. */
export class ConvenePinChangeEvent extends CustomEvent<ConvenePinChangeDetail> {
  static readonly type = 'convene-pin-change';
  constructor(detail: ConvenePinChangeDetail) {
    super(ConvenePinChangeEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-pin-change': ConvenePinChangeEvent;
  }
}
