// <convene-hls-player>: a room's live stream for those who watch it. hls.js (its light build:
// fMP4, ABR, ID3 and DATERANGE, nothing we do not use) is loaded by this element only, when it
// first has a source; Safari plays HLS natively. Tuned for the server's one-second segments: it
// holds about a second behind the edge and catches up by playing faster. Removed from the
// document it stops whatever it was doing, a load under way too; put back, it loads again.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type HlsType from 'hls.js/light';
import { ConveneHlsStateEvent } from '../../events/convene-hls-state.ts';
import type { HlsPlayerState } from '../../events/convene-hls-state.ts';
import { ConveneTimedMetadataEvent } from '../../events/convene-timed-metadata.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-hls-player.styles.ts';
import { STRINGS } from './strings.ts';

export type { HlsPlayerState };

/** Behind the live edge by more than this, the player says so and offers to go live. */
const BEHIND_SECONDS = 3;

export const LOW_LATENCY_CONFIG = {
  lowLatencyMode: true,
  liveSyncDuration: 1,
  // hls.js speeds up to catch the target only from within one target duration of it (1 s
  // segments: up to 2 s late) and jumps to it only past this: at 4, a player that fell 2-4 s
  // behind after a stall stayed there for good (bench hls-latency: 3.1 s for a whole minute).
  liveMaxLatencyDuration: 2.5,
  maxLiveSyncPlaybackRate: 1.5,
  // hls.js moves its target a segment further back after any stall and never returns: 0.5-0.7 s
  // of latency for good after one start-up stall (bench hls-latency).
  liveSyncOnStallIncrease: 0,
  backBufferLength: 30,
} as const;

/**
 * @summary Plays a live HLS stream, close to the live edge.
 *
 * Starts muted (browsers allow only that without a tap) with a "Tap to unmute" button; shows
 * Live at the edge and, behind it, how far and a Go to live button; a quality menu (Auto and
 * each rendition); "Waiting for the stream…" while it stalls; the error with Retry; and that
 * the stream ended.
 *
 * @csspart video - The video.
 * @csspart controls - The bar with live, latency, quality and unmute.
 *
 * @event convene-hls-state - The player's state changed. `detail: { state }`.
 * @event convene-timed-metadata - Playback reached timed metadata sent to the stream.
 *   `detail: { id, payload, startDate, duration }`.
 */
export class ConveneHlsPlayer extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);

  /** The master playlist's URL. */
  @property() src = '';

  /** Sound off: at first, as browsers autoplay only muted video; Unmute clears it. */
  @property({ type: Boolean, reflect: true }) muted = true;

  @state() private playerState: HlsPlayerState = 'idle';
  @state() private errorText = '';
  @state() private latency: number | undefined;
  @state() private levels: { index: number; height: number }[] = [];
  @state() private level = -1;

  @query('video') private video!: HTMLVideoElement;

  #hls: HlsType | undefined;
  /**
   * The load under way, aborted by the next one, by removal and by #destroy: its awaits (the
   * render, the import of hls.js) can outlast the element's time in the document, and what
   * comes after them must then not create a player nor touch the video.
   */
  #loading: AbortController | undefined;
  /** The video plays the source itself (Safari's own HLS), so #destroy must empty it. */
  #nativeSource = false;
  /** Timed metadata seen in playlists, by id, not yet reached by playback. */
  readonly #pendingMetadata = new Map<
    string,
    { startDate: Date; duration: number; payload: string }
  >();
  readonly #firedMetadata = new Set<string>();
  #ticker: ReturnType<typeof setInterval> | undefined;

  get state(): HlsPlayerState {
    return this.playerState;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in a document after a removal, which stopped everything: start again. The first
    // connection loads from updated(), once `src` has rendered.
    if (this.hasUpdated && this.src) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#destroy();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('src')) void this.#load();
    if (changed.has('muted') && this.video) this.video.muted = this.muted;
  }

  #setState(next: HlsPlayerState): void {
    if (this.playerState === next) return;
    this.playerState = next;
    this.dispatchEvent(new ConveneHlsStateEvent({ state: next }));
  }

  #destroy(): void {
    this.#loading?.abort();
    this.#loading = undefined;
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    // hls.js detaches the video itself (it empties its src) as it is destroyed.
    this.#hls?.destroy();
    this.#hls = undefined;
    if (this.#nativeSource) {
      this.#nativeSource = false;
      // Without load() a video whose src is removed goes on fetching the stream.
      this.video?.removeAttribute('src');
      this.video?.load();
    }
  }

  async #load(): Promise<void> {
    this.#destroy();
    this.errorText = '';
    this.levels = [];
    this.#ended = false;
    if (!this.src) return this.#setState('idle');
    // Not in a document (a src set on a removed player): connectedCallback loads it when it is.
    if (!this.isConnected) return;
    const loading = new AbortController();
    this.#loading = loading;
    this.#setState('loading');
    await this.updateComplete;
    if (loading.signal.aborted) return;
    const video = this.video;
    video.muted = this.muted;
    let Hls: typeof HlsType;
    try {
      ({ default: Hls } = await import('hls.js/light'));
    } catch (error) {
      if (loading.signal.aborted) return;
      this.errorText = this.#t.t('error', { message: (error as Error).message });
      return this.#setState('error');
    }
    // Removed, or given another source, while hls.js was being fetched: this load is over.
    if (loading.signal.aborted) return;
    if (!Hls.isSupported()) {
      if (video.canPlayType('application/vnd.apple.mpegurl')) {
        this.#nativeSource = true;
        video.src = this.src;
        void video.play().catch(() => undefined);
        return;
      }
      this.errorText = this.#t.t('unsupported');
      return this.#setState('error');
    }
    const hls = new Hls(LOW_LATENCY_CONFIG);
    this.#hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
      // Best first, whatever order hls.js keeps them in (it sorts by bitrate).
      this.levels = data.levels
        .map((level, index) => ({ index, height: level.height }))
        .sort((a, b) => b.height - a.height);
      void video.play().catch(() => undefined);
    });
    hls.on(Hls.Events.LEVEL_UPDATED, (_event, { details }) => {
      for (const range of Object.values(details.dateRanges)) if (range) this.#noteMetadata(range);
      // A live playlist that gains ENDLIST is over: hls.js reports it as no longer live.
      if (!details.live) this.#ended = true;
    });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      this.errorText = this.#t.t('error', { message: data.details });
      this.#setState('error');
      this.#destroy();
    });
    // The ticker before attaching: a removal as the video is attached (its disconnect runs
    // #destroy at once) must find it to clear.
    this.#ticker = setInterval(() => this.#tick(), 250);
    hls.loadSource(this.src);
    hls.attachMedia(video);
  }

  #ended = false;

  #noteMetadata(range: {
    id: string;
    startDate: Date;
    duration: number | null;
    attr: Record<string, unknown>;
  }) {
    if (this.#firedMetadata.has(range.id) || this.#pendingMetadata.has(range.id)) return;
    const raw = range.attr['X-CONVENE-PAYLOAD'];
    if (typeof raw !== 'string') return;
    let payload = raw;
    try {
      payload = decodeURIComponent(raw);
    } catch {
      // Not ours, or not encoded: passed on as it is.
    }
    this.#pendingMetadata.set(range.id, {
      startDate: range.startDate,
      duration: range.duration ?? 0,
      payload,
    });
  }

  /** Latency, level, state and metadata, read from the player four times a second. */
  #tick(): void {
    const hls = this.#hls;
    const video = this.video;
    if (!hls || !video) return;
    this.latency = Number.isFinite(hls.latency) ? hls.latency : undefined;
    this.level = hls.autoLevelEnabled ? -1 : hls.currentLevel;
    const playing = !video.paused && video.readyState >= 3;
    if (this.#ended && video.ended) this.#setState('ended');
    else if (playing) this.#setState('playing');
    else if (this.playerState === 'playing') this.#setState('stalled');
    const now = hls.playingDate;
    if (!now) return;
    for (const [id, item] of this.#pendingMetadata) {
      if (item.startDate.getTime() > now.getTime()) continue;
      this.#pendingMetadata.delete(id);
      this.#firedMetadata.add(id);
      this.dispatchEvent(
        new ConveneTimedMetadataEvent({
          id,
          payload: item.payload,
          startDate: item.startDate.toISOString(),
          duration: item.duration,
        }),
      );
    }
  }

  #onWaiting = () => {
    if (this.playerState === 'playing') this.#setState('stalled');
  };

  #unmute = () => {
    this.muted = false;
    this.video.muted = false;
    void this.video.play().catch(() => undefined);
  };

  #goLive = () => {
    const edge = this.#hls?.liveSyncPosition;
    if (edge != null) this.video.currentTime = edge;
    void this.video.play().catch(() => undefined);
  };

  #chooseLevel = (event: Event) => {
    const index = Number((event.target as HTMLSelectElement).value);
    if (this.#hls) this.#hls.currentLevel = index;
    this.level = index;
  };

  #retry = () => void this.#load();

  #renderBar() {
    const behind = this.latency !== undefined && this.latency > BEHIND_SECONDS;
    return html`<div part="controls" class="controls">
      ${
        behind
          ? html`<button class="go-live" @click=${this.#goLive}>${this.#t.t('goLive')}</button>
              <span class="latency"
                >${this.#t.t('behind', { seconds: this.latency!.toFixed(1) })}</span
              >`
          : html`<span class="live" ?data-live=${this.playerState === 'playing'}
                >${this.#t.t('live')}</span
              >
              ${
                this.latency !== undefined
                  ? html`<span class="latency">${this.latency.toFixed(1)} s</span>`
                  : nothing
              }`
      }
      <span class="spacer"></span>
      ${
        this.levels.length > 1
          ? html`<label class="quality"
              >${this.#t.t('quality')}
              <select .value=${String(this.level)} @change=${this.#chooseLevel}>
                <option value="-1">${this.#t.t('auto')}</option>
                ${this.levels.map(
                  (level) => html`<option value=${level.index}>${level.height}p</option>`,
                )}
              </select></label
            >`
          : nothing
      }
      ${
        this.muted
          ? html`<button class="unmute" @click=${this.#unmute}>${this.#t.t('unmute')}</button>`
          : nothing
      }
    </div>`;
  }

  #renderOverlay() {
    switch (this.playerState) {
      case 'loading':
        return html`<p class="overlay" role="status">${this.#t.t('loading')}</p>`;
      case 'stalled':
        return html`<p class="overlay" role="status">
          <span class="spinner"></span>${this.#t.t('stalled')}
        </p>`;
      case 'ended':
        return html`<p class="overlay" role="status">${this.#t.t('ended')}</p>`;
      case 'error':
        return html`<div class="overlay" role="alert">
          <p>${this.errorText}</p>
          <button class="retry" @click=${this.#retry}>${this.#t.t('retry')}</button>
        </div>`;
      default:
        return nothing;
    }
  }

  override render() {
    // `muted` in the markup too: axe (and any reader of the DOM) then knows the autoplaying video
    // is silent, instead of waiting for media it may never get to tell.
    return html`<section class="player" aria-label=${this.#t.t('label')}>
      <video
        part="video"
        playsinline
        autoplay
        ?muted=${this.muted}
        @waiting=${this.#onWaiting}
      ></video>
      ${this.#renderOverlay()} ${this.src ? this.#renderBar() : nothing}
    </section>`;
  }
}
