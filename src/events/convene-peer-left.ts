// convene-peer-left: another peer left the room while I am in it.
import type { ConvenePeer } from './convene-peer-joined.ts';

/** The peer as it was when it left. */
export type ConvenePeerLeftDetail = ConvenePeer;

/** Fired by <convene-meeting> when another peer leaves the room (not when I leave it). */
export class ConvenePeerLeftEvent extends CustomEvent<ConvenePeerLeftDetail> {
  static readonly type = 'convene-peer-left';
  constructor(detail: ConvenePeerLeftDetail) {
    super(ConvenePeerLeftEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-peer-left': ConvenePeerLeftEvent;
  }
}
