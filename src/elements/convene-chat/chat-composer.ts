// The chat's composer: the draft, whom it goes to (everyone, a role, one peer), the byte limit,
// and sending it; with the form that shows them.
//
// A state object bound to the chat (it asks the chat to re-render, like a reactive controller,
// but has no lifecycle of its own) and its template, rather than a <convene-chat-composer> element:
// the form stays in <convene-chat>'s shadow root, so its parts (composer, recipient, input,
// limit, send-button) stay reachable as `convene-chat::part(...)` without exportparts, the labels
// keep pointing at their controls by id, and the composer shares the chat's one error line and
// its language instead of duplicating them behind a second shadow boundary.
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { SendHorizontal } from 'lucide';
import type { RoomClientApi } from '../../client/room-state.ts';
import { icon } from '../../styles/icons.ts';
import type { LocalizeController } from '../i18n/localize.ts';
import { recipientFromValue, type RecipientChoices } from './chat-recipients.ts';
import { reasonOf } from './error-reason.ts';
import type { STRINGS } from './strings.ts';

/** The byte count shows once a message passes this share of the limit. */
const LIMIT_SHOWN_FROM = 0.8;

const encoder = new TextEncoder();

type ChatStringKey = keyof (typeof STRINGS)['en'] & string;

export interface ChatComposerOptions {
  /** The room client messages go through. */
  client: () => RoomClientApi | undefined;
  /** The server's limit on a message, in bytes of UTF-8. */
  maxMessageBytes: () => number;
  /** The chat's strings, in its language. */
  localize: LocalizeController<ChatStringKey>;
  /** Shows what failed (or clears it, with undefined) in the chat's error line. */
  showError: (message: string | undefined) => void;
  /** A message went out: the chat scrolls to it. */
  sent: () => void;
}

export class ChatComposer {
  /** The text in the box. */
  get draft(): string {
    return this.#draft;
  }

  /** The recipient chosen: `room`, `role:<name>` or `peer:<id>`. */
  get recipient(): string {
    return this.#recipient;
  }

  get sending(): boolean {
    return this.#sending;
  }

  readonly #host: ReactiveControllerHost;
  readonly #options: ChatComposerOptions;
  #draft = '';
  #recipient = 'room';
  #sending = false;
  /** Names of peers chosen as recipients, for the option of one who has left since. */
  readonly #peerNames = new Map<string, string>();

  constructor(host: ReactiveControllerHost, options: ChatComposerOptions) {
    this.#host = host;
    this.#options = options;
  }

  #set(change: () => void): void {
    change();
    this.#host.requestUpdate();
  }

  /** Sends the message in the box to the chosen recipient; a failure keeps it in the box. */
  async send(): Promise<void> {
    const { client: clientOf, localize, showError, maxMessageBytes } = this.#options;
    const text = this.#draft.trim();
    const client = clientOf();
    if (!text || this.#sending) return;
    if (!client) {
      showError(localize.t('sendFailed', { reason: localize.t('notInRoom') }));
      return;
    }
    if (encoder.encode(text).length > maxMessageBytes()) {
      showError(localize.t('tooLong'));
      return;
    }
    this.#set(() => (this.#sending = true));
    showError(undefined);
    try {
      await client.sendMessage(text, { to: recipientFromValue(this.#recipient) });
      if (this.#draft.trim() === text) this.#set(() => (this.#draft = ''));
      this.#options.sent();
    } catch (error) {
      showError(localize.t('sendFailed', { reason: reasonOf(error) }));
    } finally {
      this.#set(() => (this.#sending = false));
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.send();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.send();
  }

  #onRecipientChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.#set(() => (this.#recipient = select.value));
    const name = select.selectedOptions[0]?.textContent;
    if (this.#recipient.startsWith('peer:') && name) this.#peerNames.set(this.#recipient, name);
  }

  /** The form: recipient, message box (named "Message"), the byte count, Send. */
  render({ roles, peers }: RecipientChoices) {
    const t = (key: ChatStringKey, params?: Record<string, string | number>) =>
      this.#options.localize.t(key, params);
    const max = this.#options.maxMessageBytes();
    const bytes = encoder.encode(this.#draft).length;
    const showLimit = bytes >= max * LIMIT_SHOWN_FROM;
    const over = bytes > max;
    const recipient = this.#recipient;
    const chosenPeerGone =
      recipient.startsWith('peer:') && !peers.some((p) => `peer:${p.id}` === recipient);
    const option = (value: string, label: string) =>
      html`<option value=${value} ?selected=${value === recipient}>${label}</option>`;
    return html`<form
      part="composer"
      class="composer"
      @submit=${(e: SubmitEvent) => this.#onSubmit(e)}
    >
      <div class="recipient-row">
        <label for="recipient">${t('recipient')}</label>
        <select
          id="recipient"
          part="recipient"
          .value=${live(recipient)}
          @change=${(e: Event) => this.#onRecipientChange(e)}
        >
          ${option('room', t('everyone'))}
          ${
            roles.length
              ? html`<optgroup label=${t('roles')}>
                  ${roles.map((role) => option(`role:${role}`, role))}
                </optgroup>`
              : nothing
          }
          ${
            peers.length || chosenPeerGone
              ? html`<optgroup label=${t('people')}>
                  ${peers.map((peer) => option(`peer:${peer.id}`, peer.name))}
                  ${
                    chosenPeerGone
                      ? option(
                          recipient,
                          t('peerLeft', { name: this.#peerNames.get(recipient) ?? '' }),
                        )
                      : nothing
                  }
                </optgroup>`
              : nothing
          }
        </select>
      </div>
      <label for="message" class="visually-hidden">${t('message')}</label>
      <div class="input-row">
        <textarea
          id="message"
          part="input"
          name="message"
          rows="2"
          aria-describedby=${showLimit ? 'hint limit' : 'hint'}
          aria-invalid=${over ? 'true' : 'false'}
          .value=${live(this.#draft)}
          @input=${(event: InputEvent) =>
            this.#set(() => (this.#draft = (event.target as HTMLTextAreaElement).value))}
          @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e)}
        ></textarea>
        <button
          part="send-button"
          class="send-button"
          type="submit"
          aria-disabled=${this.#sending || !this.#draft.trim() ? 'true' : 'false'}
        >
          ${icon(SendHorizontal)}<span>${t('send')}</span>
        </button>
      </div>
      <span id="hint" class="visually-hidden">${t('hint')}</span>
      <span id="limit" part="limit" class="limit ${over ? 'over' : ''}" ?hidden=${!showLimit}
        >${t('limit', { used: bytes, max })}</span
      >
    </form>`;
  }
}
