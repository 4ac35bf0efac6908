// The parent side of the iframe embed: createFrame() puts Convene's /embed page in an iframe,
// shakes hands with it, and gives typed commands and events over postMessage (contract.ts).
// Framework-free; touches the DOM only when called.
import {
  EMBED_PROTOCOL_VERSION,
  answerHello,
  embedMessage,
  isEmbedMessage,
  versionMismatchError,
  type EmbedCommandName,
  type EmbedCommandPayload,
  type EmbedCommandResult,
  type EmbedError,
  type EmbedEventName,
  type EmbedEvents,
  type EmbedLayout,
  type EmbedMessage,
  type EmbedTheme,
} from './contract.ts';

/** What the frame may use: without these the browser refuses the camera, microphone, etc. */
export const FRAME_ALLOW =
  'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write';

/** How long the frame has to answer the handshake after it loaded. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface CreateFrameOptions {
  /** The embed page: `https://convene.example.com/embed/<room_code>` (query as /meeting's). */
  url: string;
  /** Resize the iframe's height to the frame's content, as the frame reports it. */
  autoResize?: boolean;
  /** The iframe's accessible name. */
  title?: string;
  /** Only for tests of version mismatches: the version this side claims. */
  protocolVersion?: number;
}

export type EmbedListener<K extends EmbedEventName> = (payload: EmbedEvents[K]) => void;

/** A Convene meeting in an iframe, driven from the page around it. */
export interface ConveneFrame {
  readonly iframe: HTMLIFrameElement;
  /** Resolves once the frame answered the handshake; rejects on a version mismatch. */
  readonly ready: Promise<void>;
  join(options?: { name?: string }): Promise<void>;
  leave(): Promise<void>;
  setMicrophone(enabled: boolean): Promise<void>;
  setCamera(enabled: boolean): Promise<void>;
  shareScreen(enabled: boolean): Promise<void>;
  sendMessage(
    text: string,
    options?: Omit<EmbedCommandPayload<'sendMessage'>, 'text'>,
  ): Promise<EmbedCommandResult<'sendMessage'>>;
  raiseHand(raised?: boolean): Promise<void>;
  setTheme(theme: EmbedTheme): Promise<void>;
  setLayout(layout: EmbedLayout): Promise<void>;
  setLanguage(language: string): Promise<void>;
  /** Any command by name, as the contract types it. */
  command<K extends EmbedCommandName>(
    name: K,
    payload: EmbedCommandPayload<K>,
  ): Promise<EmbedCommandResult<K>>;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends EmbedEventName>(name: K, listener: EmbedListener<K>): () => void;
  off<K extends EmbedEventName>(name: K, listener: EmbedListener<K>): void;
  /** Removes the iframe and stops listening; commands still waiting reject. */
  destroy(): void;
}

/** A command's error reply, or the frame's refusal, as an Error with the contract's `code`. */
export class EmbedCommandError extends Error implements EmbedError {
  readonly code: string;
  constructor({ code, message }: EmbedError) {
    super(message);
    this.name = 'EmbedCommandError';
    this.code = code;
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** Makes the iframe in `container` and returns the object that drives it. */
export function createFrame(container: HTMLElement, options: CreateFrameOptions): ConveneFrame {
  const url = new URL(options.url, location.href);
  const frameOrigin = url.origin;
  const version = options.protocolVersion ?? EMBED_PROTOCOL_VERSION;
  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.allow = FRAME_ALLOW;
  iframe.title = options.title ?? 'Convene meeting';
  iframe.style.border = '0';

  const listeners = new Map<EmbedEventName, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let destroyed = false;
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  let settleReady: { resolve(): void; reject(error: Error): void };
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // A failed handshake is reported as an error event too; nobody has to await `ready`.
  ready.catch(() => undefined);

  const emit = <K extends EmbedEventName>(name: K, payload: EmbedEvents[K]) => {
    for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
  };
  const fail = (error: EmbedError) => {
    settleReady.reject(new EmbedCommandError(error));
    emit('error', error);
  };
  const post = (message: EmbedMessage) => iframe.contentWindow?.postMessage(message, frameOrigin);

  const onLoad = () => {
    post(embedMessage({ kind: 'hello', version, reportHeight: Boolean(options.autoResize) }));
    clearTimeout(handshakeTimer);
    handshakeTimer = setTimeout(
      () =>
        fail({
          code: 'handshake_timeout',
          message:
            `${url.href} did not answer Convene's handshake: check that it is a Convene /embed ` +
            `page and that this page's origin (${location.origin}) is in the server's ` +
            'CONVENE_EMBED_ORIGINS.',
        }),
      HANDSHAKE_TIMEOUT_MS,
    );
  };

  const onMessage = (event: MessageEvent) => {
    // Only our iframe, from the origin we loaded: anything else may be any page's script.
    if (event.source !== iframe.contentWindow || event.origin !== frameOrigin) return;
    const message: unknown = event.data;
    if (!isEmbedMessage(message)) return;
    switch (message.kind) {
      case 'welcome':
      case 'version-mismatch': {
        clearTimeout(handshakeTimer);
        const answer = answerHello(message.version, version);
        if (message.kind === 'welcome' && answer.kind === 'welcome') settleReady.resolve();
        else fail(versionMismatchError(version, message.version));
        return;
      }
      case 'reply': {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        if ('error' in message) waiting.reject(new EmbedCommandError(message.error));
        else waiting.resolve(message.result);
        return;
      }
      case 'event':
        emit(message.name as EmbedEventName, message.payload as never);
        return;
      case 'height':
        if (options.autoResize && Number.isFinite(message.height) && message.height >= 0) {
          iframe.style.height = `${Math.ceil(message.height)}px`;
        }
        return;
      default:
        return;
    }
  };

  window.addEventListener('message', onMessage);
  iframe.addEventListener('load', onLoad);
  container.append(iframe);

  const command = async <K extends EmbedCommandName>(
    name: K,
    payload: EmbedCommandPayload<K>,
  ): Promise<EmbedCommandResult<K>> => {
    if (destroyed) throw new EmbedCommandError(destroyedError(name));
    await ready;
    // Destroyed while waiting for the handshake (or in the same turn): nobody would answer.
    if (destroyed) throw new EmbedCommandError(destroyedError(name));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      post(embedMessage({ kind: 'command', id, name, payload }));
    });
  };

  const off = (name: EmbedEventName, listener: (payload: never) => void) => {
    listeners.get(name)?.delete(listener as (payload: unknown) => void);
  };

  return {
    iframe,
    ready,
    join: (joinOptions = {}) => command('join', joinOptions),
    leave: () => command('leave', {}),
    setMicrophone: (enabled) => command('setMicrophone', { enabled }),
    setCamera: (enabled) => command('setCamera', { enabled }),
    shareScreen: (enabled) => command('shareScreen', { enabled }),
    sendMessage: (text, sendOptions = {}) => command('sendMessage', { ...sendOptions, text }),
    raiseHand: (raised = true) => command('raiseHand', { raised }),
    setTheme: (theme) => command('setTheme', { theme }),
    setLayout: (layout) => command('setLayout', { layout }),
    setLanguage: (language) => command('setLanguage', { language }),
    command,
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => off(name, listener);
    },
    off,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(handshakeTimer);
      window.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', onLoad);
      iframe.remove();
      settleReady.reject(new EmbedCommandError(destroyedError('handshake')));
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(new EmbedCommandError(destroyedError('command')));
      }
      listeners.clear();
    },
  };
}

function destroyedError(what: string): EmbedError {
  return {
    code: 'frame_destroyed',
    message: `The Convene frame was destroyed before its ${what} was answered.`,
  };
}
