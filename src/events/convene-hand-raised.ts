// convene-hand-raised: a peer in the room raised or lowered a hand.
import type { ConvenePeer } from './convene-peer-joined.ts';

export interface ConveneHandRaisedDetail {
  /** Whose hand: another peer, or me. */
  peer: ConvenePeer;
  /** True when the hand is now up, false when it was lowered. */
  raised: boolean;
}

/**
 * Fired by <convene-meeting> when a peer's hand goes up or down, mine included, and for each
 * hand already up when I join.
 */
export class ConveneHandRaisedEvent extends CustomEvent<ConveneHandRaisedDetail> {
  static readonly type = 'convene-hand-raised';
  constructor(detail: ConveneHandRaisedDetail) {
    super(ConveneHandRaisedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-hand-raised': ConveneHandRaisedEvent;
  }
}
