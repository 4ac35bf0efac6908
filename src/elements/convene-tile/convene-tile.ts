// <convene-tile>: one peer's camera or shared screen, with its name, role, raised hand, microphone
// state, speaking ring, connection quality, a Pin toggle, and when there is no picture, why.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, svg } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { Hand, Pin } from 'lucide';
import type { PeerState, RoomClientApi } from '../../client/room-state.ts';
import { selectReconnecting } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { MediaAttachmentController } from '../../controllers/media-attachment-controller.ts';
import { StoreController } from '../../controllers/store-controller.ts';
import { ConvenePinChangeEvent } from '../../events/convene-pin-change.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { qualityBarStyles, qualityBars } from '../connection-quality.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-tile.styles.ts';
import { STRINGS } from './strings.ts';
import type { TileStringKey } from './strings.ts';

export type TileSource = 'camera' | 'screen';

/**
 * What the tile shows: `playing` (the video), or why there is no video: `camera-off` (muted or
 * not published), `off-page` (the server is not forwarding it to us), `reconnecting` (our
 * connection is being restored), `connecting` (the track is being set up), `none` (no peer).
 */
export type TileVideoState =
  'playing' | 'camera-off' | 'off-page' | 'reconnecting' | 'connecting' | 'none';

/** The string key of what a person reads on a tile without video. */
function reasonKey(state: TileVideoState, source: TileSource): TileStringKey | undefined {
  switch (state) {
    case 'camera-off':
      return source === 'screen' ? 'screenPaused' : 'cameraOff';
    case 'off-page':
      return 'videoPaused';
    case 'reconnecting':
      return 'reconnecting';
    case 'connecting':
      return 'connecting';
    default:
      return undefined;
  }
}

/** The tile's video state from the peer's track of `source` and the room's connection. */
export function tileVideoState(
  peer: PeerState | undefined,
  source: TileSource,
  reconnecting: boolean,
): TileVideoState {
  if (!peer) return 'none';
  const track = peer.tracks[source];
  // A remote picture freezes while we reconnect; our own camera keeps playing locally.
  if (reconnecting && !peer.isLocal) return 'reconnecting';
  if (!track || track.muted) return 'camera-off';
  if (!peer.isLocal && track.receiving === false) return 'off-page';
  if (!track.track || track.track.readyState === 'ended') return 'connecting';
  return 'playing';
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...(word as string)][0]?.toUpperCase() ?? '').join('');
}

const microphoneOffIcon = svg`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M19 11h-1.7c0 .74-.16 1.43-.43 2.05l1.23 1.23c.56-.98.9-2.09.9-3.28zm-4.02.17c0-.06.02-.11.02-.17V5c0-1.66-1.34-3-3-3S9 3.34 9 5v.18l5.98 5.99zM4.27 3 3 4.27l6.01 6.01V11c0 1.66 1.33 3 2.99 3 .22 0 .44-.03.65-.08l1.66 1.66c-.71.33-1.5.52-2.31.52-2.76 0-5.3-2.1-5.3-5.1H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c.91-.13 1.77-.45 2.54-.9L19.73 21 21 19.73 4.27 3z"/></svg>`;

/**
 * @summary One peer's camera or shared screen, or the reason it shows no video.
 *
 * @csspart base - The tile: a labelled group.
 * @csspart video - The <video> element.
 * @csspart placeholder - Shown instead of the video: avatar and reason.
 * @csspart avatar - The peer's initials.
 * @csspart reason - Why there is no video ("Camera off", "Video paused", "Reconnecting…").
 * @csspart label - The bar holding the name and indicators.
 * @csspart name - The peer's name.
 * @csspart microphone - The muted-microphone indicator.
 * @csspart quality - The connection quality indicator (five bars).
 * @csspart role - The peer's role name, a badge in the label bar.
 * @csspart hand - The raised hand: an icon and the words "Hand raised".
 * @csspart pinned - The pin shown in the label bar while the tile is pinned.
 * @csspart pin - The Pin toggle button (camera tiles; shown on hover, focus and touch screens).
 * @csspart peer-reconnecting - "Reconnecting…" over the last frame while the peer's own
 *   connection is being restored.
 * @csspart icon - Every icon (hand, pin).
 *
 * @event convene-pin-change - The user pressed the Pin toggle. `detail: { peerId, pinned }`.
 *
 * @cssproperty --convene-color-tile - The tile's background.
 * @cssproperty --convene-color-speaking - The speaking ring.
 * @cssproperty --convene-radius-tile - The tile's corner radius.
 *
 * Reflects `speaking`, `pinned` and `source`; sets `video-state` (a TileVideoState) and
 * `peer-reconnecting` (while the peer's connection is being restored) for CSS.
 */
export class ConveneTile extends LitElement {
  static override styles = [componentStyles, qualityBarStyles, styles];

  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  private readonly reconnecting = new StoreController(this, {
    store: () => (this.client ?? this.roomClient.value)?.store,
    select: selectReconnecting,
  });
  private readonly media = new MediaAttachmentController(this);
  readonly #t = new LocalizeController(this, STRINGS);

  @query('video') private readonly video!: HTMLVideoElement | null;

  /** The peer shown, a snapshot from the room store. */
  @property({ attribute: false }) peer?: PeerState;

  /** Which of the peer's videos: its camera or its shared screen. */
  @property({ reflect: true }) source: TileSource = 'camera';

  /** Marks the active speaker with a ring. */
  @property({ type: Boolean, reflect: true }) speaking = false;

  /** Shows the tile as pinned (a pin in the label bar, the Pin toggle pressed). */
  @property({ type: Boolean, reflect: true }) pinned = false;

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  /** What the tile shows now: the video or why not. */
  get videoState(): TileVideoState {
    return tileVideoState(this.peer, this.source, this.reconnecting.value);
  }

  /** The remote peer's own connection dropped; its last frame stays under "Reconnecting…". */
  get peerReconnecting(): boolean {
    return this.peer?.reconnecting === true && !this.peer.isLocal;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const state = this.videoState;
    this.setAttribute('video-state', state);
    this.toggleAttribute('peer-reconnecting', this.peerReconnecting);
    // The track stays attached while muted or paused so the picture resumes without a gap;
    // a track that is gone is released, and so is the video of a tile left without a peer.
    const track = this.peer?.tracks[this.source]?.track ?? null;
    this.media.sync(this.video ? [[this.video, track]] : []);
  }

  private togglePin(): void {
    if (!this.peer) return;
    this.pinned = !this.pinned;
    this.dispatchEvent(new ConvenePinChangeEvent({ peerId: this.peer.id, pinned: this.pinned }));
  }

  private renderPinToggle() {
    if (this.source !== 'camera') return nothing;
    return html`<button
      part="pin"
      class="pin"
      type="button"
      aria-label=${this.#t.t('pin')}
      aria-pressed=${this.pinned ? 'true' : 'false'}
      @click=${this.togglePin}
    >
      ${icon(Pin)}
    </button>`;
  }

  override render() {
    const peer = this.peer;
    if (!peer) {
      return html`<div
        part="base"
        class="tile"
        role="group"
        aria-label=${this.#t.t('emptyTile')}
      ></div>`;
    }
    const state = this.videoState;
    const label =
      this.source === 'screen'
        ? this.#t.t('screenOf', { name: peer.name })
        : peer.isLocal
          ? this.#t.t('you', { name: peer.name })
          : peer.name;
    const reason = reasonKey(state, this.source);
    const microphone = peer.tracks.microphone;
    const micMuted = this.source === 'camera' && (!microphone || microphone.muted);
    const quality = peer.connectionQuality;
    return html`
      <div part="base" class="tile" role="group" aria-label=${label}>
        <video
          part="video"
          class=${peer.isLocal && this.source === 'camera' ? 'mirrored' : ''}
          autoplay
          playsinline
          .muted=${true}
          ?hidden=${state !== 'playing'}
        ></video>
        ${
          state === 'playing'
            ? nothing
            : html`<div part="placeholder" class="placeholder">
                <span part="avatar" class="avatar" aria-hidden="true">${initials(peer.name)}</span>
                <span part="reason" class="reason">${reason ? this.#t.t(reason) : ''}</span>
              </div>`
        }
        ${
          // While our own connection is restored the placeholder already says so.
          this.peerReconnecting && state !== 'reconnecting'
            ? html`<div part="peer-reconnecting" class="peer-reconnecting">
                ${this.#t.t('reconnecting')}
              </div>`
            : nothing
        }
        ${
          this.source === 'camera' && peer.handRaised
            ? html`<span part="hand" class="hand">${icon(Hand)}${this.#t.t('handRaised')}</span>`
            : nothing
        }
        ${this.renderPinToggle()}
        <div part="label" class="label">
          ${
            this.pinned
              ? html`<span part="pinned" class="pinned" role="img" aria-label=${this.#t.t('pinned')}
                  >${icon(Pin)}</span
                >`
              : nothing
          }
          <span part="name" class="name">${label}</span>
          ${
            this.source === 'camera' && peer.role
              ? html`<span part="role" class="role">${peer.role}</span>`
              : nothing
          }
          ${
            micMuted
              ? html`<span
                  part="microphone"
                  class="microphone"
                  role="img"
                  aria-label=${this.#t.t('microphoneMuted')}
                  >${microphoneOffIcon}</span
                >`
              : nothing
          }
          ${
            quality === undefined
              ? nothing
              : qualityBars(quality, this.#t.t('quality', { level: quality }))
          }
        </div>
      </div>
    `;
  }
}
