// The grid's tiles: one peer's camera or screen, kept in one element while it stays on screen.
// Which peers get one is read from the store (selectCameraPeers, selectScreenPeers in
// room-store.ts).
import type { PeerState } from '../../client/room-state.ts';
import type { TileSource } from '../convene-tile/convene-tile.ts';

export interface TileRef {
  peer: PeerState;
  source: TileSource;
}

/** One peer's camera or screen. */
function tileKey(tile: TileRef): string {
  return `${tile.peer.id}:${tile.source}`;
}

/**
 * Keys for lit's repeat() over a page of tiles. A tile still on screen keeps its key, so its
 * element (and the video playing in it) stays; a tile new to the screen takes the key of one
 * that left, so its element is reused with another peer rather than removed while a new one is
 * made. A page flip then updates the page's tiles in place: creating and inserting 25 tiles with
 * their shadow roots and <video> elements was most of a flip's time (bench/grid.ts).
 */
export class TileSlots {
  readonly #slotOf = new Map<string, number>();
  #created = 0;

  /** The key of each tile, in order. */
  keys(tiles: readonly TileRef[]): number[] {
    const ids = tiles.map(tileKey);
    const shown = new Set(ids);
    const free: number[] = [];
    for (const [id, slot] of this.#slotOf) {
      if (shown.has(id)) continue;
      this.#slotOf.delete(id);
      free.push(slot);
    }
    free.sort((a, b) => a - b);
    return ids.map((id) => {
      let slot = this.#slotOf.get(id);
      if (slot === undefined) {
        slot = free.shift() ?? this.#created++;
        this.#slotOf.set(id, slot);
      }
      return slot;
    });
  }
}
