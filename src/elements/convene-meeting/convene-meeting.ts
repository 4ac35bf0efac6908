// <convene-meeting>: the prebuilt. The pre-join preview, then the call (grid, controls, a side
// panel with the chat or the participants, toasts), then a screen that says why it ended and
// offers a way back in. Every piece is one of the kit's elements, so a page can build its own.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { RoomClientApi } from '../../client/room-state.ts';
import type { ConvenePanel, ConvenePanelToggleEvent } from '../../events/convene-panel-toggle.ts';
import type {
  ConvenePreviewJoinDetail,
  ConvenePreviewJoinEvent,
} from '../../events/convene-preview-join.ts';
import type { ConveneJoinedEvent } from '../../events/convene-joined.ts';
import type { ConveneLeftEvent } from '../../events/convene-left.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { LocalizeController } from '../i18n/localize.ts';
import type { ConveneRoom } from '../convene-room/convene-room.ts';
import type { GridLayoutMode } from '../convene-grid/grid-stage.ts';
import styles from './convene-meeting.styles.ts';
import { RoomEventsController } from './room-events.ts';
import { STRINGS } from './strings.ts';

type Phase = 'preview' | 'call' | 'ended' | 'failed';

/** Why the call is over, from <convene-room>'s convene-left. */
interface Ending {
  reason: string;
  message?: string;
}

/** The panels load when first opened: a page that never opens the chat never downloads it. */
const PANEL_LOADERS: Record<ConvenePanel, () => Promise<unknown>> = {
  chat: () => import('../convene-chat/define.ts'),
  participants: () => import('../convene-participant-list/define.ts'),
};

/**
 * @summary The prebuilt meeting: pre-join, the call, and a way back in when it ends.
 *
 * Joins by `room-code` (or an app `token`) on `server` (the page's origin by default). Shows
 * `<convene-preview>` first unless `skip-preview`; then `<convene-room>` holding a
 * `<convene-grid>`, `<convene-controls>`, `<convene-toasts>` and the side panel the controls ask
 * for (`<convene-chat>` or `<convene-participant-list>`, loaded when first opened); when the call
 * ends, why (left, removed with the host's reason, the room ended) and a Rejoin button.
 * A panel that opens takes the focus (the chat's message box, the participants' search); Escape
 * or its close button closes it and gives the focus back to the button that opened it.
 * `lang` picks the language of everything inside (en, es, de), `theme` light, dark or auto
 * (the system's). From a 360 px phone up: on narrow widths the panel covers the call as a sheet.
 * A new `room-code`, `token` or `server` during a call leaves it and joins the new room; a new
 * `name` renames me in it. In the call it fires what happens in the room as convene-* events
 * (peers joining and leaving, chat, hands, my role, the recording and the live stream): the
 * events an iframe embed forwards to its parent page.
 *
 * @slot controls-start - Buttons or branding before the controls.
 * @slot controls-end - Buttons after the controls.
 *
 * @csspart base - Everything.
 * @csspart stage - The call: grid and panel.
 * @csspart panel - The side panel (or sheet).
 * @csspart panel-close - The panel's close button.
 * @csspart ended - The screen shown when the call is over.
 * @csspart ended-title - Its heading.
 * @csspart rejoin - Its Rejoin (or Try again) button.
 *
 * @cssproperty --convene-meeting-panel-width - The side panel's width on wide screens.
 *
 * @event convene-joined - From the room: I am in. `detail: { peerId }`.
 * @event convene-left - From the room: I am out, with why. `detail: { reason, message? }`.
 * @event convene-error - From the room and its parts: something failed. `detail: { code, message }`.
 * @event convene-peer-joined - Another peer is in the room: each one there already when I join,
 *   then each who joins. `detail: { id, name, role }`.
 * @event convene-peer-left - Another peer left the room. `detail: { id, name, role }`.
 * @event convene-message - A chat message from another peer or the server. `detail`: the message
 *   (`id`, `sender`, `type`, `message`, `time`, ...).
 * @event convene-hand-raised - A peer (me included) raised or lowered a hand, and each hand up
 *   already when I join. `detail: { peer, raised }`.
 * @event convene-role-changed - My role changed during the call. `detail: { role }`.
 * @event convene-recording-state - The room's recording is `starting`, `running`, `stopping`,
 *   `stopped` or `failed` now. `detail: { status, error? }`.
 * @event convene-live-state - The room's live stream changed, with its HLS playback URL once
 *   running. `detail: { status, url?, error? }`.
 */
export class ConveneMeeting extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #roomEvents = new RoomEventsController(this);

  /** The Convene server's origin; the page's when unset. */
  @property() server?: string;

  /** The room code to join with (the server turns it into an app token). */
  @property({ attribute: 'room-code' }) roomCode?: string;

  /** An app token from your backend, used instead of `room-code`. */
  @property() token?: string;

  /** My name: the preview starts with it; with `skip-preview` it is the name I join with. */
  @property() name?: string;

  /** The user id sent with a room code; the server picks one when unset. */
  @property({ attribute: 'user-id' }) userId?: string;

  /** `off` starts with the microphone off: the preview's toggle, or the join with `skip-preview`. */
  @property() microphone: 'on' | 'off' = 'on';

  /** `off` starts with the camera off, as `microphone` does. */
  @property() camera: 'on' | 'off' = 'on';

  /** Join at once with `name`, without the preview (as 100ms's `skip_preview`). */
  @property({ type: Boolean, attribute: 'skip-preview' }) skipPreview = false;

  /** The grid's layout: `grid` (everyone alike) or `spotlight` (the active speaker large). */
  @property() layout: GridLayoutMode = 'grid';

  /** `light`, `dark`, or `auto` (the system's, the default). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** A room client to use instead of the one the room makes (tests, Storybook's simulated room). */
  @property({ attribute: false }) client?: RoomClientApi;

  @state() private phase: Phase = 'preview';
  @state() private openPanel: ConvenePanel | null = null;
  @state() private ending: Ending | undefined;
  @state() private failure: string | undefined;
  #choice: ConvenePreviewJoinDetail | undefined;
  #joinQueued = false;
  #joinRun: Promise<void> | undefined;
  /** What the last join threw, for join()'s caller (its `code` included). */
  #joinError: unknown;

  @query('convene-room') private room?: ConveneRoom;
  @query('[part~="ended-title"]') private endedTitle?: HTMLElement;

  /**
   * The call's room client, once the call has started (the `client` given, or the one the room
   * made): read its store, or call it for what the meeting has no method of its own.
   */
  get roomClient(): RoomClientApi | undefined {
    return this.room?.client ?? this.client;
  }

  /**
   * Starts the call now, skipping the preview, as its Join (or the Rejoin) button does: resolves
   * once I am in, rejects with why the join failed. In the call already, it does nothing.
   */
  async join(): Promise<void> {
    if (this.phase !== 'call') this.#startCall(this.#choice);
    await this.updateComplete;
    await this.#joinRun;
    if (this.phase === 'failed') throw this.#joinError;
  }

  /** Leaves the call, as the Leave button does; the screen that says why it ended follows. */
  async leave(): Promise<void> {
    if (this.phase !== 'call') return;
    await this.#joinRun?.catch(() => undefined);
    await this.roomClient?.leave();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.skipPreview && this.phase === 'preview') this.#startCall();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('skipPreview') && this.skipPreview && this.phase === 'preview') {
      this.#startCall();
    }
    if (this.phase !== 'call') return;
    const room = ['roomCode', 'token', 'server'] as const;
    if (room.some((key) => changed.has(key) && changed.get(key) !== undefined)) {
      // Another room: leave this one (its convene-left is ours to ignore) and join the new one.
      void this.room?.client?.leave().catch(() => undefined);
      this.#joinQueued = true;
    }
    if (changed.has('name') && changed.get('name') !== undefined && this.name) {
      this.room?.client?.setName(this.name).catch(() => undefined);
    }
  }

  protected override updated(): void {
    if (this.phase === 'call' && this.#joinQueued) {
      this.#joinQueued = false;
      this.#joinRun = this.#join();
    }
    if (this.phase === 'ended' || this.phase === 'failed') this.endedTitle?.focus();
  }

  #startCall(choice?: ConvenePreviewJoinDetail): void {
    this.#choice = choice;
    this.ending = undefined;
    this.failure = undefined;
    this.phase = 'call';
    this.#joinQueued = true;
    void import('../convene-streaming-controls/define.ts');
    void import('../convene-stream-view/define.ts');
  }

  async #join(): Promise<void> {
    const room = this.room;
    if (!room) return;
    room.audio = this.#choice?.audio ?? this.microphone !== 'off';
    room.video = this.#choice?.video ?? this.camera !== 'off';
    try {
      await room.join();
    } catch (error) {
      if (this.phase !== 'call' || this.room !== room) return;
      this.failure = (error as { message?: string }).message ?? '';
      this.#joinError = error;
      this.phase = 'failed';
      return;
    }
    const client = room.client;
    const { audioDeviceId, videoDeviceId } = this.#choice ?? {};
    // The preview's devices: the capture the join started moves to them.
    if (client && audioDeviceId)
      void client.selectDevice('audioinput', audioDeviceId).catch(() => undefined);
    if (client && videoDeviceId)
      void client.selectDevice('videoinput', videoDeviceId).catch(() => undefined);
  }

  #onPreviewJoin(event: ConvenePreviewJoinEvent): void {
    this.name = event.detail.name;
    this.#startCall(event.detail);
  }

  #onJoined(event: ConveneJoinedEvent): void {
    const client = (event.currentTarget as ConveneRoom).client;
    if (client) this.#roomEvents.start(client);
  }

  #onLeft(event: ConveneLeftEvent): void {
    this.#roomEvents.stop();
    if (this.#joinQueued) return; // Left on our way to another room.
    this.ending = {
      reason: event.detail.reason,
      ...(event.detail.message ? { message: event.detail.message } : {}),
    };
    this.openPanel = null;
    this.phase = 'ended';
  }

  async #onPanelToggle(event: ConvenePanelToggleEvent): Promise<void> {
    const { panel, open } = event.detail;
    if (open) await PANEL_LOADERS[panel]();
    this.openPanel = open ? panel : null;
    if (open) await this.#focusPanel();
  }

  /** Focus goes into a panel that opens: the chat's message box, the participants' search. */
  async #focusPanel(): Promise<void> {
    await this.updateComplete;
    const body = this.renderRoot.querySelector<LitElement>('.panel-body');
    await body?.updateComplete;
    const field = body?.shadowRoot?.querySelector<HTMLElement>('textarea, input');
    (field ?? this.renderRoot.querySelector<HTMLElement>('.panel-close'))?.focus();
  }

  #closePanel(): void {
    const panel = this.openPanel;
    this.openPanel = null;
    // Focus goes back to the button that opened the panel.
    void this.updateComplete.then(() => {
      const controls = this.renderRoot.querySelector('convene-controls');
      controls?.shadowRoot?.querySelector<HTMLElement>(`[part~="${panel}"]`)?.focus();
    });
  }

  #onPanelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.#closePanel();
    }
  }

  #rejoin(): void {
    if (this.skipPreview) this.#startCall(this.#choice);
    else this.phase = 'preview';
  }

  override render() {
    return html`<div part="base" class="base">${this.#renderPhase()}</div>`;
  }

  #renderPhase() {
    switch (this.phase) {
      case 'preview':
        return html`<convene-preview
          class="preview"
          .name=${this.name ?? ''}
          .audio=${this.microphone !== 'off'}
          .video=${this.camera !== 'off'}
          @convene-preview-join=${this.#onPreviewJoin}
        ></convene-preview>`;
      case 'call':
        return this.#renderCall();
      default:
        return this.#renderEnded();
    }
  }

  #renderCall() {
    const panel = this.openPanel;
    // quiet: the toasts announce the connection's changes.
    return html`<convene-room
      manual
      quiet
      class="room"
      .client=${this.client}
      server=${this.server ?? ''}
      room-code=${this.roomCode ?? ''}
      token=${this.token ?? ''}
      name=${this.name ?? ''}
      user-id=${this.userId ?? ''}
      @convene-joined=${this.#onJoined}
      @convene-left=${this.#onLeft}
    >
      <div part="stage" class="stage" ?data-panel=${panel !== null}>
        <div class="call">
          <convene-grid class="grid" layout=${this.layout}></convene-grid>
          <convene-stream-view class="stream" .server=${this.server ?? ''}></convene-stream-view>
          <convene-toasts class="toasts"></convene-toasts>
        </div>
        ${
          panel
            ? html`<aside
                part="panel"
                class="panel"
                aria-label=${this.#t.t(panel)}
                @keydown=${this.#onPanelKey}
              >
                <button part="panel-close" class="panel-close" @click=${this.#closePanel}>
                  ${this.#t.t('closePanel', { panel: this.#t.t(panel) })}
                </button>
                ${
                  panel === 'chat'
                    ? html`<convene-chat class="panel-body"></convene-chat>`
                    : html`<convene-participant-list class="panel-body"></convene-participant-list>`
                }
              </aside>`
            : nothing
        }
      </div>
      <convene-controls
        class="controls"
        .openPanel=${panel}
        @convene-panel-toggle=${this.#onPanelToggle}
      >
        <convene-streaming-controls slot="start"></convene-streaming-controls>
        <slot name="controls-start" slot="start"></slot>
        <slot name="controls-end" slot="end"></slot>
      </convene-controls>
    </convene-room>`;
  }

  #renderEnded() {
    const { reason, message } = this.ending ?? { reason: 'failed' };
    const title =
      this.phase === 'failed'
        ? this.#t.t('failedTitle')
        : reason === 'room ended'
          ? this.#t.t('endedTitle')
          : reason === 'peer removed'
            ? this.#t.t('removedTitle')
            : this.#t.t('leftTitle');
    const detail = this.phase === 'failed' ? this.failure : message;
    return html`<section part="ended" class="ended" aria-labelledby="ended-title">
      <h2 part="ended-title" id="ended-title" tabindex="-1">${title}</h2>
      ${detail ? html`<p class="ended-detail">${detail}</p>` : nothing}
      <button part="rejoin" class="rejoin" @click=${this.#rejoin}>
        ${this.phase === 'failed' ? this.#t.t('tryAgain') : this.#t.t('rejoin')}
      </button>
    </section>`;
  }
}
