// Who is in the room, as the participant list shows them: grouped by role (in the room's role
// order), raised hands first within a group, filtered by a name search that ignores case and
// accents ("zoe" finds "Zoë"). Pure: computed from store snapshots on each render.
import type { PeerState, RoomState } from '../../client/room-state.ts';

export interface ParticipantGroup {
  role: string;
  /** Raised hands first, then join order. */
  peers: PeerState[];
  raisedHands: number;
}

export interface Participants {
  groups: ParticipantGroup[];
  /** Everyone in the room, the search aside. */
  total: number;
  /** Raised hands in the whole room, the search aside. */
  raisedHands: number;
  /** Peers the search kept. */
  shown: number;
}

/** A name folded for search: no accents (NFD marks dropped), no case. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

export function groupParticipants(
  state: Pick<RoomState, 'peers' | 'peerOrder' | 'roles'>,
  search = '',
): Participants {
  const query = searchKey(search);
  const byRole = new Map<string, PeerState[]>();
  for (const name of Object.keys(state.roles)) byRole.set(name, []);
  let total = 0;
  let raisedHands = 0;
  let shown = 0;
  for (const id of state.peerOrder) {
    const peer = state.peers[id];
    if (!peer) continue;
    total++;
    if (peer.handRaised) raisedHands++;
    if (query && !searchKey(peer.name).includes(query)) continue;
    shown++;
    // A role the room did not announce (yet) still gets a group, after the known ones.
    let group = byRole.get(peer.role);
    if (!group) byRole.set(peer.role, (group = []));
    group.push(peer);
  }
  const groups: ParticipantGroup[] = [];
  for (const [role, peers] of byRole) {
    if (peers.length === 0) continue;
    const hands = peers.filter((peer) => peer.handRaised);
    groups.push({
      role,
      peers: hands.length ? [...hands, ...peers.filter((peer) => !peer.handRaised)] : peers,
      raisedHands: hands.length,
    });
  }
  return { groups, total, raisedHands, shown };
}
