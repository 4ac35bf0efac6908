// The grid's tiles: one peer's camera or screen, kept as one element per peer and source. Which
// peers get one is read from the store (selectCameraPeers, selectScreenPeers in room-store.ts).
import type { PeerState } from '../../client/room-state.ts';
import type { TileSource } from '../convene-tile/convene-tile.ts';

export interface TileRef {
  peer: PeerState;
  source: TileSource;
}

/** The key that keeps one tile element per peer and source across renders and pages. */
export function tileKey(tile: TileRef): string {
  return `${tile.peer.id}:${tile.source}`;
}
