// The frame side of the iframe embed: answers the parent's handshake, runs its commands on
// <convene-meeting> and sends back each reply, forwards the meeting's events, and reports the
// page's height when asked. Only messages from an allowed origin are heard; others are logged
// and dropped.
import type { ConveneMeeting } from '../../elements/convene-meeting/convene-meeting.ts';
import {
  answerHello,
  embedMessage,
  isEmbedMessage,
  type EmbedError,
  type EmbedMessage,
} from '../../embed/contract.ts';
import { runCommand } from './meeting-commands.ts';
import { MeetingEvents } from './meeting-events.ts';

/** The `{code, message}` of anything a command threw. */
function toEmbedError(error: unknown): EmbedError {
  const { code, message } = (error ?? {}) as Partial<EmbedError>;
  return {
    code: typeof code === 'string' ? code : 'command_failed',
    message: typeof message === 'string' && message ? message : 'The command failed.',
  };
}

/** The parent this frame talks to, once it said hello in our version. */
interface Parent {
  window: MessageEventSource;
  origin: string;
}

/** Events kept for a parent that has not said hello yet (a skip_preview join is that quick). */
const MAX_EARLY_EVENTS = 100;

export class FrameBridge {
  readonly #meeting: ConveneMeeting;
  readonly #allowed: ReadonlySet<string>;
  #parent: Parent | undefined;
  readonly #events: MeetingEvents;
  #early: EmbedMessage[] = [];
  #heightObserver: ResizeObserver | undefined;
  readonly #onMessage = (event: MessageEvent) => this.#receive(event);

  constructor(meeting: ConveneMeeting, allowedOrigins: ReadonlySet<string>) {
    this.#meeting = meeting;
    this.#allowed = allowedOrigins;
    window.addEventListener('message', this.#onMessage);
    this.#events = new MeetingEvents(meeting, (name, payload) => {
      const message = embedMessage({ kind: 'event', name, payload });
      if (this.#parent) this.#post(message);
      else if (this.#early.length < MAX_EARLY_EVENTS) this.#early.push(message);
    });
  }

  #post(message: EmbedMessage, to: Parent | undefined = this.#parent): void {
    to?.window.postMessage(message, { targetOrigin: to.origin });
  }

  #receive(event: MessageEvent): void {
    const data: unknown = event.data;
    if (!this.#allowed.has(event.origin)) {
      console.warn(
        `Convene embed: ignored a message from ${event.origin}, which is not an allowed origin ` +
          `(${[...this.#allowed].join(', ')}; the server's CONVENE_EMBED_ORIGINS).`,
      );
      return;
    }
    if (!isEmbedMessage(data) || !event.source) return;
    const from: Parent = { window: event.source, origin: event.origin };
    if (data.kind === 'hello') {
      this.#hello(from, data.version, data.reportHeight);
      return;
    }
    // Commands come from the parent that shook hands, and no other window.
    if (data.kind !== 'command' || !this.#parent || event.source !== this.#parent.window) return;
    void this.#command(data.id, data.name, data.payload);
  }

  #hello(from: Parent, version: number, reportHeight: boolean): void {
    const answer = answerHello(version);
    this.#post(answer, from);
    if (answer.kind !== 'welcome') return;
    this.#parent = from;
    for (const message of this.#early.splice(0)) this.#post(message);
    if (reportHeight) this.#reportHeight();
  }

  async #command(id: number, name: string, payload: unknown): Promise<void> {
    try {
      const result = await runCommand(this.#meeting, name, payload);
      this.#post(embedMessage({ kind: 'reply', id, result }));
    } catch (error) {
      this.#post(embedMessage({ kind: 'reply', id, error: toEmbedError(error) }));
    }
  }

  /** Tells the parent the page's content height now and on every change. */
  #reportHeight(): void {
    const root = document.documentElement;
    root.dataset.autoHeight = '';
    const send = () =>
      this.#post(embedMessage({ kind: 'height', height: root.getBoundingClientRect().height }));
    this.#heightObserver ??= new ResizeObserver(send);
    this.#heightObserver.observe(root);
    send();
  }

  stop(): void {
    window.removeEventListener('message', this.#onMessage);
    this.#events.stop();
    this.#heightObserver?.disconnect();
  }
}
