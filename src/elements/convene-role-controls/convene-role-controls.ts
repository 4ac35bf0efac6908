// <convene-role-controls>: the actions the viewer's role permits on one other peer (mute, ask to
// unmute, change role, lower hand, remove), behind a menu button. Inside <convene-participant-list>
// it is handed the peer, roles and abilities, so a long list holds one store subscription only.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { EllipsisVertical } from 'lucide';
import { selectCan } from '../../client/room-actions.ts';
import type { RoomActionAbilities } from '../../client/room-actions.ts';
import type {
  ErrorShape,
  MediaSource,
  PeerState,
  Role,
  RoomClientApi,
  RoomState,
} from '../../client/room-state.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { errorShapeOf } from './action-error.ts';
import styles from './convene-role-controls.styles.ts';
import { STRINGS } from './strings.ts';

type StringKey = keyof (typeof STRINGS)['en'];

interface MenuItem {
  id: string;
  label: StringKey;
  run: () => void;
}

/** What the controls read from the store when used on their own. */
interface RoomSlice {
  peers: RoomState['peers'];
  roles: RoomState['roles'];
  can: RoomActionAbilities;
}

const selectSlice = (state: RoomState): RoomSlice => ({
  peers: state.peers,
  roles: state.roles,
  can: selectCan(state),
});

/**
 * @summary A menu of the actions the viewer's role permits on one peer.
 *
 * Shows only what `selectCan` allows: Mute microphone / Mute camera (while that track is on),
 * Ask to unmute (while it is muted), Change role (a dialog: at once, or an offer the peer
 * accepts), Lower hand (while raised; allowed with changeRole, as the server rules) and Remove
 * from room (confirmed in a dialog, with an optional reason). Renders nothing when nothing is
 * permitted, and nothing for the local peer. The server checks every action anyway: a refusal
 * is shown (role="alert") and fired as `convene-error`.
 *
 * Keyboard: Enter, Space or ArrowDown on the button open the menu on its first item (ArrowUp:
 * the last); ArrowUp/ArrowDown move, Home/End jump, Escape closes and returns to the button.
 *
 * @event convene-error - An action failed or was refused. `detail: { code, message }`.
 *
 * @csspart base - The wrapper of button, menu and error.
 * @csspart trigger - The menu button ("Actions for {name}").
 * @csspart menu - The menu.
 * @csspart menu-item - Each action in the menu.
 * @csspart danger - The Remove action in the menu, and the remove dialog's confirm button.
 * @csspart dialog - Both dialogs.
 * @csspart change-role-dialog - The dialog choosing a peer's new role.
 * @csspart remove-dialog - The dialog confirming a peer's removal, with an optional reason.
 * @csspart dialog-title - A dialog's heading.
 * @csspart role-option - Each role to choose in the change-role dialog.
 * @csspart reason - The optional reason field of the remove dialog.
 * @csspart dialog-button - Every dialog button.
 * @csspart confirm - A dialog's main button (change the role, remove the peer).
 * @csspart ask-first - The change-role dialog's button that asks the peer before changing it.
 * @csspart error - The last failure, with a dismiss button.
 * @csspart icon - The menu button's icon (three dots).
 *
 * @cssproperty --convene-color-danger - The remove action and the error.
 * @cssproperty --convene-color-accent - The dialogs' main button.
 * @cssproperty --convene-radius-control - Buttons, menu and dialogs.
 */
export class ConveneRoleControls extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);

  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  // Only on its own: given a `peer` (by the participant list), the controls hold no subscription.
  private readonly room = new StoreController(this, {
    store: () => (this.peer ? undefined : this.activeClient?.store),
    select: selectSlice,
    equals: shallowEqual,
  });

  /** The peer acted on. */
  @property({ attribute: 'peer-id' }) peerId = '';

  /** The peer's snapshot; when set (with `roles` and `can`) the controls do not read the store. */
  @property({ attribute: false }) peer?: PeerState;

  /** The room's roles, by name, when `peer` is given. */
  @property({ attribute: false }) roles?: RoomState['roles'];

  /** What the viewer's role may do (selectCan), when `peer` is given. */
  @property({ attribute: false }) can?: RoomActionAbilities;

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  @state() private open = false;
  @state() private error: ErrorShape | undefined;
  @state() private chosenRole = '';
  /** The dialog open, rendered only then: a list of 60 rows keeps no idle dialogs. */
  @state() private dialog: 'change-role' | 'remove' | undefined;

  @query('[part~="trigger"]') private readonly trigger!: HTMLButtonElement | null;
  @query('[part~="change-role-dialog"]') private readonly roleDialog!: HTMLDialogElement | null;
  @query('[part~="remove-dialog"]') private readonly removeDialog!: HTMLDialogElement | null;
  @query('[part~="reason"]') private readonly reasonInput!: HTMLInputElement | null;

  /** Which item to focus once the menu has rendered open. */
  #focusOnOpen: 'first' | 'last' | undefined;
  /** Set when a dialog is asked for, so that the next update opens it. */
  #showDialog = false;

  private get activeClient(): RoomClientApi | undefined {
    return this.client ?? this.roomClient.value;
  }

  private get shownPeer(): PeerState | undefined {
    if (this.peer) return this.peer.id === this.peerId || !this.peerId ? this.peer : undefined;
    return this.room.value.peers[this.peerId];
  }

  private get shownRoles(): RoomState['roles'] {
    return (this.peer ? this.roles : this.room.value.roles) ?? {};
  }

  private get abilities(): RoomActionAbilities | undefined {
    return this.peer ? this.can : this.room.value.can;
  }

  /** Roles the peer could be given: every role but its own, in the room's order. */
  private otherRoles(peer: PeerState): Role[] {
    return Object.values(this.shownRoles).filter((role) => role.name !== peer.role);
  }

  /** The actions the viewer's role permits on this peer now, in menu order. */
  private menuItems(peer: PeerState): MenuItem[] {
    const can = this.abilities;
    if (!can || peer.isLocal) return [];
    const items: MenuItem[] = [];
    const mic = peer.tracks.microphone;
    const camera = peer.tracks.camera;
    const mute = (source: MediaSource) => () =>
      this.perform((client) => client.actions.mute(peer.id, source));
    const askUnmute = (source: MediaSource) => () =>
      this.perform((client) => client.actions.requestUnmute(peer.id, source));
    if (can.mute && mic && !mic.muted) {
      items.push({ id: 'mute-microphone', label: 'muteMicrophone', run: mute('microphone') });
    }
    if (can.mute && camera && !camera.muted) {
      items.push({ id: 'mute-camera', label: 'muteCamera', run: mute('camera') });
    }
    if (can.requestUnmute && mic?.muted) {
      items.push({
        id: 'ask-unmute-microphone',
        label: 'askUnmuteMicrophone',
        run: askUnmute('microphone'),
      });
    }
    if (can.requestUnmute && camera?.muted) {
      items.push({ id: 'ask-unmute-camera', label: 'askUnmuteCamera', run: askUnmute('camera') });
    }
    if (can.changeRole && this.otherRoles(peer).length > 0) {
      items.push({ id: 'change-role', label: 'changeRole', run: () => this.openRoleDialog(peer) });
    }
    if (can.changeRole && peer.handRaised) {
      items.push({
        id: 'lower-hand',
        label: 'lowerHand',
        run: () => this.perform((client) => client.lowerHand(peer.id)),
      });
    }
    if (can.removePeer) {
      items.push({ id: 'remove', label: 'remove', run: () => this.openRemoveDialog() });
    }
    return items;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#showDialog) {
      // Once, when asked: an update while it closes must not open it again.
      this.#showDialog = false;
      (this.dialog === 'change-role' ? this.roleDialog : this.removeDialog)?.showModal();
    }
    if (this.open && this.#focusOnOpen) {
      const items = this.menuItemElements();
      (this.#focusOnOpen === 'first' ? items[0] : items[items.length - 1])?.focus();
      this.#focusOnOpen = undefined;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
  }

  private menuItemElements(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  }

  private openMenu(focus: 'first' | 'last'): void {
    this.#focusOnOpen = focus;
    this.open = true;
  }

  private closeMenu({ returnFocus }: { returnFocus: boolean }): void {
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  private onTriggerClick(): void {
    if (this.open) this.closeMenu({ returnFocus: false });
    else this.openMenu('first');
  }

  private onTriggerKeyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
    } else if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.closeMenu({ returnFocus: true });
    }
  }

  private onMenuKeyDown(event: KeyboardEvent): void {
    const items = this.menuItemElements();
    const current = items.indexOf(this.shadowRoot!.activeElement as HTMLButtonElement);
    const move = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(current + 1);
      case 'ArrowUp':
        return move(current - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return this.closeMenu({ returnFocus: true });
      case 'Tab':
        this.open = false;
        return;
    }
  }

  private onFocusOut(event: FocusEvent): void {
    // Focus leaving the controls (a click elsewhere, Tab) closes the menu.
    const next = event.relatedTarget as Node | null;
    if (this.open && (!next || !this.shadowRoot!.contains(next))) this.open = false;
  }

  private choose(item: MenuItem): void {
    this.closeMenu({ returnFocus: true });
    item.run();
  }

  /** Runs a client call; a refusal or failure is shown and fired, never swallowed. */
  private async perform(call: (client: RoomClientApi) => Promise<unknown>): Promise<boolean> {
    const client = this.activeClient;
    if (!client) return false;
    try {
      await call(client);
      this.error = undefined;
      return true;
    } catch (error) {
      this.error = errorShapeOf(error);
      this.dispatchEvent(new ConveneErrorEvent(this.error));
      return false;
    }
  }

  private openRoleDialog(peer: PeerState): void {
    this.chosenRole = this.otherRoles(peer)[0]?.name ?? '';
    this.dialog = 'change-role';
    this.#showDialog = true;
  }

  private openRemoveDialog(): void {
    this.dialog = 'remove';
    this.#showDialog = true;
  }

  private onDialogClose(): void {
    this.dialog = undefined;
    this.trigger?.focus();
  }

  private async changeRole(peer: PeerState, force: boolean): Promise<void> {
    const role = this.chosenRole;
    this.roleDialog?.close();
    if (!role) return;
    await this.perform((client) => client.actions.changeRole(peer.id, role, { force }));
  }

  private async removePeer(peer: PeerState): Promise<void> {
    const reason = this.reasonInput?.value.trim() ?? '';
    this.removeDialog?.close();
    await this.perform((client) =>
      reason ? client.actions.removePeer(peer.id, reason) : client.actions.removePeer(peer.id),
    );
  }

  private renderError() {
    const error = this.error;
    if (!error) return nothing;
    return html`<div part="error" class="error" role="alert">
      <span>${this.#t.t('failed', { message: error.message })}</span>
      <button type="button" class="dismiss" @click=${() => (this.error = undefined)}>
        ${this.#t.t('dismiss')}
      </button>
    </div>`;
  }

  private renderRoleDialog(peer: PeerState) {
    const t = this.#t;
    return html`<dialog
      part="dialog change-role-dialog"
      aria-labelledby="role-title"
      @close=${this.onDialogClose}
    >
      <form method="dialog" @submit=${(event: Event) => event.preventDefault()}>
        <h2 part="dialog-title" id="role-title">${t.t('changeRoleTitle', { name: peer.name })}</h2>
        <p>${t.t('currentRole', { role: peer.role })}</p>
        <fieldset>
          <legend>${t.t('newRole')}</legend>
          ${this.otherRoles(peer).map(
            (role) =>
              html`<label part="role-option" class="role-option">
                <input
                  type="radio"
                  name="role"
                  .value=${role.name}
                  .checked=${role.name === this.chosenRole}
                  @change=${() => (this.chosenRole = role.name)}
                />
                ${role.name}
              </label>`,
          )}
        </fieldset>
        <div class="dialog-buttons">
          <button
            part="dialog-button"
            type="button"
            class="cancel"
            @click=${() => this.roleDialog?.close()}
          >
            ${t.t('cancel')}
          </button>
          <button
            part="dialog-button ask-first"
            type="button"
            class="ask-first"
            @click=${() => this.changeRole(peer, false)}
          >
            ${t.t('askFirst')}
          </button>
          <button
            part="dialog-button confirm"
            type="button"
            class="confirm change-now"
            @click=${() => this.changeRole(peer, true)}
          >
            ${t.t('changeNow')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private renderRemoveDialog(peer: PeerState) {
    const t = this.#t;
    return html`<dialog
      part="dialog remove-dialog"
      aria-labelledby="remove-title"
      aria-describedby="remove-explanation"
      @close=${this.onDialogClose}
    >
      <form method="dialog" @submit=${(event: Event) => event.preventDefault()}>
        <h2 part="dialog-title" id="remove-title">${t.t('removeTitle', { name: peer.name })}</h2>
        <p id="remove-explanation">${t.t('removeExplanation', { name: peer.name })}</p>
        <label class="reason-label">
          ${t.t('reason')}
          <input part="reason" type="text" maxlength="200" autocomplete="off" />
        </label>
        <div class="dialog-buttons">
          <button
            part="dialog-button"
            type="button"
            class="cancel"
            @click=${() => this.removeDialog?.close()}
          >
            ${t.t('cancel')}
          </button>
          <button
            part="dialog-button confirm danger"
            type="button"
            class="confirm danger"
            @click=${() => this.removePeer(peer)}
          >
            ${t.t('removeConfirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  override render() {
    const peer = this.shownPeer;
    const items = peer ? this.menuItems(peer) : [];
    if (!peer || items.length === 0) {
      return this.error ? html`<div part="base" class="base">${this.renderError()}</div>` : nothing;
    }
    const label = this.#t.t('actionsFor', { name: peer.name });
    return html`<div part="base" class="base" @focusout=${this.onFocusOut}>
      <button
        part="trigger"
        class="trigger"
        type="button"
        aria-label=${label}
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        @click=${this.onTriggerClick}
        @keydown=${this.onTriggerKeyDown}
      >
        ${icon(EllipsisVertical)}
      </button>
      <div
        part="menu"
        class="menu"
        id="menu"
        role="menu"
        aria-label=${label}
        ?hidden=${!this.open}
        @keydown=${this.onMenuKeyDown}
      >
        ${items.map(
          (item) =>
            html`<button
              part="menu-item${item.id === 'remove' ? ' danger' : ''}"
              class="menu-item"
              type="button"
              role="menuitem"
              tabindex="-1"
              data-action=${item.id}
              @click=${() => this.choose(item)}
            >
              ${this.#t.t(item.label)}
            </button>`,
        )}
      </div>
      ${this.renderError()} ${this.dialog === 'change-role' ? this.renderRoleDialog(peer) : nothing}
      ${this.dialog === 'remove' ? this.renderRemoveDialog(peer) : nothing}
    </div>`;
  }
}
