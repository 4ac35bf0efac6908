// One WebSocket to the server carrying the signaling protocol (src/protocol/signaling.ts): typed
// requests with a timeout, typed notification listeners, and a close signal. Reconnecting is the
// room client's job; a connection here is used once and thrown away.
import {
  PROTOCOL_VERSION,
  SIGNALING_PATH,
  type NotificationName,
  type Notifications,
  type RequestMethod,
  type Requests,
} from '../protocol/signaling.ts';
import { ConveneError, reportListenerError } from './errors.ts';

export const REQUEST_TIMEOUT_MS = 10_000;
/** However much the server talks, a request unanswered this long has failed. */
export const REQUEST_GIVE_UP_MS = 60_000;
export const OPEN_TIMEOUT_MS = 10_000;

export interface SignalingClose {
  code: number;
  reason: string;
  /** True when this side called close(); false when the server or the network ended it. */
  requested: boolean;
}

export interface SignalingOptions {
  openTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Silence (no message at all) after which the socket counts as lost; see KEEPALIVE_SILENCE_MS. */
  keepaliveSilenceMs?: number;
  /** For tests outside browsers (e.g. the `ws` package in Node). */
  WebSocket?: typeof WebSocket;
}

/** `${server}/v2/signaling?v=1`, with http(s) turned into ws(s); a path prefix is kept. */
export function signalingUrl(server: string): string {
  const base = globalThis.location?.href;
  const url = new URL(server.replace(/\/+$/, '') + SIGNALING_PATH, base);
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  url.searchParams.set('v', String(PROTOCOL_VERSION));
  return url.href;
}

interface PendingRequest {
  resolve: (data: unknown) => void;
  reject: (error: ConveneError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** For patient requests: sends it again, after a `rate_limited` answer said when. */
  resend?: () => void;
}

type NotificationListener<N extends NotificationName> = (data: Notifications[N]) => void;

/**
 * Browsers answer WebSocket pings without telling the page, so a socket that died silently (a
 * laptop lid, a dropped route) looks open. A `ping` request every few seconds makes the server
 * say something; a socket from which nothing at all (answer or notification) has come for
 * KEEPALIVE_SILENCE_MS is closed as lost, which starts the room client's reconnect.
 *
 * Only silence the page was awake to hear counts: a page starved of CPU (a slow laptop, eight
 * calls on two cores) runs its timers late and may run them before the messages that arrived
 * meanwhile. Tearing such a peer down would cost it and everyone else far more than waiting, so a
 * late tick starts the count again. A server that is merely slow to answer (its media still
 * flowing) gets the same patience.
 */
export const KEEPALIVE_INTERVAL_MS = 5_000;
export const KEEPALIVE_SILENCE_MS = 20_000;
/** A keepalive tick later than this tells that the page itself was not running. */
const LATE_TICK_MS = 2_000;

export class SignalingConnection {
  readonly #socket: WebSocket;
  readonly #requestTimeoutMs: number;
  readonly #pending = new Map<number, PendingRequest>();
  readonly #listeners = new Map<NotificationName, Set<(data: never) => void>>();
  readonly #closeListeners = new Set<(close: SignalingClose) => void>();
  #nextId = 1;
  #closeRequested = false;
  #closed = false;
  readonly #keepalive: ReturnType<typeof setInterval>;
  readonly #silenceMs: number;
  #lastHeardAt = performance.now();
  #lastTickAt = performance.now();

  /** Opens the socket; rejects with `connection_failed` if it does not open in time. */
  static open(server: string, options: SignalingOptions = {}): Promise<SignalingConnection> {
    const Socket = options.WebSocket ?? globalThis.WebSocket;
    const socket = new Socket(signalingUrl(server));
    const connection = new SignalingConnection(
      socket,
      options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      options.keepaliveSilenceMs ?? KEEPALIVE_SILENCE_MS,
    );
    const openTimeoutMs = options.openTimeoutMs ?? OPEN_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        connection.close();
        reject(
          new ConveneError(
            'connection_failed',
            `Could not reach the signaling server at ${server} (${why}).`,
          ),
        );
      };
      const timer = setTimeout(
        () => fail(`no answer within ${openTimeoutMs / 1000} s`),
        openTimeoutMs,
      );
      socket.addEventListener('open', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(connection);
      });
      // A close before 'open' means the connection never existed (browsers give no reason).
      socket.addEventListener('close', (event) => fail(`closed with code ${event.code}`));
    });
  }

  private constructor(socket: WebSocket, requestTimeoutMs: number, silenceMs: number) {
    this.#socket = socket;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#silenceMs = silenceMs;
    socket.addEventListener('message', (event) => this.#onMessage(event.data));
    // A 'close' always follows an 'error' and says all there is to say; listening here also keeps
    // Node's `ws` (used in tests) from throwing the error as an unhandled event.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', (event) => this.#onClose(event.code, event.reason));
    this.#keepalive = setInterval(() => this.#checkAlive(), KEEPALIVE_INTERVAL_MS);
  }

  #checkAlive(): void {
    const now = performance.now();
    const late = now - this.#lastTickAt - KEEPALIVE_INTERVAL_MS;
    this.#lastTickAt = now;
    if (late > LATE_TICK_MS) {
      // The page was not running: what the server sent meanwhile may still wait in the queue.
      this.#lastHeardAt = now;
    } else if (now - this.#lastHeardAt > this.#silenceMs) {
      const reason = `nothing heard from the server for ${Math.round(this.#silenceMs / 1000)} s`;
      this.#socket.close(4000, reason);
      this.#onClose(4000, reason);
      return;
    }
    // Its answer, like any message, counts as hearing from the server; its failure means nothing.
    if (this.#socket.readyState === this.#socket.OPEN)
      this.request('ping', {}, this.#silenceMs).catch(() => undefined);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Sends one request; resolves with the server's typed answer or rejects with its `{code,
   * message}`. The server answers every request on a live socket, only sometimes late (a room
   * busy on a small machine), and a late `consumerReady` or `produce` given up on would leave a
   * peer unheard: so by default the request waits as long as the server keeps talking, and
   * times out only after `requestTimeoutMs` of silence (or REQUEST_GIVE_UP_MS in all). With an
   * explicit `timeoutMs`, that is a hard limit (leave, ping). A patient request the server
   * answers `rate_limited` (a burst of consumerReady in a large room) is sent again when the
   * answer says, within the same REQUEST_GIVE_UP_MS.
   */
  request<M extends RequestMethod>(
    method: M,
    data: Requests[M][0],
    timeoutMs?: number,
  ): Promise<Requests[M][1]> {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) {
      return Promise.reject(
        new ConveneError('connection_closed', `Cannot send "${method}": the connection is closed.`),
      );
    }
    const id = this.#nextId++;
    const limitMs = timeoutMs ?? this.#requestTimeoutMs;
    const sentAt = performance.now();
    return new Promise<Requests[M][1]>((resolve, reject) => {
      const expire = () => {
        const now = performance.now();
        const patient = timeoutMs === undefined && now - sentAt < REQUEST_GIVE_UP_MS;
        if (patient && now - this.#lastHeardAt < limitMs) {
          pending.timer = setTimeout(expire, limitMs - (now - this.#lastHeardAt));
          return;
        }
        this.#pending.delete(id);
        reject(
          new ConveneError(
            'timeout',
            `The server did not answer "${method}" within ${Math.round((now - sentAt) / 1000)} s.`,
          ),
        );
      };
      const send = () => this.#socket.send(JSON.stringify({ id, method, data }));
      const pending: PendingRequest = {
        resolve: resolve as (data: unknown) => void,
        reject,
        timer: setTimeout(expire, limitMs),
      };
      if (timeoutMs === undefined) {
        pending.resend = () => {
          if (this.#pending.get(id) !== pending) return; // Settled, timed out or closed since.
          if (performance.now() - sentAt < REQUEST_GIVE_UP_MS) return send();
          this.#pending.delete(id);
          clearTimeout(pending.timer);
          pending.reject(this.#rateLimited(method));
        };
      }
      this.#pending.set(id, pending);
      send();
    });
  }

  /** Calls `listener` for each notification `name`; returns the function that removes it. */
  on<N extends NotificationName>(name: N, listener: NotificationListener<N>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `listener` once when the socket closes, for whatever reason. */
  onClose(listener: (close: SignalingClose) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  close(code = 1000, reason = 'client closed'): void {
    if (this.#closed) return;
    this.#closeRequested = true;
    this.#socket.close(code, reason);
    // Settle now rather than on the socket's 'close' event, which can come much later.
    this.#onClose(code, reason);
  }

  #onMessage(raw: unknown): void {
    this.#lastHeardAt = performance.now();
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return; // Not ours to guess at; the server only sends JSON.
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (typeof m.notification === 'string') {
      this.#dispatch(m.notification as NotificationName, m.data);
    } else if (typeof m.id === 'number') {
      this.#settle(m.id, m);
    }
    // `{id: null, ok: false}` answers a message the server could not parse at all: it names no
    // request, so nothing here can be settled; the request it was will time out.
  }

  #rateLimited(method: string, retryAfterMs?: number): ConveneError {
    return new ConveneError('rate_limited', `The server asks to send "${method}" less often.`, {
      retryAfterMs,
    });
  }

  #settle(id: number, message: Record<string, unknown>): void {
    const pending = this.#pending.get(id);
    if (!pending) return; // Already timed out.
    const error = (message.error ?? {}) as {
      code?: unknown;
      message?: unknown;
      retryAfterMs?: unknown;
    };
    if (message.ok !== true && error.code === 'rate_limited' && pending.resend) {
      const wait = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : 1_000;
      // Asked again later; it stays pending meanwhile, and its timer still runs.
      setTimeout(pending.resend, Math.min(Math.max(wait, 10), 30_000));
      return;
    }
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (message.ok === true) {
      pending.resolve(message.data ?? {});
      return;
    }
    pending.reject(
      new ConveneError(
        typeof error.code === 'string' ? error.code : 'server_error',
        typeof error.message === 'string'
          ? error.message
          : 'The server refused the request without a reason.',
        typeof error.retryAfterMs === 'number' ? { retryAfterMs: error.retryAfterMs } : {},
      ),
    );
  }

  #dispatch(name: NotificationName, data: unknown): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (data: unknown) => void)(data);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepalive);
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(
        new ConveneError(
          'connection_closed',
          'The connection to the server closed before it answered.',
        ),
      );
      this.#pending.delete(id);
    }
    const close: SignalingClose = { code, reason, requested: this.#closeRequested };
    for (const listener of [...this.#closeListeners]) {
      try {
        listener(close);
      } catch (error) {
        reportListenerError(error);
      }
    }
    this.#closeListeners.clear();
    this.#listeners.clear();
  }
}
