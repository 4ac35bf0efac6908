// <convene-chat>: the room's chat panel. The messages this peer may see, grouped by sender, with
// scroll-back through the history, a composer that sends to everyone, a role or one peer, and a
// pinned message shared through the session store.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ArrowDown, Pin, PinOff } from 'lucide';
import { selectCan } from '../../client/room-actions.ts';
import type { ChatMessage, RoomClientApi, RoomState } from '../../client/room-state.ts';
import { selectConnection, selectLocalPeer } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { ResizeController } from '../../controllers/resize-controller.ts';
import { StoreController } from '../../controllers/store-controller.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { LocalizeController } from '../i18n/localize.ts';
import { groupMessages, type MessageGroup, type MessageScope } from './chat-groups.ts';
import { ChatComposer } from './chat-composer.ts';
import { selectRecipientChoices } from './chat-recipients.ts';
import { ChatScrollController } from './chat-scroll-controller.ts';
import styles from './convene-chat.styles.ts';
import { reasonOf } from './error-reason.ts';
import { messagePieces } from './message-text.ts';
import {
  PINNED_MESSAGE_KEY,
  pinnedMessageOf,
  readPinnedMessage,
  type PinnedMessage,
} from './pinned-message.ts';
import { STRINGS } from './strings.ts';
import { VisibilityController } from './visibility-controller.ts';

/**
 * The server's default limit on a message, in bytes of UTF-8 (`CONVENE_CHAT_MAX_BYTES`); a
 * server configured otherwise is matched with the `max-message-bytes` attribute.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 4096;
/** Messages asked for per scroll-back. */
const OLDER_PAGE_SIZE = 50;

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** A message's time of day (today) or date and time (before), in `language`; made once each. */
function timeFormat(language: string, kind: 'time' | 'date-time'): Intl.DateTimeFormat {
  const key = `${language} ${kind}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language,
      kind === 'time'
        ? { hour: 'numeric', minute: '2-digit' }
        : { dateStyle: 'medium', timeStyle: 'short' },
    );
    timeFormats.set(key, format);
  }
  return format;
}

const selectMessages = (state: RoomState) => state.messages;
const selectHasOlder = (state: RoomState) => state.hasOlderMessages;
const selectUnread = (state: RoomState) => state.unreadMessages;
const selectLocalPeerId = (state: RoomState) => state.localPeerId;
const selectLocalName = (state: RoomState) => selectLocalPeer(state)?.name;
const selectPinnedValue = (state: RoomState) => state.sessionStore.get(PINNED_MESSAGE_KEY)?.value;

/**
 * @summary The room's chat: messages, scroll-back, a composer, and a pinned message.
 *
 * Messages are plain text; http(s) URLs in them become links that open in a new tab. Hosts
 * (roles with the `changeRole` or `endRoom` permission) may pin a message: it is kept in the
 * session store under `pinnedMessage` as `{id, text, senderName, pinnedBy}`.
 *
 * @csspart base - The chat: a labelled region holding everything.
 * @csspart pinned - The pinned message bar.
 * @csspart pinned-label - "Pinned message" and who sent it.
 * @csspart pinned-text - The pinned message's text.
 * @csspart unpin-button - Removes the pinned message (hosts only).
 * @csspart messages - The scrolling message list (a log).
 * @csspart load-earlier - The "Load earlier messages" button.
 * @csspart empty - Shown while there are no messages.
 * @csspart group - Consecutive messages from one sender to the same recipients.
 * @csspart group-header - The group's sender, role, recipients and time.
 * @csspart sender - The sender's name ("You" for one's own, "Announcement" for the server's).
 * @csspart role - The sender's role badge.
 * @csspart recipients - "to you", "to {roles}", "to {name}" on messages not sent to everyone.
 * @csspart time - When the group's first message was sent.
 * @csspart message - One message.
 * @csspart text - The message's text.
 * @csspart link - A link in a message.
 * @csspart pin-button - Pins a message (hosts only; aria-pressed when it is the pinned one).
 * @csspart jump-button - "New messages": scrolls to the newest.
 * @csspart error - What failed (sending, loading, pinning), with a dismiss button.
 * @csspart composer - The form: recipient, message box, send button.
 * @csspart recipient - The recipient <select>.
 * @csspart input - The message <textarea>.
 * @csspart limit - The byte count, shown near the limit.
 * @csspart send-button - The send button.
 * @csspart icon - The icons.
 *
 * @cssproperty --convene-color-accent - Links, the send button, one's own name.
 * @cssproperty --convene-color-danger - Errors and a message over the limit.
 */
export class ConveneChat extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);
  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  private readonly visibility = new VisibilityController(this);
  // A resized list (a panel opened, a window resized) re-renders, and keeps a reader at the end.
  private readonly listSize = new ResizeController(this, { target: () => this.list });
  readonly #store = () => this.activeClient?.store;
  private readonly messages = new StoreController(this, {
    store: this.#store,
    select: selectMessages,
  });
  private readonly hasOlder = new StoreController(this, {
    store: this.#store,
    select: selectHasOlder,
  });
  private readonly unread = new StoreController(this, { store: this.#store, select: selectUnread });
  private readonly localPeerId = new StoreController(this, {
    store: this.#store,
    select: selectLocalPeerId,
  });
  private readonly localPeerName = new StoreController(this, {
    store: this.#store,
    select: selectLocalName,
  });
  private readonly connection = new StoreController(this, {
    store: this.#store,
    select: selectConnection,
  });
  private readonly can = new StoreController(this, { store: this.#store, select: selectCan });
  private readonly choices = new StoreController(this, {
    store: this.#store,
    select: selectRecipientChoices,
  });
  private readonly pinnedValue = new StoreController(this, {
    store: this.#store,
    select: selectPinnedValue,
  });
  private readonly listScroll = new ChatScrollController(this, {
    list: () => this.list,
    messages: () => this.messages.value,
    isOwn: (message) => message.sender?.peerId === this.localPeerId.value,
    messageElement: (id) =>
      this.list?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`) ?? null,
  });

  private readonly composer = new ChatComposer(this, {
    client: () => this.activeClient,
    maxMessageBytes: () => this.maxMessageBytes,
    localize: this.#t,
    showError: (message) => (this.error = message),
    sent: () => this.scrollToLatest(),
  });

  @query('[part~="messages"]') private readonly list!: HTMLElement | null;

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  /** The server's limit on a message in bytes of UTF-8 (`CONVENE_CHAT_MAX_BYTES`). */
  @property({ type: Number, attribute: 'max-message-bytes' })
  maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

  @state() private loadingOlder = false;
  @state() private error: string | undefined;

  #observedFor: RoomClientApi | undefined;

  private get activeClient(): RoomClientApi | undefined {
    return this.client ?? this.roomClient.value;
  }

  /** Hosts pin: 100ms has no pin permission; roles that manage others (changeRole, endRoom) do. */
  private get mayPin(): boolean {
    const can = this.can.value;
    return can.changeRole || can.endRoom;
  }

  private get pinned(): PinnedMessage | undefined {
    return readPinnedMessage(this.pinnedValue.value);
  }

  /** Scrolls the list to the newest message. */
  scrollToLatest(): void {
    this.listScroll.scrollToLatest();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observedFor = undefined;
  }

  protected override updated(): void {
    // Leaving forgets what was observed; a later join of the same client observes again.
    const connection = this.connection.value;
    if (connection === 'idle' || connection === 'disconnected' || connection === 'failed') {
      this.#observedFor = undefined;
    }
    this.#observePinned();
    // After this update: marking read changes the store, which asks for another update.
    queueMicrotask(() => this.#markReadIfSeen());
  }

  /** Follows the pinned message once the room is joined (observing needs a connection). */
  #observePinned(): void {
    const client = this.activeClient;
    if (!client || client === this.#observedFor || this.connection.value !== 'connected') return;
    this.#observedFor = client;
    client.sessionStore.observe(PINNED_MESSAGE_KEY).catch((error: unknown) => {
      this.error = this.#t.t('pinUnavailable', { reason: reasonOf(error) });
    });
  }

  #markReadIfSeen(): void {
    if (!this.isConnected || !this.visibility.value || !this.listScroll.atBottom) return;
    if (this.unread.value > 0) this.activeClient?.markMessagesRead();
  }

  #onScroll(): void {
    const list = this.list;
    if (!list) return;
    this.listScroll.measure();
    if (this.listScroll.atBottom) this.#markReadIfSeen();
    if (list.scrollTop <= 0 && this.hasOlder.value) void this.loadOlder();
  }

  /** Loads a page of older messages, keeping the ones on screen where they are. */
  async loadOlder(): Promise<void> {
    const client = this.activeClient;
    if (!client || this.loadingOlder) return;
    const button = this.renderRoot.querySelector('[part~="load-earlier"]');
    const hadFocus = button !== null && this.shadowRoot?.activeElement === button;
    this.loadingOlder = true;
    try {
      await client.loadOlderMessages(OLDER_PAGE_SIZE);
    } catch (error) {
      this.error = this.#t.t('loadFailed', { reason: reasonOf(error) });
    } finally {
      this.loadingOlder = false;
    }
    await this.updateComplete;
    // The button goes once nothing older is left: the focus moves to the list, not the body.
    if (hadFocus && !this.hasOlder.value) this.list?.focus();
  }

  /** Sends the message in the box to the chosen recipient; a failure keeps it in the box. */
  send(): Promise<void> {
    return this.composer.send();
  }

  async #setPinned(message: ChatMessage | null): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    try {
      const value = message ? pinnedMessageOf(message, this.localPeerName.value ?? null) : null;
      await client.sessionStore.set(PINNED_MESSAGE_KEY, value);
    } catch (error) {
      this.error = this.#t.t('pinFailed', { reason: reasonOf(error) });
    }
  }

  #formatTime(iso: string): string {
    const time = new Date(iso);
    if (Number.isNaN(time.getTime())) return '';
    const today = new Date().toDateString() === time.toDateString();
    return timeFormat(this.#t.language, today ? 'time' : 'date-time').format(time);
  }

  #senderName(message: ChatMessage | MessageGroup): string {
    const sender = message.sender;
    if (!sender) return this.#t.t('server');
    return sender.peerId === this.localPeerId.value ? this.#t.t('you') : sender.name;
  }

  #scopeText(scope: MessageScope): string | undefined {
    switch (scope.kind) {
      case 'you':
        return this.#t.t('toYou');
      case 'roles':
        return this.#t.t('toRoles', {
          roles: new Intl.ListFormat(this.#t.language).format(scope.roles),
        });
      case 'peer': {
        const peer = this.choices.value.peers.find((p) => p.id === scope.peerId);
        return this.#t.t('toPeer', { name: peer?.name ?? this.#t.t('someoneWhoLeft') });
      }
      default:
        return undefined;
    }
  }

  #renderText(text: string) {
    return messagePieces(text).map((piece) =>
      'href' in piece
        ? html`<a part="link" href=${piece.href} target="_blank" rel="noopener noreferrer nofollow"
            >${piece.text}</a
          >`
        : piece.text,
    );
  }

  /**
   * A message's text; after the first of a group, who said it and when, for a screen reader that
   * lands on it alone. Kept on one line with its <p>: the text is pre-wrap, so the template's
   * own line breaks and indentation would show.
   */
  #renderLine(message: ChatMessage, repeatedSender: string | null) {
    const said = repeatedSender
      ? html`<span class="visually-hidden"
          >${this.#t.t('senderSays', {
            name: repeatedSender,
            time: this.#formatTime(message.time),
          })}</span
        >`
      : nothing;
    return html`${said}${this.#renderText(message.message)}`;
  }

  #renderPinned() {
    const pinned = this.pinned;
    if (!pinned) return nothing;
    const from = pinned.senderName ?? this.#t.t('server');
    return html`<section part="pinned" class="pinned" aria-label=${this.#t.t('pinned')}>
      <span class="pinned-icon">${icon(Pin)}</span>
      <div class="pinned-body">
        <span part="pinned-label" class="pinned-label"
          >${this.#t.t('pinned')} · ${this.#t.t('pinnedFrom', { name: from })}</span
        >
        <p part="pinned-text" class="text">${this.#renderText(pinned.text)}</p>
      </div>
      ${
        this.mayPin
          ? html`<button
              part="unpin-button"
              class="icon-button"
              type="button"
              @click=${() => this.#setPinned(null)}
            >
              ${icon(PinOff)}<span class="visually-hidden">${this.#t.t('unpin')}</span>
            </button>`
          : nothing
      }
    </section>`;
  }

  #renderGroup(group: MessageGroup) {
    const name = this.#senderName(group);
    const scope = this.#scopeText(group.scope);
    const first = group.messages[0]!;
    const own = group.sender !== null && group.sender.peerId === this.localPeerId.value;
    const pinnedId = this.pinned?.id;
    return html`<div
      part="group${group.sender ? '' : ' server'}"
      class="group ${own ? 'own' : ''} ${group.sender ? '' : 'server'} ${
        group.scope.kind !== 'room' ? 'private' : ''
      }"
    >
      <div part="group-header" class="group-header">
        <span part="sender" class="sender">${name}</span>
        ${group.sender ? html`<span part="role" class="role">${group.sender.role}</span>` : nothing}
        ${scope ? html`<span part="recipients" class="recipients">${scope}</span>` : nothing}
        <time part="time" class="time" datetime=${first.time}>${this.#formatTime(first.time)}</time>
      </div>
      ${repeat(
        group.messages,
        (message) => message.id,
        (message, index) =>
          html`<div part="message" class="message" data-message-id=${message.id}>
            <p part="text" class="text">${this.#renderLine(message, index > 0 ? name : null)}</p>
            ${
              this.mayPin
                ? html`<button
                    part="pin-button"
                    class="icon-button pin-button"
                    type="button"
                    aria-pressed=${message.id === pinnedId ? 'true' : 'false'}
                    @click=${() => this.#setPinned(message.id === pinnedId ? null : message)}
                  >
                    ${icon(Pin)}<span class="visually-hidden">${this.#t.t('pin')}</span>
                  </button>`
                : nothing
            }
          </div>`,
      )}
    </div>`;
  }

  override render() {
    const messages = this.messages.value;
    const groups = groupMessages(messages, this.localPeerId.value);
    return html`<section part="base" class="base" aria-label=${this.#t.t('chat')}>
      ${this.#renderPinned()}
      <div class="list-area">
        <div
          part="messages"
          class="messages"
          role="log"
          aria-label=${this.#t.t('messages')}
          aria-busy=${this.loadingOlder ? 'true' : 'false'}
          tabindex="0"
          @scroll=${this.#onScroll}
        >
          ${
            this.hasOlder.value
              ? html`<button
                  part="load-earlier"
                  class="load-earlier"
                  type="button"
                  aria-disabled=${this.loadingOlder ? 'true' : 'false'}
                  @click=${() => this.loadOlder()}
                >
                  ${this.loadingOlder ? this.#t.t('loadingEarlier') : this.#t.t('loadEarlier')}
                </button>`
              : nothing
          }
          ${
            messages.length === 0
              ? html`<p part="empty" class="empty">${this.#t.t('empty')}</p>`
              : nothing
          }
          ${repeat(
            groups,
            (group) => group.key,
            (group) => this.#renderGroup(group),
          )}
        </div>
        ${
          this.listScroll.newMessages
            ? html`<button
                part="jump-button"
                class="jump-button"
                type="button"
                @click=${() => this.scrollToLatest()}
              >
                ${icon(ArrowDown)}<span>${this.#t.t('newMessages')}</span>
              </button>`
            : nothing
        }
      </div>
      ${
        this.error
          ? html`<div part="error" class="error" role="alert">
              <span>${this.error}</span>
              <button
                class="icon-button"
                type="button"
                aria-label=${this.#t.t('dismiss')}
                @click=${() => (this.error = undefined)}
              >
                ×
              </button>
            </div>`
          : nothing
      }
      ${this.composer.render(this.choices.value)}
    </section>`;
  }
}
