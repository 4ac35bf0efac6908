// <convene-grid>: the room's video tiles, paged to the space the grid has, with a shared screen
// on a stage above a filmstrip. Tells the room client which tiles are on screen and how large.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { RoomClientApi, VisibleTile } from '../../client/room-state.ts';
import {
  selectActiveSpeakerId,
  selectCameraPeers,
  selectScreenPeers,
} from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { ResizeController } from '../../controllers/resize-controller.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';
import { ConvenePageChangeEvent } from '../../events/convene-page-change.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import type { ConveneTile } from '../convene-tile/convene-tile.ts';
import styles from './convene-grid.styles.ts';
import { computeGridLayout } from './grid-layout.ts';
import type { GridLayout } from './grid-layout.ts';
import { tileKey } from './grid-tiles.ts';
import type { TileRef } from './grid-tiles.ts';
import { VisibleTilesController } from './visible-tiles-controller.ts';

/** Used when --convene-grid-min-tile-width is not set. */
const DEFAULT_MIN_TILE_WIDTH = 160;

/** Keys that turn the page while the grid has focus: the change in page number. */
const PAGE_KEYS: Record<string, number> = {
  PageDown: 1,
  ArrowRight: 1,
  PageUp: -1,
  ArrowLeft: -1,
};

interface Space {
  width: number;
  height: number;
  gap: number;
  minTileWidth: number;
}

/**
 * @summary The room's video tiles, paged to fit, with a shared screen on a stage.
 *
 * Shows a tile for the local peer and for every remote peer publishing a camera. When a remote
 * peer shares a screen, the screen fills the stage and the camera tiles move to a filmstrip.
 * Tiles that do not fit go to further pages: PageUp/PageDown and ArrowLeft/ArrowRight turn them
 * while the grid has focus, as do the Previous/Next buttons. Only the tiles on screen receive
 * video: the grid reports them to the room client (`setVisibleTiles`) with their size in device
 * pixels whenever the page, the layout or the size changes, and an empty list when removed.
 *
 * @event convene-page-change - The user turned the page. `detail: { page, pageCount }`.
 *
 * @csspart base - The focusable group holding stage, tiles and pagination.
 * @csspart stage - The shared screen's area (only while a screen is shared).
 * @csspart tiles - The tile area: the grid, or the filmstrip beside a stage.
 * @csspart tile - Each <convene-tile>; its own parts are exported as tile-name, tile-video,
 *   tile-placeholder, tile-reason, tile-microphone and tile-quality.
 * @csspart pagination - The bar with the page buttons and status (only with several pages).
 * @csspart page-button - Both page buttons; also previous-page and next-page.
 * @csspart page-status - "Page X of Y".
 *
 * @cssproperty --convene-grid-columns - Set by the grid on the tiles part: the columns laid out.
 * @cssproperty --convene-grid-rows - Set by the grid on the tiles part: the rows laid out.
 * @cssproperty --convene-grid-min-tile-width - The narrowest a tile gets before the grid pages
 *   (default 160px). Read when the grid is resized.
 * @cssproperty --convene-grid-gap - The space between tiles (default --convene-space-2).
 * @cssproperty --convene-grid-filmstrip-size - The filmstrip's share of the height beside a
 *   stage (default 22%).
 */
export class ConveneGrid extends LitElement {
  static override styles = [componentStyles, styles];
  // grid.focus() lands on the group that handles the page keys.
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  private readonly cameraPeers = new StoreController(this, {
    store: () => this.activeClient?.store,
    select: selectCameraPeers,
    equals: shallowEqual,
  });
  private readonly screenPeers = new StoreController(this, {
    store: () => this.activeClient?.store,
    select: selectScreenPeers,
    equals: shallowEqual,
  });
  private readonly activeSpeakerId = new StoreController(this, {
    store: () => this.activeClient?.store,
    select: selectActiveSpeakerId,
  });
  private readonly size = new ResizeController(this, { target: () => this.tilesElement });
  private readonly visibleTiles = new VisibleTilesController(this, {
    client: () => this.activeClient,
    measure: () => this.measureVisibleTiles(),
  });

  // Derived before each render from the properties and the store slices above.
  private space: Space | undefined;
  private spaceFor: object | undefined;
  private layout: GridLayout = { pageSize: 1, pageCount: 1, columns: 1, rows: 1 };
  private shownPage = 1;
  private stageTile: TileRef | undefined;
  private pageTiles: TileRef[] = [];

  @query('[part~="tiles"]') private readonly tilesElement!: HTMLElement | null;

  /** Tiles per page; when unset, as many as fit at --convene-grid-min-tile-width. */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /** The page shown, from 1; a page past the last shows the last. */
  @property({ type: Number }) page = 1;

  /** The accessible name of the grid. */
  @property() label = 'Participants';

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  /** How many pages the tiles take now. */
  get pageCount(): number {
    return this.layout.pageCount;
  }

  private get activeClient(): RoomClientApi | undefined {
    return this.client ?? this.roomClient.value;
  }

  protected override willUpdate(): void {
    const screens: TileRef[] = this.screenPeers.value.map((peer) => ({ peer, source: 'screen' }));
    const cameras: TileRef[] = this.cameraPeers.value.map((peer) => ({ peer, source: 'camera' }));
    this.stageTile = screens[0];
    const strip = [...screens.slice(1), ...cameras];
    const space = this.measureSpace();
    if (!space) {
      // Until the tile area is measured there is no page to show: render no tiles rather than
      // a guess that would create (and attach video to) tiles only to drop them a frame later.
      this.layout = { pageSize: 1, pageCount: 1, columns: 1, rows: 1 };
      this.pageTiles = [];
      return;
    }
    this.layout = computeGridLayout({
      ...space,
      count: strip.length,
      pageSize: this.pageSize,
      filmstrip: this.stageTile !== undefined,
    });
    this.shownPage = Math.min(Math.max(1, Math.floor(this.page) || 1), this.layout.pageCount);
    const first = (this.shownPage - 1) * this.layout.pageSize;
    this.pageTiles = strip.slice(first, first + this.layout.pageSize);
  }

  /** Visible tiles with their size in device pixels; undefined until the grid was measured. */
  private measureVisibleTiles(): VisibleTile[] | undefined {
    if (!this.size.value) return undefined;
    const scale = window.devicePixelRatio || 1;
    const tiles: VisibleTile[] = [];
    for (const tile of this.renderRoot.querySelectorAll<ConveneTile>('convene-tile')) {
      if (!tile.peer || tile.peer.isLocal) continue;
      const box = tile.getBoundingClientRect();
      if (box.width <= 0 || box.height <= 0) continue;
      tiles.push({
        peerId: tile.peer.id,
        source: tile.source,
        width: Math.round(box.width * scale),
        height: Math.round(box.height * scale),
      });
    }
    return tiles;
  }

  /** The tile area's size with the CSS that sizes tiles, read again only after a resize. */
  private measureSpace(): Space | undefined {
    const size = this.size.value;
    if (!size || !this.tilesElement) return undefined;
    if (this.spaceFor !== size) {
      const style = getComputedStyle(this.tilesElement);
      const minTileWidth = parseFloat(style.getPropertyValue('--convene-grid-min-tile-width'));
      this.space = {
        ...size,
        gap: parseFloat(style.columnGap) || 0,
        minTileWidth: minTileWidth > 0 ? minTileWidth : DEFAULT_MIN_TILE_WIDTH,
      };
      this.spaceFor = size;
    }
    return this.space;
  }

  private turnTo(page: number): void {
    const next = Math.min(Math.max(1, page), this.layout.pageCount);
    if (next === this.shownPage) return;
    this.page = next;
    this.dispatchEvent(new ConvenePageChangeEvent({ page: next, pageCount: this.pageCount }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const step = PAGE_KEYS[event.key];
    if (step === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.turnTo(this.shownPage + step);
  }

  private renderTile(tile: TileRef) {
    return html`<convene-tile
      part="tile"
      exportparts="name: tile-name, video: tile-video, placeholder: tile-placeholder, reason: tile-reason, microphone: tile-microphone, quality: tile-quality"
      .peer=${tile.peer}
      .client=${this.activeClient}
      source=${tile.source}
      ?speaking=${tile.source === 'camera' && tile.peer.id === this.activeSpeakerId.value}
    ></convene-tile>`;
  }

  private renderPagination() {
    const { pageCount } = this.layout;
    if (pageCount <= 1) return nothing;
    const page = this.shownPage;
    // aria-disabled rather than disabled: a button that disables itself under the focus would
    // drop the focus to the page's body.
    return html`<div part="pagination" class="pagination">
      <button
        part="page-button previous-page"
        type="button"
        aria-label="Previous page"
        aria-disabled=${page <= 1 ? 'true' : 'false'}
        @click=${() => this.turnTo(page - 1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <span part="page-status" class="page-status" role="status">Page ${page} of ${pageCount}</span>
      <button
        part="page-button next-page"
        type="button"
        aria-label="Next page"
        aria-disabled=${page >= pageCount ? 'true' : 'false'}
        @click=${() => this.turnTo(page + 1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>`;
  }

  override render() {
    const { columns, rows } = this.layout;
    const stage = this.stageTile;
    return html`
      <div
        part="base"
        class="base ${stage ? 'with-stage' : ''}"
        role="group"
        aria-label=${this.label}
        aria-keyshortcuts="PageUp PageDown ArrowLeft ArrowRight"
        tabindex="0"
        @keydown=${this.onKeyDown}
      >
        ${stage ? html`<div part="stage" class="stage">${this.renderTile(stage)}</div>` : nothing}
        <div
          part="tiles"
          class="tiles"
          style=${styleMap({
            '--convene-grid-columns': String(columns),
            '--convene-grid-rows': String(rows),
          })}
        >
          ${repeat(this.pageTiles, tileKey, (tile) => this.renderTile(tile))}
        </div>
        ${this.renderPagination()}
      </div>
    `;
  }
}
