// One peer's WebSocket: parses and checks each message, routes requests to the room, answers
// every request exactly once, and keeps the peer's place for a grace period when the socket
// drops. It holds the socket to its limits (join in time, message rate, failed joins; see
// docs/reliability.md). Nothing a client sends can throw past this file.
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import {
  CLOSE_CODES,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGE_DEPTH,
  type RequestMethod,
  type Requests,
  type ServerMessage,
} from '../../src/protocol/signaling.ts';
import type { SignalingConfig } from '../config.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import type { LivePeer, PeerConnection } from '../rooms/live-peer.ts';
import { ROOM_REQUESTS } from './room-requests.ts';
import type { RoomMethod, RoomRequest } from './room-request.ts';
import { checkRequestData, isRequestMethod, messageProblem } from './request-schemas.ts';
import { ConveneError, conflict, rateLimited } from '../../src/protocol/errors.ts';
import { joinRoom, type JoinDeps } from './join.ts';
import { TokenBucket } from './limits.ts';
import type { FailureWindow } from '../auth/failure-window.ts';
import { contained } from '../rooms/contained.ts';

/** What a PeerSocket needs from the server beyond joining: its limits, log, and address. */
export interface PeerSocketDeps extends JoinDeps {
  signaling: SignalingConfig;
  log: FastifyBaseLogger;
  /** The client's address, which failed joins are counted against. */
  address: string;
  /** Failed joins per address, shared by every socket. */
  failedJoins: FailureWindow;
}

/** A request taken off the wire: well formed, within limits, with data its schema accepts. */
interface CheckedRequest {
  id: number;
  method: RequestMethod;
  data: unknown;
}

/** A method name as it may be quoted in an error: never the caller's whole value. */
function describeMethod(method: unknown): string {
  if (typeof method === 'string') return JSON.stringify(method.slice(0, 64));
  return `of type ${method === null ? 'null' : Array.isArray(method) ? 'array' : typeof method}`;
}

export class PeerSocket implements PeerConnection {
  #room: LiveRoom | undefined;
  #peer: LivePeer | undefined;
  #joining = false;
  #failedJoins = 0;
  #alive = true;
  #missed = 0;
  #checkingMedia = false;
  #joinDeadline: NodeJS.Timeout | undefined;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #messages: TokenBucket | undefined;
  readonly #fanOut: TokenBucket | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: PeerSocketDeps,
  ) {
    const { limits } = deps.signaling;
    this.#messages =
      limits.messagesPerSecond > 0
        ? new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
        : undefined;
    this.#fanOut =
      limits.fanOutPerSecond > 0
        ? new TokenBucket(limits.fanOutPerSecond, limits.fanOutBurst)
        : undefined;
    socket.on('message', (raw, isBinary) => {
      this.#alive = true; // Any message proves the peer is there, as a pong does.
      this.#onMessage(raw as Buffer, isBinary).catch((error: unknown) =>
        deps.log.error({ err: error }, 'a signaling message could not be handled'),
      );
    });
    socket.on('pong', () => (this.#alive = true));
    socket.on('close', () => this.#onClose());
    socket.on('error', (error) => deps.log.debug({ err: error }, 'signaling socket error'));
    this.#heartbeat = setInterval(
      contained(deps.log, 'the heartbeat', () => this.#checkAlive()),
      deps.signaling.heartbeatIntervalMs,
    );
    this.#startJoinDeadline();
  }

  /**
   * A socket must join within the limit, or it only holds a port and memory (a browser answers
   * pings by itself, so the heartbeat alone never drops it). The check runs in the next turn of
   * the loop, after any message that waited, so a server that was itself late (a stopped or
   * starved process) does not close a socket whose join is already here.
   */
  #startJoinDeadline(): void {
    const { joinTimeoutMs } = this.deps.signaling.limits;
    if (joinTimeoutMs <= 0) return;
    clearTimeout(this.#joinDeadline);
    this.#joinDeadline = setTimeout(
      () =>
        setImmediate(() => {
          if (this.#peer || this.#joining) return;
          this.socket.close(CLOSE_CODES.joinTimeout, 'join within the time limit');
        }),
      joinTimeoutMs,
    );
    this.#joinDeadline.unref();
  }
  /**
   * A socket that misses two pings in a row is gone (found within about 3 intervals, < 15 s),
   * unless its peer's media still arrives: then only its socket is slow (a starved laptop, a
   * congested uplink), and the peer stays, still heard by everyone.
   */
  #checkAlive(): void {
    // A socket that is closing cannot be pinged (ws throws); its close event ends this timer.
    if (this.#checkingMedia || this.socket.readyState !== this.socket.OPEN) return;
    this.#missed = this.#alive ? 0 : this.#missed + 1;
    this.#alive = false;
    const room = this.#room;
    const peer = this.#peer;
    const inRoom = room && peer && !room.closed ? { room, peer } : undefined;
    if (this.#missed === 1 && inRoom) {
      // The baseline the next check compares with.
      inRoom.room.media.receivedSinceLastAsked(inRoom.peer).catch(() => false);
    }
    if (this.#missed < 2) {
      this.socket.ping();
      return;
    }
    if (!inRoom) {
      this.socket.terminate();
      return;
    }
    this.#checkingMedia = true;
    inRoom.room.media
      .receivedSinceLastAsked(inRoom.peer)
      .catch(() => false)
      .then((sending) => {
        this.#checkingMedia = false;
        if (!sending) {
          this.socket.terminate();
          return;
        }
        this.deps.log.info(
          { peerId: inRoom.peer.id },
          'a peer missed pings but still sends media: kept',
        );
        this.#missed = 0;
        if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'heartbeat check failed'));
  }

  /** Never throws: a message that cannot be sent is logged, and the room carries on. */
  send(message: ServerMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    try {
      this.socket.send(JSON.stringify(message));
    } catch (error) {
      this.deps.log.error({ err: error }, 'a signaling message could not be sent');
    }
  }

  close(code: number, reason: string): void {
    this.#peer = undefined; // the place now belongs to another socket
    this.socket.close(code, reason);
  }

  #fail(id: number | null, code: string, message: string): void {
    this.send({ id, ok: false, error: { code, message } });
  }

  /** The error reply for anything a request threw. */
  #failWith(id: number, method: RequestMethod, error: unknown): void {
    // A ConveneError without a kind is the server's own fault: its message stays in the log.
    if (error instanceof ConveneError && error.kind) {
      this.send({ id, ok: false, error: error.toJSON() });
      return;
    }
    this.deps.log.error({ err: error, method }, 'signaling request failed');
    this.#fail(id, 'internal_error', 'the server could not handle this request');
  }

  async #onMessage(raw: Buffer, isBinary: boolean): Promise<void> {
    const request = this.#read(raw, isBinary);
    if (!request) return;
    const { id, method, data } = request;
    try {
      const result =
        method === 'join'
          ? await this.#join(data as Requests['join'][0])
          : await this.#handle(method, data);
      this.send({ id, ok: true, data: result });
    } catch (error) {
      this.#failWith(id, method, error);
    }
  }

  /** The request in a message, or undefined once the message has been answered with an error. */
  #read(raw: Buffer, isBinary: boolean): CheckedRequest | undefined {
    if (isBinary) return this.#refuse(null, 'invalid_message', 'messages are JSON text');
    if (raw.length > MAX_MESSAGE_BYTES) {
      return this.#refuse(
        null,
        'message_too_large',
        `messages are limited to ${MAX_MESSAGE_BYTES} bytes`,
      );
    }
    let message: unknown;
    try {
      message = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.#refuse(null, 'invalid_message', 'the message is not valid JSON');
    }
    const parsed = message as { id?: unknown; method?: unknown; data?: unknown } | null;
    const id =
      typeof parsed === 'object' && parsed !== null && Number.isSafeInteger(parsed.id)
        ? (parsed.id as number)
        : null;
    // Every message counts against the rate, a malformed one too.
    const wait = this.#messages?.take() ?? 0;
    if (wait > 0) return this.#refuseRate(id, wait, 'too many messages');
    if (id === null || Array.isArray(parsed)) {
      return this.#refuse(id, 'invalid_message', 'a request needs a numeric id, a method and data');
    }
    const problem = messageProblem(parsed, MAX_MESSAGE_DEPTH);
    if (problem) return this.#refuse(id, 'invalid_message', problem);
    const { method } = parsed!;
    if (!isRequestMethod(method)) {
      return this.#refuse(id, 'unknown_method', `unknown method ${describeMethod(method)}`);
    }
    const data = parsed!.data ?? {};
    const invalidData = checkRequestData(method, data);
    if (invalidData) return this.#refuse(id, 'invalid_request', invalidData);
    if (method !== 'join' && ROOM_REQUESTS[method].fansOut) {
      const fanOutWait = this.#fanOut?.take() ?? 0;
      if (fanOutWait > 0) {
        return this.#refuseRate(id, fanOutWait, `too many ${method} requests for the room`);
      }
    }
    return { id, method, data };
  }

  #refuse(id: number | null, code: string, message: string): undefined {
    this.#fail(id, code, message);
    return undefined;
  }

  #refuseRate(id: number | null, retryAfterMs: number, what: string): undefined {
    const error = rateLimited(`${what}; try again in ${retryAfterMs} ms`, retryAfterMs);
    this.send({ id, ok: false, error: error.toJSON() });
    return undefined;
  }

  async #join(data: Requests['join'][0]) {
    if (this.#peer || this.#joining)
      throw conflict('this socket has joined already', 'already_joined');
    const { address, failedJoins } = this.deps;
    const wait = failedJoins.retryAfterMs(address);
    if (wait > 0) throw rateLimited(`too many failed joins; try again in ${wait} ms`, wait);
    this.#joining = true;
    try {
      const { room, peer, response } = await joinRoom(this.deps, data, this);
      if (this.socket.readyState !== this.socket.OPEN) {
        // The socket closed while joining: start the grace period as for any dropped socket.
        this.#room = room;
        this.#peer = peer;
        this.#onClose();
        throw conflict('the socket closed while joining', 'closed');
      }
      this.#room = room;
      this.#peer = peer;
      clearTimeout(this.#joinDeadline);
      return response;
    } catch (error) {
      if (error instanceof ConveneError && error.kind) this.#joinFailed();
      throw error;
    } finally {
      this.#joining = false;
    }
  }

  /** A refused join counts against the socket and its address; too many close the socket. */
  #joinFailed(): void {
    this.deps.failedJoins.record(this.deps.address);
    this.#failedJoins++;
    const { maxFailedJoinsPerSocket } = this.deps.signaling.limits;
    if (maxFailedJoinsPerSocket > 0 && this.#failedJoins >= maxFailedJoinsPerSocket) {
      // After the reply is sent: ws sends in order, and the close frame follows it.
      setImmediate(() =>
        this.socket.close(CLOSE_CODES.tooManyFailedJoins, 'too many failed joins'),
      );
    }
  }

  async #handle(method: RoomMethod, data: unknown) {
    const room = this.#room;
    const peer = this.#peer;
    if (!room || !peer || room.closed || !room.has(peer)) {
      throw conflict('join the room first', 'not_joined');
    }
    const request = ROOM_REQUESTS[method] as RoomRequest<typeof method>;
    const result = await request.handle(room, peer, data as never);
    if (method === 'leave') {
      // Out of the room, the socket may join again, within the time limit like a new one.
      this.#room = undefined;
      this.#peer = undefined;
      this.#startJoinDeadline();
    }
    return result;
  }

  #onClose(): void {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#joinDeadline);
    const room = this.#room;
    const peer = this.#peer;
    if (room && peer && !room.closed) room.detach(peer, this);
  }
}
