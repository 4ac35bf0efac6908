// The page behind /meeting/{room_code}: a minimal pre-join (name, camera and microphone on or
// off, Join), then <convene-room> with <convene-grid> and a small control bar. As in 100ms's
// prebuilt links, `?name=Ada&skip_preview=true` joins at once with that name.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
// The page registers only the elements it uses, not the public entry: that one exports the room
// client too, which would put the client in the page's first download instead of at Join.
import '../elements/convene-grid/define.ts';
import '../elements/convene-room/define.ts';
import { selectConnection, selectLocalPeer } from '../client/room-store.ts';
import { StoreController } from '../controllers/store-controller.ts';
import type { ConveneRoom } from '../elements/convene-room/convene-room.ts';

type Phase = 'preview' | 'meeting' | 'left';

function roomCodeFromPath(pathname: string): string {
  return decodeURIComponent(pathname.split('/').filter(Boolean).pop() ?? '');
}

@customElement('convene-meeting-page')
export class ConveneMeetingPage extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    form {
      margin: auto;
      display: grid;
      gap: 0.75rem;
      min-width: 18rem;
      padding: 1.5rem;
      border-radius: 12px;
      background: #1d2027;
    }
    input[type='text'] {
      font: inherit;
      padding: 0.5rem;
      border-radius: 6px;
      border: 1px solid #4a4f5c;
      background: #111318;
      color: inherit;
    }
    button {
      font: inherit;
      padding: 0.5rem 1rem;
      border-radius: 6px;
      border: 0;
      background: #3d6df2;
      color: white;
      cursor: pointer;
    }
    button.off {
      background: #4a4f5c;
    }
    button.leave {
      background: #d93a3a;
    }
    button:focus-visible {
      outline: 2px solid #9db6ff;
      outline-offset: 2px;
    }
    convene-room {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    convene-grid {
      flex: 1;
      min-height: 0;
    }
    .bar {
      display: flex;
      gap: 0.5rem;
      justify-content: center;
      padding: 0.75rem;
    }
    .status {
      margin: auto;
      text-align: center;
    }
  `;

  private readonly roomCode = roomCodeFromPath(location.pathname);
  private readonly params = new URLSearchParams(location.search);

  @state() private phase: Phase =
    this.params.get('skip_preview') === 'true' ? 'meeting' : 'preview';
  @state() private name = this.params.get('name') ?? '';
  @state() private audio = this.params.get('audio') !== 'false';
  @state() private video = this.params.get('video') !== 'false';
  @state() private error = '';
  @query('convene-room') private room!: ConveneRoom | null;
  // The room creates its client when it joins; the page updates on convene-joined or
  // convene-error, and the controllers pick the store up then.
  readonly #localPeer = new StoreController(this, {
    store: () => this.room?.client?.store,
    select: selectLocalPeer,
  });
  readonly #connection = new StoreController(this, {
    store: () => this.room?.client?.store,
    select: selectConnection,
  });

  #join(event: Event): void {
    event.preventDefault();
    this.phase = 'meeting';
  }

  #onJoined(): void {
    this.error = '';
    this.requestUpdate();
  }

  #onError(event: CustomEvent<{ message: string }>): void {
    this.error = event.detail.message;
  }

  #toggleMicrophone(): void {
    const muted = this.#localPeer.value?.tracks.microphone?.muted ?? true;
    void this.room?.client?.setMicrophoneEnabled(muted);
  }

  #toggleCamera(): void {
    const track = this.#localPeer.value?.tracks.camera;
    void this.room?.client?.setCameraEnabled(!track || track.muted);
  }

  #toggleScreen(): void {
    const sharing = Boolean(this.#localPeer.value?.tracks.screen);
    void (sharing ? this.room?.client?.stopScreenShare() : this.room?.client?.startScreenShare());
  }

  async #leave(): Promise<void> {
    await this.room?.client?.leave();
    this.phase = 'left';
  }

  #renderPreview() {
    return html`<form @submit=${this.#join} aria-label="Join the meeting">
      <label
        >Your name
        <input
          type="text"
          .value=${this.name}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
          required
      /></label>
      <button
        type="button"
        class=${this.audio ? '' : 'off'}
        aria-pressed=${this.audio}
        @click=${() => (this.audio = !this.audio)}
      >
        Microphone ${this.audio ? 'on' : 'off'}
      </button>
      <button
        type="button"
        class=${this.video ? '' : 'off'}
        aria-pressed=${this.video}
        @click=${() => (this.video = !this.video)}
      >
        Camera ${this.video ? 'on' : 'off'}
      </button>
      <button type="submit">Join</button>
    </form>`;
  }

  #renderBar() {
    const local = this.#localPeer.value;
    const micOn = Boolean(local?.tracks.microphone && !local.tracks.microphone.muted);
    const camOn = Boolean(local?.tracks.camera && !local.tracks.camera.muted);
    const sharing = Boolean(local?.tracks.screen);
    return html`<div class="bar" role="toolbar" aria-label="Meeting controls">
      <button class=${micOn ? '' : 'off'} aria-pressed=${micOn} @click=${this.#toggleMicrophone}>
        ${micOn ? 'Mute' : 'Unmute'}
      </button>
      <button class=${camOn ? '' : 'off'} aria-pressed=${camOn} @click=${this.#toggleCamera}>
        ${camOn ? 'Camera off' : 'Camera on'}
      </button>
      <button class=${sharing ? '' : 'off'} aria-pressed=${sharing} @click=${this.#toggleScreen}>
        ${sharing ? 'Stop sharing' : 'Share screen'}
      </button>
      <button class="leave" @click=${this.#leave}>Leave</button>
    </div>`;
  }

  override render() {
    if (!this.roomCode) return html`<p class="status">This link has no room code.</p>`;
    if (this.phase === 'preview') return this.#renderPreview();
    if (this.phase === 'left') return html`<p class="status">You left the meeting.</p>`;
    const connection = this.#connection.value;
    return html`<convene-room
        room-code=${this.roomCode}
        name=${this.name || nothing}
        .audio=${this.audio}
        .video=${this.video}
        @convene-joined=${this.#onJoined}
        @convene-error=${this.#onError}
      >
        ${this.error ? html`<p class="status" role="alert">${this.error}</p>` : nothing}
        ${connection === 'reconnecting' ? html`<p class="status" role="status">Reconnecting…</p>` : nothing}
        <convene-grid></convene-grid>
      </convene-room>
      ${this.#renderBar()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'convene-meeting-page': ConveneMeetingPage;
  }
}
