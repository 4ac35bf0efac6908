// <convene-stream-view>: the room's live stream for a peer whose role only watches (it publishes
// nothing and receives no one, like 100ms's hls-viewer): the player while the stream runs, and
// what is going on while it does not. For everyone else it shows nothing, so a page can always
// put it over the grid. The player's code loads only for a peer who watches.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { RoomState } from '../../client/room-state.ts';
import { selectRole, selectStreaming } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController } from '../../controllers/store-controller.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { STRINGS } from './strings.ts';

/** A role that publishes nothing and receives no one has only the stream to watch. */
export function watchesTheStream(role: RoomState['role']): boolean {
  return (
    !!role &&
    role.publishParams.allowed.length === 0 &&
    role.subscribeParams.subscribeToRoles.length === 0
  );
}

/**
 * @summary The live stream, for a role that only watches it.
 *
 * Inside `<convene-room>`. Sets the `watching` attribute while it shows something, so a page
 * can hide what is under it.
 *
 * @csspart player - The `<convene-hls-player>`.
 * @csspart message - What is shown while the stream is not running.
 */
export class ConveneStreamView extends LitElement {
  static override styles = [
    componentStyles,
    css`
      :host {
        display: none;
      }
      :host([watching]) {
        display: grid;
        place-items: center;
        background: #000;
        color: #fff;
      }
      convene-hls-player {
        inline-size: 100%;
        block-size: 100%;
      }
      p {
        max-inline-size: 30rem;
        padding: 1rem;
        text-align: center;
      }
    `,
  ];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #roomClient = new ContextConsumer(this, { context: roomClientContext, subscribe: true });
  readonly #store = () => this.#roomClient.value?.store;
  readonly #role = new StoreController(this, { store: this.#store, select: selectRole });
  readonly #streaming = new StoreController(this, { store: this.#store, select: selectStreaming });
  #playerLoaded = false;
  /** Whether the stream ran while this peer watched: after it, "ended", not "not started". */
  #sawRunning = false;

  /** The server's origin the playback path is on: the room client's, else the page's. */
  server = '';

  override render() {
    const watching = watchesTheStream(this.#role.value);
    this.toggleAttribute('watching', watching);
    if (!watching) return nothing;
    const hls = this.#streaming.value.hls;
    if (hls.status === 'running' && hls.url) {
      this.#sawRunning = true;
      if (!this.#playerLoaded) {
        this.#playerLoaded = true;
        void import('../convene-hls-player/define.ts');
      }
      const src = new URL(hls.url, this.server || location.origin).href;
      return html`<convene-hls-player part="player" src=${src}></convene-hls-player>`;
    }
    const text =
      hls.status === 'failed'
        ? this.#t.t('failed', { message: hls.error ?? '' })
        : this.#t.t(this.#sawRunning ? 'ended' : 'waiting');
    return html`<p part="message" role="status">${text}</p>`;
  }
}
