// Which tiles the grid shows, picked from room state: a camera tile for the local peer and for
// every remote peer publishing a camera, a screen tile for every remote screen share.
import type { PeerState, RoomState } from '../../client/room-state.ts';
import type { TileSource } from '../convene-tile/convene-tile.ts';

export interface TileRef {
  peer: PeerState;
  source: TileSource;
}

/** The key that keeps one tile element per peer and source across renders and pages. */
export function tileKey(tile: TileRef): string {
  return `${tile.peer.id}:${tile.source}`;
}

function peersInOrder(state: RoomState): PeerState[] {
  return state.peerOrder.flatMap((id) => state.peers[id] ?? []);
}

/** Peers with a camera tile, in join order (the local peer first, camera on or off). */
export function selectCameraPeers(state: RoomState): PeerState[] {
  return peersInOrder(state).filter((peer) => peer.isLocal || peer.tracks.camera);
}

/**
 * Remote peers sharing a screen, in join order. Our own share is left out: showing a screen to
 * the person sharing it mirrors it into itself.
 */
export function selectScreenPeers(state: RoomState): PeerState[] {
  return peersInOrder(state).filter((peer) => !peer.isLocal && peer.tracks.screen);
}
