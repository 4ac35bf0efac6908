// <convene-streaming-controls>: what everyone sees of the room's live stream and recording (a
// Live and a Recording badge while they run, and why one failed), and for a role that may, the
// buttons that start and stop them. The server checks the permission; the buttons only follow
// the role.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { RoomClientApi, RoomState } from '../../client/room-state.ts';
import { selectRole, selectStreaming } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController } from '../../controllers/store-controller.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { token } from '../../styles/tokens.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { STRINGS } from './strings.ts';

type Kind = 'hls' | 'recording';
type Output = RoomState['streaming']['hls'];
type StringKey = keyof (typeof STRINGS)['en'];

const PERMISSION = { hls: 'hlsStreaming', recording: 'browserRecording' } as const;

/**
 * @summary The Live and Recording badges, and Go live / Record for roles that may.
 *
 * Inside `<convene-room>`. The badges are a status region: a screen reader hears the stream go
 * live or the recording start, and everyone hears when the server reports that one failed, with
 * its reason; a role that may then offers Go live again or Record again. A button is busy
 * (aria-busy, and says so) while its output starts or stops; a refused request shows beside it
 * and fires `convene-error`.
 *
 * @csspart badge - The Live or Recording badge.
 * @csspart failure - What says the live stream or the recording failed, and why.
 * @csspart button - Go live, End stream, Record, Stop recording (Go live again, Record again).
 *
 * @cssproperty --convene-color-danger - The badges' colour, and the failures' and refusals'.
 *
 * @event convene-error - Starting or stopping failed. `detail: { code, message }`.
 */
export class ConveneStreamingControls extends LitElement {
  static override styles = [
    componentStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .badges {
        display: contents;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.15rem 0.5rem;
        border-radius: 999px;
        background: ${token('color-danger')};
        /* Text on danger as convene-controls has it: white on the dark theme's red was 2.8:1. */
        color: ${token('color-on-accent')};
        font-size: 0.8rem;
        font-weight: 700;
        text-transform: uppercase;
      }
      .badge::before {
        content: '';
        inline-size: 0.5rem;
        block-size: 0.5rem;
        border-radius: 50%;
        background: currentColor;
      }
      button {
        font: inherit;
        padding: 0.45rem 0.8rem;
        border-radius: ${token('radius-control')};
        border: 1px solid currentColor;
        background: ${token('color-tile')};
        color: inherit;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: ${token('color-danger')};
        border-color: transparent;
        color: ${token('color-on-accent')};
      }
      /* Its label says Starting… or Stopping…; dimming it took the text below 4.5:1. */
      button[aria-busy='true'] {
        cursor: progress;
      }
      .error,
      .failure {
        color: ${token('color-danger')};
        font-size: 0.85rem;
        /* The server's reason may be a long unbroken string (a URL, an ffmpeg message). */
        overflow-wrap: anywhere;
      }
    `,
  ];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #roomClient = new ContextConsumer(this, { context: roomClientContext, subscribe: true });
  readonly #store = () => this.#roomClient.value?.store;
  readonly #streaming = new StoreController(this, { store: this.#store, select: selectStreaming });
  readonly #role = new StoreController(this, { store: this.#store, select: selectRole });

  /** Kinds whose request is on its way (before the server's state says starting). */
  @state() private pending = new Set<Kind>();
  @state() private error = '';

  #may(kind: Kind): boolean {
    return this.#role.value?.permissions[PERMISSION[kind]] === true;
  }

  async #toggle(kind: Kind, output: Output) {
    const client: RoomClientApi | undefined = this.#roomClient.value;
    if (!client || this.pending.has(kind)) return;
    const on = output.status === 'running' || output.status === 'starting';
    this.pending = new Set([...this.pending, kind]);
    this.error = '';
    try {
      await (on ? client.stopStreaming(kind) : client.startStreaming(kind));
    } catch (error) {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      const reason = typeof message === 'string' && message ? message : this.#t.t('unknown');
      const action = this.#t.t(
        on ? (kind === 'hls' ? 'stopLive' : 'stopRecord') : kind === 'hls' ? 'goLive' : 'record',
      );
      this.error = this.#t.t('failed', { action: action.toLowerCase(), message: reason });
      this.dispatchEvent(
        new ConveneErrorEvent({
          code: typeof code === 'string' ? code : 'unknown',
          message: reason,
        }),
      );
    } finally {
      const pending = new Set(this.pending);
      pending.delete(kind);
      this.pending = pending;
    }
  }

  #button(kind: Kind, output: Output) {
    if (!this.#may(kind)) return nothing;
    const on = output.status === 'running' || output.status === 'starting';
    const busy =
      this.pending.has(kind) || output.status === 'starting' || output.status === 'stopping';
    const label = busy
      ? this.#t.t(output.status === 'stopping' ? 'stopping' : 'starting')
      : this.#t.t(this.#idleLabel(kind, output));
    return html`<button
      part="button"
      class=${kind}
      aria-pressed=${on ? 'true' : 'false'}
      aria-busy=${busy ? 'true' : 'false'}
      @click=${() => this.#toggle(kind, output)}
    >
      ${label}
    </button>`;
  }

  #idleLabel(kind: Kind, output: Output): StringKey {
    const on = output.status === 'running' || output.status === 'starting';
    if (output.status === 'failed') return kind === 'hls' ? 'goLiveAgain' : 'recordAgain';
    if (kind === 'hls') return on ? 'stopLive' : 'goLive';
    return on ? 'stopRecord' : 'record';
  }

  /**
   * A failed output says so to everyone until it starts again: the server keeps `failed` (and
   * its reason) in the room's state, so a peer who joins later reads it too. The reason is the
   * server's text, bound as text: whatever it holds is never parsed as markup.
   */
  #failure(kind: Kind, output: Output) {
    if (output.status !== 'failed') return nothing;
    const reason = output.error?.trim() || this.#t.t('unknown');
    return html`<span part="failure" class="failure ${kind}"
      >${this.#t.t(kind === 'hls' ? 'hlsFailed' : 'recordingFailed', { reason })}</span
    >`;
  }

  override render() {
    const streaming = this.#streaming.value;
    if (!streaming) return nothing;
    const { hls, recording } = streaming;
    return html`<span class="badges" role="status" aria-label=${this.#t.t('label')}>
        ${hls.status === 'running' ? html`<span part="badge" class="badge live">${this.#t.t('live')}</span>` : nothing}
        ${recording.status === 'running' ? html`<span part="badge" class="badge rec">${this.#t.t('recording')}</span>` : nothing}
        ${this.#failure('hls', hls)} ${this.#failure('recording', recording)}
      </span>
      ${this.#button('hls', hls)} ${this.#button('recording', recording)}
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}`;
  }
}
