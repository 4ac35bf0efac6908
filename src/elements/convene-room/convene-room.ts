// <convene-room>: joins a room and hands its client to every element inside it through
// @lit/context; plays the room's remote audio; leaves when removed from the page.
import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { ConveneError } from '../../client/errors.ts';
import type {
  ConnectionState,
  ConnectionStatus,
  ErrorShape,
  JoinOptions,
  RoomClientApi,
} from '../../client/room-state.ts';
import { selectConnectionStatus } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { loadRoomClient } from './load-room-client.ts';
import { RoomClientEventsController } from './room-client-events.ts';
import { STRINGS } from './strings.ts';

const IN_ROOM: ReadonlySet<ConnectionState> = new Set(['connecting', 'connected', 'reconnecting']);

/** What the status part announces for each connection state. */
function statusText(
  status: ConnectionStatus,
  t: LocalizeController<keyof typeof STRINGS.en>,
): string {
  switch (status.connection) {
    case 'connecting':
      return t.t('connecting');
    case 'connected':
      return status.room ? t.t('connectedTo', { room: status.room.name }) : t.t('connected');
    case 'reconnecting':
      return t.t('reconnecting');
    case 'disconnected':
      if (status.removed?.reason === 'room ended')
        return t.t('roomEnded', { message: status.removed.message });
      if (status.removed) return t.t('removed', { message: status.removed.message });
      return t.t('left');
    case 'failed':
      return status.error ? t.t('failedBecause', { message: status.error.message }) : t.t('failed');
    default:
      return '';
  }
}

/** The `{code, message}` of anything a join threw, with defaults for what lacks them. */
function toErrorShape(error: unknown): ErrorShape {
  const { code, message } = (error ?? {}) as Partial<ErrorShape>;
  return {
    code: typeof code === 'string' ? code : 'join_failed',
    message: typeof message === 'string' && message ? message : 'Could not join the room.',
  };
}

/**
 * @summary Joins a room and provides its client to the elements inside it.
 *
 * Joins by `room-code` or `token` when it is in the document (unless `manual`; then `join()`),
 * and leaves when removed. Without a `client`, it creates the real RoomClient for `server`
 * the first time it joins, loading the media code only then. Elements inside take the client
 * from `roomClientContext` (consumed with `subscribe: true`) and read the state from its store
 * with StoreController and the selectors of the client. Remote audio plays from here, for every
 * peer, whatever the grid shows.
 *
 * @slot - The room's UI: a <convene-grid>, controls, anything.
 *
 * @event convene-joined - The local peer joined. `detail: { peerId }`.
 * @event convene-left - The local peer left or was removed. `detail: { reason }`.
 * @event convene-error - Joining, reconnecting or an action failed. `detail: { code, message }`.
 * @event convene-reconnecting - The connection was lost; retrying. `detail: { attempt }`.
 * @event convene-reconnected - Back in the room. `detail: { resumed }`.
 *
 * @csspart status - A live region announcing the connection state to screen readers
 *   (visually hidden; restyle it through ::part(status) to show it). Absent when `quiet`.
 */
export class ConveneRoom extends LitElement {
  static override styles = [
    componentStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
    `,
  ];

  readonly #t = new LocalizeController(this, STRINGS);
  private readonly clientProvider = new ContextProvider(this, { context: roomClientContext });
  private readonly status = new StoreController(this, {
    store: () => this.client?.store,
    select: selectConnectionStatus,
    equals: shallowEqual,
  });
  private readonly events = new RoomClientEventsController(this, () => this.client);
  private joining: Promise<void> | undefined;
  private autoJoin = false;

  /** The Convene server's origin; defaults to the page's. Read when the room creates its client. */
  @property() server?: string;

  /** The room code to join with (turned into an app token by the server). */
  @property({ attribute: 'room-code' }) roomCode?: string;

  /** An app token to join with, minted by your backend; used instead of `room-code`. */
  @property() token?: string;

  /** The local peer's display name. */
  @property() name?: string;

  /** The user id sent with a room code; the server picks one when unset. */
  @property({ attribute: 'user-id' }) userId?: string;

  /**
   * Do not announce the connection state: for a page whose own UI says it (<convene-meeting>'s
   * toasts do), so a screen reader does not hear it twice.
   */
  @property({ type: Boolean }) quiet = false;

  /** Do not join when added to the page: call `join()`. */
  @property({ type: Boolean }) manual = false;

  /** Publish the microphone on join (if the role allows). Property only. */
  @property({ attribute: false }) audio = true;

  /** Publish the camera on join (if the role allows). Property only. */
  @property({ attribute: false }) video = true;

  /**
   * The room client. Set one to share it or to use a mock (tests, Storybook); otherwise the room
   * creates a RoomClient when it first joins and exposes it here.
   */
  @property({ attribute: false }) client?: RoomClientApi;

  override connectedCallback(): void {
    super.connectedCallback();
    this.autoJoin = !this.manual;
    // Attributes set before connecting are handled by the first update; a room put back into
    // the page needs one to join again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.leaveAfterRemoval();
  }

  /**
   * Joins the room with the current attributes: resolves once in, rejects (and fires
   * convene-error) when the join fails. Calls made while a join is under way share it.
   */
  join(): Promise<void> {
    this.joining ??= this.runJoin().finally(() => {
      this.joining = undefined;
    });
    return this.joining;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.clientProvider.setValue(this.client);
  }

  protected override updated(): void {
    this.maybeAutoJoin();
  }

  private maybeAutoJoin(): void {
    const ready = this.isConnected && !this.manual && Boolean(this.roomCode || this.token);
    if (!this.autoJoin || !ready) return;
    this.autoJoin = false;
    if (this.client && IN_ROOM.has(this.client.store.state.connection)) return;
    // A failed join is reported as convene-error; nothing else is waiting for it.
    this.join().catch(() => undefined);
  }

  private joinOptions(): JoinOptions {
    const options: JoinOptions = { audio: this.audio, video: this.video };
    if (this.token) options.token = this.token;
    else if (this.roomCode) options.roomCode = this.roomCode;
    if (this.name) options.name = this.name;
    if (this.userId) options.userId = this.userId;
    return options;
  }

  private async runJoin(): Promise<void> {
    const errorsBefore = this.events.errorCount;
    try {
      if (!this.roomCode && !this.token) {
        throw new ConveneError(
          'invalid_request',
          'Set room-code or token on <convene-room> to join.',
        );
      }
      this.client ??= await loadRoomClient(this.server || location.origin);
      // The context and the event forwarding follow the new client before it joins.
      await this.updateComplete;
      if (!this.isConnected) {
        throw new ConveneError('cancelled', 'The room was removed from the page before it joined.');
      }
      await this.client.join(this.joinOptions());
    } catch (error) {
      // The client reports its own failures as error events; only add what it did not.
      if (this.events.errorCount === errorsBefore) {
        this.dispatchEvent(new ConveneErrorEvent(toErrorShape(error)));
      }
      throw error;
    }
  }

  /**
   * Leaves once a join under way has settled, unless the room is back in the page by then: a
   * room moved within the page reconnects in the same task and stays in the room.
   */
  private async leaveAfterRemoval(): Promise<void> {
    await this.joining?.catch(() => undefined);
    const client = this.client;
    if (this.isConnected || !client || !IN_ROOM.has(client.store.state.connection)) return;
    await client.leave().catch(() => undefined);
  }

  override render() {
    return html`<slot></slot>
      ${
        this.quiet
          ? nothing
          : html`<span part="status" class="visually-hidden" role="status"
              >${statusText(this.status.value, this.#t)}</span
            >`
      }
      <convene-audio-renderer .client=${this.client}></convene-audio-renderer>`;
  }
}
