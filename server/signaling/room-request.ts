// The shape of a request a joined peer makes of its room: what it does, and whether the whole
// room hears of it. Each concern declares its requests in its own module (media-requests.ts,
// peer-requests.ts, ...); room-requests.ts puts them together and the compiler checks that every
// method of the protocol has exactly one.
import type { RequestMethod, Requests } from '../../src/protocol/signaling.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import type { LivePeer } from '../rooms/live-peer.ts';

/** Every method but join, which comes before there is a room. */
export type RoomMethod = Exclude<RequestMethod, 'join'>;

export interface RoomRequest<M extends RoomMethod> {
  /**
   * Whether every other peer hears of it (a rename, a track added, muted or removed): such
   * requests also count against the tighter fan-out rate, as each costs the room's size in
   * messages.
   */
  fansOut: boolean;
  handle(
    room: LiveRoom,
    peer: LivePeer,
    data: Requests[M][0],
  ): Promise<Requests[M][1]> | Requests[M][1];
}

/** A module's requests: one entry per method it handles. */
export type RoomRequests<Ms extends RoomMethod> = { [M in Ms]: RoomRequest<M> };
