// <convene-controls>: the call's control bar. Microphone, camera, screen and hand toggles,
// reactions, the chat and participants panel toggles, Leave, and End room for the roles that may.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  Hand,
  MessageSquare,
  Mic,
  MicOff,
  MonitorUp,
  PhoneOff,
  Power,
  Smile,
  Users,
  Video,
  VideoOff,
} from 'lucide';
import type { IconNode } from 'lucide';
import { selectCan } from '../../client/room-actions.ts';
import type { RoomClientApi } from '../../client/room-state.ts';
import { selectLocalPeer, selectRole, selectUnreadMessages } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController } from '../../controllers/store-controller.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { ConvenePanelToggleEvent } from '../../events/convene-panel-toggle.ts';
import type { ConvenePanel } from '../../events/convene-panel-toggle.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { ControlsShortcutsController } from './controls-shortcuts.ts';
import type { ControlsShortcut } from './controls-shortcuts.ts';
import styles from './convene-controls.styles.ts';
import { EndRoomDialog } from './end-room-dialog.ts';
import { ReactionsPopover } from './reactions-popover.ts';
import { STRINGS } from './strings.ts';
import type { ControlsStringKey } from './strings.ts';

/** The calls the bar makes; a failed one is reported with its own words. */
type ControlAction = 'microphone' | 'camera' | 'screen' | 'hand' | 'reaction' | 'leave' | 'endRoom';

const ERROR_KEYS: Record<ControlAction, ControlsStringKey> = {
  microphone: 'errorMicrophone',
  camera: 'errorCamera',
  screen: 'errorScreen',
  hand: 'errorHand',
  reaction: 'errorReaction',
  leave: 'errorLeave',
  endRoom: 'errorEndRoom',
};

/** What `aria-keyshortcuts` announces for each shortcut (controls-shortcuts.ts handles them). */
const KEY_SHORTCUTS: Record<ControlsShortcut, string> = {
  microphone: 'Control+D Meta+D',
  camera: 'Control+E Meta+E',
  hand: 'Alt+H',
  chat: 'Alt+C',
};

const UNREAD_ID = 'unread-description';

/**
 * @summary The call's control bar: toggles for microphone, camera, screen and hand, reactions,
 * chat and participants panel toggles, Leave, and End room for roles that may end it.
 *
 * Only what the local peer's role permits is shown: the microphone, camera and screen toggles
 * when its `publishParams.allowed` lists audio, video and screen; End room when it may end the
 * room. Toggles keep one accessible name and report their state with `aria-pressed`; the panel
 * buttons report `aria-expanded` from `openPanel`. A call that fails shows its error in the bar
 * (`role="alert"`) and fires `convene-error`.
 *
 * Keyboard map, heard on the whole document while the bar is connected, and never while typing
 * in an input, a textarea, a select or editable content:
 * - Ctrl+D (Cmd+D on a Mac): microphone on or off.
 * - Ctrl+E (Cmd+E): camera on or off.
 * - Alt+H (Option+H): raise or lower the hand.
 * - Alt+C (Option+C): open or close the chat.
 *
 * @slot start - Before the controls: branding, a room name, custom buttons.
 * @slot end - After the controls: custom buttons.
 *
 * @event {ConvenePanelToggleEvent} convene-panel-toggle - Chat or Participants was pressed:
 *   `{panel, open}`. The bar opens nothing; the page does, and sets `openPanel`.
 * @event {ConveneErrorEvent} convene-error - A control's call failed or was refused. Not fired
 *   for a failure the room client reported itself (in `state.error`, as it does for media):
 *   <convene-room> forwards that one already.
 *
 * @csspart base - The bar: a labelled group holding everything.
 * @csspart control - Every button of the bar.
 * @csspart toggle - The microphone, camera, screen and hand toggles.
 * @csspart microphone - The microphone toggle.
 * @csspart camera - The camera toggle.
 * @csspart screen - The screen-share toggle.
 * @csspart hand - The raise-hand toggle.
 * @csspart reactions - The button opening the reactions.
 * @csspart reactions-menu - The popover of reactions.
 * @csspart reaction - One reaction in it.
 * @csspart chat - The chat panel toggle.
 * @csspart badge - The unread count on the chat toggle.
 * @csspart participants - The participants panel toggle.
 * @csspart leave - The Leave button.
 * @csspart end-room - The End room button.
 * @csspart label - A control's visible label (hidden on narrow bars; the name stays).
 * @csspart icon - A control's icon.
 * @csspart error - The error area under the bar.
 * @csspart error-message - The error's text, a `role="alert"` region.
 * @csspart error-dismiss - The button that dismisses it.
 * @csspart dialog - The End room confirmation, a modal <dialog>.
 * @csspart dialog-title - Its heading.
 * @csspart dialog-body - What ending the room does.
 * @csspart lock - The "Lock the room" option: its label and checkbox.
 * @csspart dialog-cancel - Closes the dialog without ending the room.
 * @csspart dialog-confirm - Ends the room.
 *
 * @cssproperty --convene-color-tile - A control's background.
 * @cssproperty --convene-color-accent - A pressed toggle or an open panel's button.
 * @cssproperty --convene-color-danger - Microphone or camera off, Leave, End room, the badge.
 * @cssproperty --convene-radius-control - A control's corner radius.
 */
export class ConveneControls extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  readonly #store = () => this.#client?.store;
  readonly #localPeer = new StoreController(this, { store: this.#store, select: selectLocalPeer });
  readonly #role = new StoreController(this, { store: this.#store, select: selectRole });
  readonly #can = new StoreController(this, { store: this.#store, select: selectCan });
  readonly #unread = new StoreController(this, {
    store: this.#store,
    select: selectUnreadMessages,
  });
  /** Calls under way: pressing a control again before its call ends is ignored (no double toggle). */
  readonly #busy = new Set<ControlAction>();

  readonly #reactions = new ReactionsPopover(this, {
    root: () => this.renderRoot,
    send: (emoji) =>
      void this.#run('reaction', (client) => client.sendMessage(emoji, { type: 'reaction' })),
  });
  readonly #endRoomDialog = new EndRoomDialog(this, {
    root: () => this.renderRoot,
    trigger: () => this.endRoomButton,
    confirm: ({ lock }) =>
      void this.#run('endRoom', (client) => client.actions.endRoom(undefined, { lock })),
  });

  constructor() {
    super();
    new ControlsShortcutsController(this, (shortcut) => this.#onShortcut(shortcut));
  }

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  /** The panel the page shows now, for the Chat and Participants buttons' `aria-expanded`. */
  @property({ attribute: 'open-panel' }) openPanel: ConvenePanel | null = null;

  @state() private error: { action: ControlAction; text: string } | undefined;

  @query('[part~="end-room"]') private readonly endRoomButton!: HTMLButtonElement | null;

  get #client(): RoomClientApi | undefined {
    return this.client ?? this.#roomClient.value;
  }

  /** Which sources the role may publish; none until the role is known. */
  #mayPublish(source: 'audio' | 'video' | 'screen'): boolean {
    if (source === 'screen' && !navigator.mediaDevices?.getDisplayMedia) return false;
    return this.#role.value?.publishParams.allowed.includes(source) ?? false;
  }

  get #microphoneOn(): boolean {
    const track = this.#localPeer.value?.tracks.microphone;
    return Boolean(track && !track.muted);
  }

  get #cameraOn(): boolean {
    const track = this.#localPeer.value?.tracks.camera;
    return Boolean(track && !track.muted);
  }

  get #sharing(): boolean {
    return Boolean(this.#localPeer.value?.tracks.screen);
  }

  get #handRaised(): boolean {
    return this.#localPeer.value?.handRaised === true;
  }

  /** Runs a client call once at a time per control; a failure is shown and fired, never lost. */
  async #run(action: ControlAction, call: (client: RoomClientApi) => Promise<unknown>) {
    const client = this.#client;
    if (!client || this.#busy.has(action)) return;
    this.#busy.add(action);
    const reported = client.store.state.error;
    try {
      await call(client);
      if (this.error?.action === action) this.error = undefined;
    } catch (error) {
      // A failure the client recorded in `state.error` it has also emitted, and <convene-room>
      // forwards that as convene-error: firing another would report it twice.
      this.#fail(action, error, client.store.state.error === reported);
    } finally {
      this.#busy.delete(action);
    }
  }

  #fail(action: ControlAction, error: unknown, fire: boolean): void {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const reason = typeof message === 'string' && message ? message : this.#t.t('errorUnknown');
    this.error = { action, text: this.#t.t(ERROR_KEYS[action], { message: reason }) };
    if (!fire) return;
    this.dispatchEvent(
      new ConveneErrorEvent({ code: typeof code === 'string' ? code : 'unknown', message: reason }),
    );
  }

  #toggleMicrophone = () =>
    this.#run('microphone', (client) => client.setMicrophoneEnabled(!this.#microphoneOn));

  #toggleCamera = () => this.#run('camera', (client) => client.setCameraEnabled(!this.#cameraOn));

  #toggleScreen = () =>
    this.#run('screen', (client) =>
      this.#sharing ? client.stopScreenShare() : client.startScreenShare(),
    );

  #toggleHand = () =>
    this.#run('hand', (client) => (this.#handRaised ? client.lowerHand() : client.raiseHand()));

  #leave = () => this.#run('leave', (client) => client.leave());

  #onShortcut(shortcut: ControlsShortcut): boolean {
    if (!this.#client) return false;
    switch (shortcut) {
      case 'microphone':
        if (!this.#mayPublish('audio')) return false;
        void this.#toggleMicrophone();
        return true;
      case 'camera':
        if (!this.#mayPublish('video')) return false;
        void this.#toggleCamera();
        return true;
      case 'hand':
        void this.#toggleHand();
        return true;
      case 'chat':
        this.#togglePanel('chat');
        return true;
    }
  }

  #togglePanel(panel: ConvenePanel): void {
    this.dispatchEvent(new ConvenePanelToggleEvent({ panel, open: this.openPanel !== panel }));
  }

  // Rendering.

  #button(
    part: string,
    label: string,
    iconNode: IconNode,
    onClick: () => unknown,
    aria: {
      pressed?: boolean;
      expanded?: boolean;
      controls?: string;
      shortcut?: ControlsShortcut;
    } = {},
  ): TemplateResult {
    const pressed = aria.pressed === undefined ? undefined : String(aria.pressed);
    const expanded = aria.expanded === undefined ? undefined : String(aria.expanded);
    return html`<button
      type="button"
      part="control ${part}"
      class="control"
      aria-pressed=${ifDefined(pressed)}
      aria-expanded=${ifDefined(expanded)}
      aria-controls=${ifDefined(aria.controls)}
      aria-keyshortcuts=${ifDefined(aria.shortcut && KEY_SHORTCUTS[aria.shortcut])}
      @click=${onClick}
    >
      ${icon(iconNode)}<span part="label" class="label">${label}</span>
    </button>`;
  }

  #renderMedia() {
    const t = this.#t;
    const microphoneOn = this.#microphoneOn;
    const cameraOn = this.#cameraOn;
    return html`${
      this.#mayPublish('audio')
        ? this.#button(
            'toggle microphone',
            t.t('microphone'),
            microphoneOn ? Mic : MicOff,
            this.#toggleMicrophone,
            { pressed: microphoneOn, shortcut: 'microphone' },
          )
        : nothing
    }
    ${
      this.#mayPublish('video')
        ? this.#button(
            'toggle camera',
            t.t('camera'),
            cameraOn ? Video : VideoOff,
            this.#toggleCamera,
            { pressed: cameraOn, shortcut: 'camera' },
          )
        : nothing
    }
    ${
      this.#mayPublish('screen')
        ? this.#button('toggle screen', t.t('screen'), MonitorUp, this.#toggleScreen, {
            pressed: this.#sharing,
          })
        : nothing
    }`;
  }

  #renderChat() {
    const t = this.#t;
    const unread = this.#unread.value;
    const expanded = this.openPanel === 'chat';
    return html`<button
        type="button"
        part="control chat"
        class="control"
        aria-expanded=${String(expanded)}
        aria-describedby=${ifDefined(unread > 0 ? UNREAD_ID : undefined)}
        aria-keyshortcuts=${KEY_SHORTCUTS.chat}
        @click=${() => this.#togglePanel('chat')}
      >
        ${icon(MessageSquare)}<span part="label" class="label">${t.t('chat')}</span>
        ${
          unread > 0
            ? html`<span part="badge" class="badge" aria-hidden="true"
                >${unread > 99 ? '99+' : unread}</span
              >`
            : nothing
        }
      </button>
      <span id=${UNREAD_ID} hidden
        >${unread === 1 ? t.t('unreadOne') : t.t('unreadMany', { count: unread })}</span
      >`;
  }

  override render() {
    const t = this.#t;
    const canEnd = this.#can.value.endRoom;
    return html`
      <div part="base" class="bar" role="group" aria-label=${t.t('bar')}>
        <slot name="start"></slot>
        <div class="group">${this.#renderMedia()}</div>
        <div class="group">
          ${this.#button('toggle hand', t.t('hand'), Hand, this.#toggleHand, {
            pressed: this.#handRaised,
            shortcut: 'hand',
          })}
          ${this.#reactions.render(
            t.t.bind(t),
            this.#button('reactions', t.t('reactions'), Smile, () => this.#reactions.toggle(), {
              expanded: this.#reactions.open,
              controls: 'reactions-menu',
            }),
          )}
          ${this.#renderChat()}
          ${this.#button(
            'participants',
            t.t('participants'),
            Users,
            () => this.#togglePanel('participants'),
            { expanded: this.openPanel === 'participants' },
          )}
        </div>
        <div class="group">
          ${
            canEnd
              ? html`<button
                  type="button"
                  part="control end-room"
                  class="control"
                  aria-haspopup="dialog"
                  @click=${() => this.#endRoomDialog.open()}
                >
                  ${icon(Power)}<span part="label" class="label">${t.t('endRoom')}</span>
                </button>`
              : nothing
          }
          ${this.#button('leave', t.t('leave'), PhoneOff, this.#leave)}
        </div>
        <slot name="end"></slot>
      </div>
      <div part="error" class="error" ?data-shown=${Boolean(this.error)}>
        <span part="error-message" role="alert">${this.error?.text ?? ''}</span>
        ${
          this.error
            ? html`<button
                type="button"
                part="error-dismiss"
                class="dismiss"
                @click=${() => (this.error = undefined)}
              >
                ${t.t('dismiss')}
              </button>`
            : nothing
        }
      </div>
      ${canEnd ? this.#endRoomDialog.render(t.t.bind(t)) : nothing}
    `;
  }
}
