// Where the chat list is scrolled to as messages come and go: a reader at the bottom follows new
// messages (and one's own always brings the list there), a reader further up stays put and is
// offered a jump to them, and older messages going in above keep what is on screen in place.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../../client/room-state.ts';

/** A list scrolled this close to its end counts as at the bottom (CSS pixels). */
const BOTTOM_SLACK = 8;

export interface ChatScrollOptions {
  /** The scrolling list, once rendered. */
  list: () => HTMLElement | null;
  /** The messages about to be rendered. */
  messages: () => readonly ChatMessage[];
  /** Whether the local peer sent this message. */
  isOwn: (message: ChatMessage) => boolean;
  /** The rendered element of a message, by id. */
  messageElement: (id: string) => HTMLElement | null;
}

type PendingScroll = { to: 'bottom' } | { to: 'anchor'; id: string; offset: number };

export class ChatScrollController implements ReactiveController {
  /** The reader is at the newest message (or the list does not scroll). */
  atBottom = true;
  /** Messages arrived below while the reader was further up. */
  newMessages = false;

  readonly #host: ReactiveControllerHost;
  readonly #options: ChatScrollOptions;
  #rendered: readonly ChatMessage[] = [];
  #pending: PendingScroll | undefined;

  constructor(host: ReactiveControllerHost, options: ChatScrollOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Scrolls to the newest message at the next update. */
  scrollToLatest(): void {
    this.newMessages = false;
    this.atBottom = true;
    this.#pending = { to: 'bottom' };
    this.#host.requestUpdate();
  }

  /** The list scrolled: is the reader at the bottom now? */
  measure(): void {
    const list = this.#options.list();
    if (!list) return;
    this.atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= BOTTOM_SLACK;
    if (this.atBottom && this.newMessages) {
      this.newMessages = false;
      this.#host.requestUpdate();
    }
  }

  /** Before the render: note how the messages changed, while the old ones are on screen. */
  hostUpdate(): void {
    const messages = this.#options.messages();
    if (messages === this.#rendered) return;
    const before = this.#rendered;
    this.#rendered = messages;
    const list = this.#options.list();
    if (!list || before.length === 0) {
      this.#pending = { to: 'bottom' };
      return;
    }
    const last = messages[messages.length - 1];
    const appended = last !== undefined && last.id !== before[before.length - 1]?.id;
    if (appended && (this.atBottom || this.#options.isOwn(last))) {
      this.#pending = { to: 'bottom' };
      return;
    }
    if (appended) this.newMessages = true;
    const first = before[0]!;
    if (messages[0]?.id !== first.id) {
      const element = this.#options.messageElement(first.id);
      if (element) {
        this.#pending = { to: 'anchor', id: first.id, offset: element.offsetTop - list.scrollTop };
      }
    }
  }

  /** After the render: scroll as noted; a reader at the bottom stays there through resizes. */
  hostUpdated(): void {
    const list = this.#options.list();
    const pending = this.#pending;
    this.#pending = undefined;
    if (!list) return;
    if (pending?.to === 'anchor') {
      const element = this.#options.messageElement(pending.id);
      if (element) list.scrollTop = element.offsetTop - pending.offset;
      return;
    }
    if (pending || this.atBottom) {
      list.scrollTop = list.scrollHeight;
      this.atBottom = true;
    }
  }
}
