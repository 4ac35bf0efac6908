// convene-peer-joined: another peer is in the room with me.

/** A peer as the room's events name it. */
export interface ConvenePeer {
  /** The peer's id in this session. */
  id: string;
  name: string;
  /** Its role's name (`host`, `guest`, ...). */
  role: string;
}

export type ConvenePeerJoinedDetail = ConvenePeer;

/**
 * Fired by <convene-meeting> for each peer already in the room when I join, then for each peer
 * who joins while I am in it (never for me).
 */
export class ConvenePeerJoinedEvent extends CustomEvent<ConvenePeerJoinedDetail> {
  static readonly type = 'convene-peer-joined';
  constructor(detail: ConvenePeerJoinedDetail) {
    super(ConvenePeerJoinedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-peer-joined': ConvenePeerJoinedEvent;
  }
}
