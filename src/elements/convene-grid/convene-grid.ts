// <convene-grid>: the room's video tiles, paged to the space the grid has, with a shared screen,
// a pinned peer or the active speaker on a stage above a filmstrip. Tells the room client which
// tiles are on screen and how large.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { RoomClientApi, VisibleTile } from '../../client/room-state.ts';
import {
  selectActiveSpeakerId,
  selectCameraPeers,
  selectScreenPeers,
} from '../../client/room-store.ts';
import type { RoomState } from '../../client/room-state.ts';
import { roomClientContext } from '../../context.ts';
import { ResizeController } from '../../controllers/resize-controller.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';
import { ConvenePageChangeEvent } from '../../events/convene-page-change.ts';
import type { ConvenePinChangeEvent } from '../../events/convene-pin-change.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { isRightToLeft, pageStep } from '../convene-pagination/convene-pagination.ts';
import type { ConveneTile } from '../convene-tile/convene-tile.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-grid.styles.ts';
import { computeGridLayout } from './grid-layout.ts';
import type { GridLayout } from './grid-layout.ts';
import { planStage } from './grid-stage.ts';
import type { GridLayoutMode } from './grid-stage.ts';
import { TileSlots } from './grid-tiles.ts';
import type { TileRef } from './grid-tiles.ts';
import { VisibleTilesController } from './visible-tiles-controller.ts';
import { STRINGS } from './strings.ts';

/** Used when --convene-grid-min-tile-width is not set. */
const DEFAULT_MIN_TILE_WIDTH = 160;

/** A swipe is a touch or pen move further than this sideways, in CSS pixels... */
const SWIPE_DISTANCE = 48;
/** ...and more than this many times as far sideways as up or down. */
const SWIPE_SLOPE = 2;

/** The tile's parts, exported from the grid with a tile- prefix. */
const TILE_PARTS = [
  'name',
  'video',
  'placeholder',
  'reason',
  'microphone',
  'quality',
  'role',
  'hand',
  'pin',
  'pinned',
  'peer-reconnecting',
]
  .map((name) => `${name}: tile-${name}`)
  .join(', ');

const PAGINATION_PARTS = 'page-button, previous-page, next-page, page-status';

const selectPeerOrder = (state: RoomState) => state.peerOrder;

interface Space {
  width: number;
  height: number;
  gap: number;
  minTileWidth: number;
}

/**
 * @summary The room's video tiles, paged to fit, with a shared screen, a pinned peer or the
 * active speaker on a stage.
 *
 * Shows a tile for the local peer and for every remote peer publishing a camera. In the `grid`
 * layout the tiles share the space; in `spotlight` the active speaker fills the stage and the
 * others move to a filmstrip. A pinned peer (the tile's Pin toggle, or the `pinned` property)
 * takes the stage in either layout; when a remote peer shares a screen, the screen keeps the
 * stage and the pinned peer leads the filmstrip. Tiles that do not fit go to further pages:
 * PageUp/PageDown and ArrowLeft/ArrowRight turn them while the grid has focus (the arrows swap in
 * a right-to-left page), as do the Previous/Next buttons and a sideways swipe on touch screens.
 * Only the tiles on screen receive video: the grid reports them to the room client
 * (`setVisibleTiles`) with their size in device pixels whenever the page, the layout or the size
 * changes, and an empty list when removed.
 *
 * @event convene-page-change - The user turned the page. `detail: { page, pageCount }`.
 * @event convene-pin-change - The user pinned or unpinned a peer (from a tile, bubbling through
 *   the grid). `detail: { peerId, pinned }`.
 *
 * @csspart base - The focusable group holding stage, tiles and pagination.
 * @csspart stage - The stage: a shared screen, the pinned peer or the spotlighted speaker.
 * @csspart tiles - The tile area: the grid, or the filmstrip beside a stage.
 * @csspart tile - Each <convene-tile>; its own parts are exported with a tile- prefix:
 * @csspart tile-name - The tile's name.
 * @csspart tile-video - The tile's <video>.
 * @csspart tile-placeholder - The tile's placeholder (no video).
 * @csspart tile-reason - Why the tile has no video.
 * @csspart tile-microphone - The tile's muted-microphone indicator.
 * @csspart tile-quality - The tile's connection quality bars.
 * @csspart tile-role - The tile's role badge.
 * @csspart tile-hand - The tile's raised hand.
 * @csspart tile-pin - The tile's Pin toggle.
 * @csspart tile-pinned - The tile's pinned mark.
 * @csspart tile-peer-reconnecting - The tile's "Reconnecting…" over the last frame.
 * @csspart pagination - The <convene-pagination> bar (only with several pages).
 * @csspart page-button - Both page buttons.
 * @csspart previous-page - The Previous page button.
 * @csspart next-page - The Next page button.
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
  private readonly peerOrder = new StoreController(this, {
    store: () => this.activeClient?.store,
    select: selectPeerOrder,
  });
  readonly #t = new LocalizeController(this, STRINGS);
  private readonly size = new ResizeController(this, { target: () => this.tilesElement });
  private readonly visibleTiles = new VisibleTilesController(this, {
    client: () => this.activeClient,
    measure: () => this.measureVisibleTiles(),
  });

  // Derived before each render from the properties and the store slices above.
  private space: Space | undefined;
  private spaceFor: object | undefined;
  private arranged: GridLayout = { pageSize: 1, pageCount: 1, columns: 1, rows: 1 };
  private shownPage = 1;
  private stageTile: TileRef | undefined;
  private pageTiles: TileRef[] = [];
  private readonly slots = new TileSlots();
  /** The last active speaker, kept on the spotlight's stage while nobody speaks. */
  private lastSpeakerId: string | null = null;
  /** The pinned peer once seen in the room: only a peer who was there can leave it. */
  private pinnedSeen: string | null = null;
  private swipe: { pointerId: number; x: number; y: number } | undefined;

  @query('[part~="tiles"]') private readonly tilesElement!: HTMLElement | null;

  /** Tiles per page; when unset, as many as fit at --convene-grid-min-tile-width. */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;

  /** The page shown, from 1; a page past the last shows the last. */
  @property({ type: Number }) page = 1;

  /** The accessible name of the grid; "Participants" in the grid's language when unset. */
  @property() label?: string;

  /** `grid` shares the space between the tiles; `spotlight` puts the active speaker on a stage. */
  @property({ reflect: true }) layout: GridLayoutMode = 'grid';

  /** The id of the peer pinned to the stage, or null. A pinned peer who leaves is unpinned. */
  @property({ reflect: true }) pinned: string | null = null;

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  /** How many pages the tiles take now. */
  get pageCount(): number {
    return this.arranged.pageCount;
  }

  private get activeClient(): RoomClientApi | undefined {
    return this.client ?? this.roomClient.value;
  }

  protected override willUpdate(): void {
    this.forgetPinnedPeerWhoLeft();
    const speakerId = this.activeSpeakerId.value;
    if (speakerId) this.lastSpeakerId = speakerId;
    const { stage, strip } = planStage({
      cameraPeers: this.cameraPeers.value,
      screenPeers: this.screenPeers.value,
      layout: this.layout,
      pinned: this.pinned,
      speakerId: speakerId ?? this.lastSpeakerId,
    });
    this.stageTile = stage;
    const space = this.measureSpace();
    if (!space) {
      // Until the tile area is measured there is no page to show: render no tiles rather than
      // a guess that would create (and attach video to) tiles only to drop them a frame later.
      this.arranged = { pageSize: 1, pageCount: 1, columns: 1, rows: 1 };
      this.pageTiles = [];
      return;
    }
    this.arranged = computeGridLayout({
      ...space,
      count: strip.length,
      pageSize: this.pageSize,
      filmstrip: this.stageTile !== undefined,
    });
    this.shownPage = Math.min(Math.max(1, Math.floor(this.page) || 1), this.arranged.pageCount);
    const first = (this.shownPage - 1) * this.arranged.pageSize;
    this.pageTiles = strip.slice(first, first + this.arranged.pageSize);
  }

  private forgetPinnedPeerWhoLeft(): void {
    const pinned = this.pinned;
    if (pinned === null) {
      this.pinnedSeen = null;
      return;
    }
    const here = this.peerOrder.value?.includes(pinned) ?? false;
    if (here) this.pinnedSeen = pinned;
    else if (this.pinnedSeen === pinned) {
      // Set in willUpdate: this render already shows the peer gone and the pin undone.
      this.pinned = null;
      this.pinnedSeen = null;
    }
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
    const next = Math.min(Math.max(1, page), this.arranged.pageCount);
    if (next === this.shownPage) return;
    this.page = next;
    this.dispatchEvent(new ConvenePageChangeEvent({ page: next, pageCount: this.pageCount }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    // The pagination handles its own keys (and marks them so).
    if (event.defaultPrevented) return;
    const step = pageStep(event, isRightToLeft(this));
    if (step === undefined) return;
    event.preventDefault();
    this.turnTo(this.shownPage + step);
  }

  private onPaginationChange(event: ConvenePageChangeEvent): void {
    // The pagination turned itself; its event goes on to the page, through the grid.
    this.page = event.detail.page;
  }

  private onPinChange(event: ConvenePinChangeEvent): void {
    const { peerId, pinned } = event.detail;
    if (pinned) this.pinned = peerId;
    else if (this.pinned === peerId) this.pinned = null;
  }

  private onPointerDown(event: PointerEvent): void {
    if (!event.isPrimary || (event.pointerType !== 'touch' && event.pointerType !== 'pen')) return;
    this.swipe = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
  }

  private onPointerUp(event: PointerEvent): void {
    const start = this.swipe;
    if (!start || start.pointerId !== event.pointerId) return;
    this.swipe = undefined;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (Math.abs(dx) <= SWIPE_DISTANCE || Math.abs(dx) <= SWIPE_SLOPE * Math.abs(dy)) return;
    // Content follows the finger: a swipe towards the start brings the next page in.
    const towardsStart = isRightToLeft(this) ? dx > 0 : dx < 0;
    this.turnTo(this.shownPage + (towardsStart ? 1 : -1));
  }

  private onPointerCancel(): void {
    this.swipe = undefined;
  }

  private renderPageTiles() {
    const keys = this.slots.keys(this.pageTiles);
    return repeat(
      this.pageTiles,
      (_, index) => keys[index],
      (tile) => this.renderTile(tile),
    );
  }

  private renderTile(tile: TileRef) {
    return html`<convene-tile
      part="tile"
      exportparts=${TILE_PARTS}
      .peer=${tile.peer}
      .client=${this.activeClient}
      source=${tile.source}
      ?speaking=${tile.source === 'camera' && tile.peer.id === this.activeSpeakerId.value}
      .pinned=${live(tile.source === 'camera' && tile.peer.id === this.pinned)}
    ></convene-tile>`;
  }

  private renderPagination() {
    const { pageCount } = this.arranged;
    if (pageCount <= 1) return nothing;
    return html`<convene-pagination
      part="pagination"
      exportparts=${PAGINATION_PARTS}
      .page=${this.shownPage}
      .pageCount=${pageCount}
      @convene-page-change=${this.onPaginationChange}
    ></convene-pagination>`;
  }

  override render() {
    const { columns, rows } = this.arranged;
    const stage = this.stageTile;
    return html`
      <div
        part="base"
        class="base ${stage ? 'with-stage' : ''}"
        role="group"
        aria-label=${this.label ?? this.#t.t('label')}
        aria-keyshortcuts="PageUp PageDown ArrowLeft ArrowRight"
        tabindex="0"
        @keydown=${this.onKeyDown}
        @convene-pin-change=${this.onPinChange}
      >
        ${
          stage
            ? html`<div
                part="stage"
                class="stage"
                @pointerdown=${this.onPointerDown}
                @pointerup=${this.onPointerUp}
                @pointercancel=${this.onPointerCancel}
              >
                ${this.renderTile(stage)}
              </div>`
            : nothing
        }
        <div
          part="tiles"
          class="tiles"
          style=${styleMap({
            '--convene-grid-columns': String(columns),
            '--convene-grid-rows': String(rows),
          })}
          @pointerdown=${this.onPointerDown}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerCancel}
        >
          ${this.renderPageTiles()}
        </div>
        ${this.renderPagination()}
      </div>
    `;
  }
}
