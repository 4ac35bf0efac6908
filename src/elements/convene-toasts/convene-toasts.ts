// <convene-toasts>: what happens in the room, told briefly: peers joining and leaving (bursts
// told as one), hands raised, the connection lost and back, errors, my role changing, and
// requests aimed at me with Accept / Decline.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { X } from 'lucide';
import type { ActionRequest, RoomClientApi } from '../../client/room-state.ts';
import { roomClientContext } from '../../context.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-toasts.styles.ts';
import { RoomToastSources } from './room-toast-sources.ts';
import { STRINGS } from './strings.ts';
import { ToastTimers } from './toast-timers.ts';
import { TOAST_TYPES, addToast, batchInto, isAlert, isPersistent } from './toast-list.ts';
import type { Toast, ToastContent, ToastType } from './toast-list.ts';

export type { ToastType };
export type ToastPlacement = 'top-end' | 'bottom-center';

const UNMUTE_KEYS = {
  microphone: 'askUnmuteMicrophone',
  camera: 'askUnmuteCamera',
  screen: 'askUnmuteScreen',
  'screen-audio': 'askUnmuteScreenAudio',
} as const;

/** `silent-types="join leave"` as a list of known types. */
const typeList = {
  fromAttribute: (value: string | null): ToastType[] =>
    (value ?? '')
      .split(/\s+/)
      .filter((name): name is ToastType => (TOAST_TYPES as readonly string[]).includes(name)),
  toAttribute: (value: readonly ToastType[]) => value.join(' '),
};

/**
 * @summary What happens in the room, told briefly in toasts.
 *
 * Place inside a <convene-room>. Tells of peers joining and leaving after I joined (never the
 * peers already there; a burst becomes one toast, "Ada and 3 others joined"), hands raised, the
 * connection lost (shown until it is back, then "Reconnected"), errors the client reports, my
 * role changing, and requests aimed at me (asked to unmute, offered a role) with Accept and
 * Decline, shown until answered, expired or withdrawn; a failed answer shows its error.
 *
 * Joins, leaves, hands, role changes and "Reconnected" leave after `duration`; the timers pause
 * while the pointer is over the toasts or focus is in them. Errors stay until dismissed (the
 * Dismiss button, or Escape in the toast). At most `max` toasts are shown, the oldest leaving
 * first; requests waiting for an answer are never dropped. Errors and requests are announced
 * in an assertive live region (role="alert"), the rest in a polite one (role="status"). Nothing
 * ever takes focus: the buttons are next in the tab order.
 *
 * Joins and leaves get noisy in big rooms: they are not told while the room holds more than
 * `presence-limit` peers (20 by default). `silent-types` turns kinds off altogether.
 *
 * @csspart base - The stack holding both live regions.
 * @csspart alerts - The assertive live region: errors and requests.
 * @csspart status - The polite live region: everything else.
 * @csspart toast - Each toast; each also has its type's part:
 * @csspart toast-join - People joined.
 * @csspart toast-leave - People left.
 * @csspart toast-hand - A hand was raised.
 * @csspart toast-connection - The connection was lost or is back.
 * @csspart toast-error - Something failed.
 * @csspart toast-role - My role changed.
 * @csspart toast-request - A request to answer (unmute, a new role).
 * @csspart message - A toast's text.
 * @csspart actions - A request's buttons.
 * @csspart button - Accept and Decline.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @csspart dismiss - The close button, named "Dismiss".
 * @csspart icon - The close button's icon.
 *
 * @cssproperty --convene-toasts-width - The toasts' width (default 22rem, at most the viewport).
 * @cssproperty --convene-toasts-z-index - Their stacking order over the page (default 1000).
 * @cssproperty --convene-color-surface - A toast's background.
 * @cssproperty --convene-color-accent - The Accept button and a request's edge.
 * @cssproperty --convene-color-danger - An error's edge.
 */
export class ConveneToasts extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  readonly #timers = new ToastTimers((id) => this.#remove(id));
  #nextId = 0;
  #hovered = false;
  /** The connection was lost and is not back yet. */
  #reconnecting = false;
  #focused = false;
  /** Where focus was before it came into the toasts: it goes back there when they are gone. */
  #returnFocus: HTMLElement | null = null;

  /** Where the toasts appear: `top-end` (the inline end of the top) or `bottom-center`. */
  @property({ reflect: true }) placement: ToastPlacement = 'top-end';

  /** How long informational toasts stay, in milliseconds. */
  @property({ type: Number }) duration = 5000;

  /** The most toasts shown at once; the oldest leave first. */
  @property({ type: Number }) max = 4;

  /**
   * Kinds never shown, space-separated: `join`, `leave`, `hand`, `connection`, `error`, `role`,
   * `request`.
   */
  @property({ attribute: 'silent-types', converter: typeList }) silentTypes: readonly ToastType[] =
    [];

  /** Joins and leaves are not told while the room holds more peers than this. */
  @property({ type: Number, attribute: 'presence-limit' }) presenceLimit = 20;

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  @state() private toasts: readonly Toast[] = [];

  get #client(): RoomClientApi | undefined {
    return this.client ?? this.#roomClient.value;
  }

  constructor() {
    super();
    new RoomToastSources(this, () => this.#client, {
      peersJoined: (names, count) => this.#presence('join', names, count),
      peersLeft: (names, count) => this.#presence('leave', names, count),
      handRaised: (name) => this.#show({ type: 'hand', name }),
      reconnecting: () => {
        this.#reconnecting = true;
        this.#show({ type: 'connection', state: 'reconnecting' }, 'connection');
      },
      reconnected: () => {
        // Told even when the reconnecting toast was dismissed; never without a loss before.
        if (!this.#reconnecting) return;
        this.#reconnecting = false;
        this.#show({ type: 'connection', state: 'reconnected' }, 'connection');
      },
      ended: () => {
        this.#reconnecting = false;
        this.#remove('connection');
      },
      error: (error) => this.#show({ type: 'error', message: error.message }),
      roleChanged: (role) => this.#show({ type: 'role', role }),
      requestAdded: (request) => this.#request(request),
      requestRemoved: (requestId) => this.#remove(`request-${requestId}`),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing outlives the element: requests still waiting come back from the store on return.
    this.#timers.clear();
    this.toasts = [];
    this.#hovered = this.#focused = false;
  }

  /** Shows `content` (replacing the toast with the same `id`), timed unless it is persistent. */
  #show(content: ToastContent, id = `toast-${++this.#nextId}`): void {
    if (this.silentTypes.includes(content.type)) return;
    const toast = { ...content, id } as Toast;
    this.#timers.stop(id);
    const others = this.toasts.filter((shown) => shown.id !== id);
    const next = addToast(others, toast, this.max);
    for (const gone of this.toasts) if (!next.includes(gone)) this.#timers.stop(gone.id);
    this.toasts = next;
    if (!isPersistent(toast)) this.#timers.start(id, this.duration);
  }

  #presence(type: 'join' | 'leave', names: string[], peerCount: number): void {
    if (peerCount > this.presenceLimit) return;
    const batch = batchInto(this.toasts, type);
    const earlier = batch && 'names' in batch ? batch.names : [];
    // The burst goes on as one toast, where it was, its time starting again.
    if (batch) this.#replace(batch.id, { type, names: [...earlier, ...names] });
    else this.#show({ type, names });
    if (batch) this.#timers.start(batch.id, this.duration);
  }

  #request(request: ActionRequest): void {
    const id = `request-${request.id}`;
    if (this.toasts.some((toast) => toast.id === id)) return;
    const left = Date.parse(request.expiresAt) - Date.now();
    if (!(left > 0)) return;
    this.#show({ type: 'request', request }, id);
    if (this.toasts.some((toast) => toast.id === id))
      this.#timers.start(id, left, { pausable: false });
  }

  #replace(id: string, content: ToastContent): void {
    this.toasts = this.toasts.map((toast) =>
      toast.id === id ? ({ ...content, id } as Toast) : toast,
    );
  }

  /** Removes a toast; answers whether it was shown. */
  #remove(id: string): boolean {
    this.#timers.stop(id);
    const next = this.toasts.filter((toast) => toast.id !== id);
    if (next.length === this.toasts.length) return false;
    const focused = this.shadowRoot?.activeElement?.closest<HTMLElement>('[data-id]');
    this.toasts = next;
    if (focused?.dataset.id === id) void this.#keepFocus(focused);
    return true;
  }

  /**
   * The toast holding focus is going (answered, dismissed, expired): focus moves to the toast
   * that takes its place, or back where it came from, never lost to the page's body.
   */
  async #keepFocus(leaving: HTMLElement): Promise<void> {
    const toasts = [...this.shadowRoot!.querySelectorAll<HTMLElement>('[data-id]')];
    const index = toasts.indexOf(leaving);
    await this.updateComplete;
    const remaining = [...this.shadowRoot!.querySelectorAll<HTMLElement>('[data-id]')];
    const target = remaining[Math.min(index, remaining.length - 1)]?.querySelector('button');
    if (target) target.focus();
    else if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
    // A removed element takes focus away without a focusout: the timers must not stay held.
    this.#focused = this.shadowRoot!.activeElement !== null;
    this.#pauseIfAttended();
  }

  async #answer(toast: Toast & { type: 'request' }, accept: boolean): Promise<void> {
    const client = this.#client;
    if (toast.answering || !client) return;
    this.#replace(toast.id, { ...toast, answering: true });
    try {
      const { id } = toast.request;
      await (accept ? client.actions.accept(id) : client.actions.decline(id));
      this.#remove(toast.id);
    } catch (error) {
      const shown = this.toasts.find((candidate) => candidate.id === toast.id);
      if (shown) this.#replace(toast.id, { ...toast, answering: false });
      const message = (error as { message?: unknown } | null)?.message;
      const text = typeof message === 'string' && message ? message : String(error);
      this.#show({ type: 'error', message: this.#t.t('answerFailed', { message: text }) });
    }
  }

  #pauseIfAttended(): void {
    if (this.#hovered || this.#focused) this.#timers.pause();
    else this.#timers.resume();
  }

  readonly #onPointerEnter = () => {
    this.#hovered = true;
    this.#pauseIfAttended();
  };
  readonly #onPointerLeave = () => {
    this.#hovered = false;
    this.#pauseIfAttended();
  };
  readonly #onFocusIn = (event: FocusEvent) => {
    const from = event.relatedTarget;
    if (!this.#focused && from instanceof HTMLElement && from !== this) this.#returnFocus = from;
    this.#focused = true;
    this.#pauseIfAttended();
  };
  readonly #onFocusOut = (event: FocusEvent) => {
    const base = event.currentTarget as HTMLElement;
    this.#focused = base.contains(event.relatedTarget as Node | null);
    this.#pauseIfAttended();
  };

  #text(toast: Toast): string {
    const t = this.#t;
    switch (toast.type) {
      case 'join':
      case 'leave': {
        const [name = '', other = ''] = toast.names;
        const count = toast.names.length - 1;
        const prefix = toast.type === 'join' ? 'joined' : 'left';
        if (count === 0) return t.t(`${prefix}One`, { name });
        if (count === 1) return t.t(`${prefix}Two`, { name, other });
        return t.t(`${prefix}Many`, { name, count });
      }
      case 'hand':
        return t.t('handRaised', { name: toast.name });
      case 'connection':
        return t.t(toast.state);
      case 'error':
        return toast.message;
      case 'role':
        return t.t('roleChanged', { role: toast.role });
      case 'request': {
        const { request } = toast;
        const name = request.from?.name ?? t.t('fromRoom');
        if (request.kind === 'changeRole')
          return t.t('offerRole', { name, role: request.role ?? '' });
        return t.t(UNMUTE_KEYS[request.source ?? 'microphone'], { name });
      }
    }
  }

  #renderToast(toast: Toast) {
    const dismissible = toast.type !== 'request';
    return html`<div
      part="toast toast-${toast.type}"
      class="toast"
      data-id=${toast.id}
      data-type=${toast.type}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape' && dismissible) this.#remove(toast.id);
      }}
    >
      <p part="message" class="message">${this.#text(toast)}</p>
      ${
        toast.type === 'request'
          ? html`<div part="actions" class="actions">
              <button
                part="button accept"
                class="accept"
                aria-disabled=${toast.answering ? 'true' : 'false'}
                @click=${() => this.#answer(toast, true)}
              >
                ${this.#t.t('accept')}
              </button>
              <button
                part="button decline"
                class="decline"
                aria-disabled=${toast.answering ? 'true' : 'false'}
                @click=${() => this.#answer(toast, false)}
              >
                ${this.#t.t('decline')}
              </button>
            </div>`
          : nothing
      }
      ${
        dismissible
          ? html`<button
              part="dismiss"
              class="dismiss"
              aria-label=${this.#t.t('dismiss')}
              title=${this.#t.t('dismiss')}
              @click=${() => this.#remove(toast.id)}
            >
              ${icon(X)}
            </button>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const alerts = this.toasts.filter(isAlert);
    const status = this.toasts.filter((toast) => !isAlert(toast));
    const key = (toast: Toast) => toast.id;
    return html`<div
      part="base"
      class="stack"
      @pointerenter=${this.#onPointerEnter}
      @pointerleave=${this.#onPointerLeave}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
    >
      <div
        part="alerts"
        class="region"
        role="alert"
        aria-atomic="false"
        aria-label=${this.#t.t('alerts')}
      >
        ${repeat(alerts, key, (toast) => this.#renderToast(toast))}
      </div>
      <div
        part="status"
        class="region"
        role="status"
        aria-atomic="false"
        aria-label=${this.#t.t('region')}
      >
        ${repeat(status, key, (toast) => this.#renderToast(toast))}
      </div>
    </div>`;
  }
}
