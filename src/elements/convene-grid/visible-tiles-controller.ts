// Tells the room client which tiles the grid displays and how large, so the server forwards
// video for those only. Updates in one task give one report, sent only when something changed;
// leaving the document reports an empty list.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomClientApi, VisibleTile } from '../../client/room-state.ts';

export interface VisibleTilesControllerOptions {
  client: () => RoomClientApi | undefined;
  /** The tiles on screen with their sizes in device pixels; undefined before the first layout. */
  measure: () => VisibleTile[] | undefined;
}

function sameTiles(a: readonly VisibleTile[] | undefined, b: readonly VisibleTile[]): boolean {
  return (
    a !== undefined &&
    a.length === b.length &&
    a.every(
      (tile, i) =>
        tile.peerId === b[i]?.peerId &&
        tile.source === b[i]?.source &&
        tile.width === b[i]?.width &&
        tile.height === b[i]?.height,
    )
  );
}

export class VisibleTilesController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: VisibleTilesControllerOptions;
  private connected = false;
  private pending = false;
  private reportedTo: RoomClientApi | undefined;
  private reported: VisibleTile[] | undefined;

  constructor(host: ReactiveControllerHost, options: VisibleTilesControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  /** Every update may have turned the page, changed the layout or the sizes. */
  hostUpdated(): void {
    if (this.pending) return;
    this.pending = true;
    // Measure once the updates queued in this task have rendered, not once per update.
    queueMicrotask(async () => {
      await this.host.updateComplete;
      this.pending = false;
      if (this.connected) this.report();
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    // A move within the document reconnects in the same task: keep the video flowing then.
    queueMicrotask(() => {
      if (this.connected) return;
      this.send([]);
      this.reportedTo = undefined;
      this.reported = undefined;
    });
  }

  private report(): void {
    const tiles = this.options.measure();
    if (tiles === undefined) return;
    const client = this.options.client();
    if (client !== this.reportedTo) {
      // A new client (or none): the old one displays nothing of ours any more.
      this.send([]);
      this.reportedTo = client;
      this.reported = undefined;
    }
    this.send(tiles);
  }

  /** Reports to the current client, unless it already has exactly these tiles. */
  private send(tiles: VisibleTile[]): void {
    if (!this.reportedTo || sameTiles(this.reported, tiles)) return;
    this.reported = tiles;
    this.reportedTo.setVisibleTiles(tiles);
  }
}
