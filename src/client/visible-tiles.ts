// Tells the server which tiles are on screen, so it forwards only the video that is seen.
// Layout code may report on every resize frame: bursts are coalesced into one message per
// interval, unchanged sets are not sent, and a new connection gets the current set again.
import type { VisibleTile } from '../protocol/signaling.ts';

export const TILE_REPORT_INTERVAL_MS = 100;

/** Sends tiles; returns undefined when there is no connection to send them on. */
export type SendTiles = (tiles: VisibleTile[]) => Promise<unknown> | undefined;

export class VisibleTilesReporter {
  readonly #send: SendTiles;
  readonly #intervalMs: number;
  #tiles: VisibleTile[] = [];
  #visible = new Set<string>();
  /** The set the server has, as a comparable key; undefined when it has none from us. */
  #sentKey: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(send: SendTiles, intervalMs = TILE_REPORT_INTERVAL_MS) {
    this.#send = send;
    this.#intervalMs = intervalMs;
  }

  get tiles(): readonly VisibleTile[] {
    return this.#tiles;
  }

  isVisible(peerId: string, source: VisibleTile['source']): boolean {
    return this.#visible.has(tileKey(peerId, source));
  }

  set(tiles: readonly VisibleTile[]): void {
    this.#tiles = normalize(tiles);
    this.#visible = new Set(this.#tiles.map((tile) => tileKey(tile.peerId, tile.source)));
    // The first set on a connection goes out at once (it gates the first remote frames); after
    // that a trailing timer that is not pushed back, so a long resize still reports every interval.
    const delay = this.#sentKey === undefined ? 0 : this.#intervalMs;
    this.#timer ??= setTimeout(() => this.flush(), delay);
  }

  /** The server lost what we told it (a new connection): send the current set now. */
  resend(): void {
    this.#sentKey = undefined;
    this.flush();
  }

  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = JSON.stringify(this.#tiles);
    if (key === this.#sentKey) return;
    const sending = this.#send(this.#tiles);
    if (!sending) return;
    this.#sentKey = key;
    sending.catch(() => {
      // Let the next report try again rather than believe the server has this set.
      if (this.#sentKey === key) this.#sentKey = undefined;
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sentKey = undefined;
  }
}

function tileKey(peerId: string, source: VisibleTile['source']): string {
  return `${peerId}\u0000${source}`;
}

/** Whole pixels, one entry per tile, in a stable order so equal sets compare equal. */
function normalize(tiles: readonly VisibleTile[]): VisibleTile[] {
  const byKey = new Map<string, VisibleTile>();
  for (const tile of tiles) {
    byKey.set(tileKey(tile.peerId, tile.source), {
      peerId: tile.peerId,
      source: tile.source,
      width: Math.max(0, Math.round(tile.width)),
      height: Math.max(0, Math.round(tile.height)),
    });
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, tile]) => tile);
}
