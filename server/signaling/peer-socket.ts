// One peer's WebSocket: parses and checks each message, routes requests to the room, answers
// every request exactly once, and keeps the peer's place for a grace period when the socket
// drops. Nothing a client sends can throw past this file.
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import {
  MAX_MESSAGE_BYTES,
  type RequestMethod,
  type Requests,
  type ServerMessage,
} from '../../src/protocol/signaling.ts';
import type { SignalingConfig } from '../config.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import type { LivePeer, PeerConnection } from '../rooms/live-peer.ts';
import { checkRequestData, isRequestMethod } from './request-schemas.ts';
import { ConveneError, conflict } from '../../src/protocol/errors.ts';
import { joinRoom, type JoinDeps } from './join.ts';

type Handler<M extends RequestMethod> = (
  room: LiveRoom,
  peer: LivePeer,
  data: Requests[M][0],
) => Promise<Requests[M][1]> | Requests[M][1];

/** Every request after join: what it does in the room. */
const handlers: { [M in Exclude<RequestMethod, 'join'>]: Handler<M> } = {
  createTransport: (room, peer, { direction }) => room.media.createTransport(peer, direction),
  connectTransport: async (room, peer, { transportId, dtlsParameters }) => {
    await room.media.connectTransport(peer, transportId, dtlsParameters);
    return {};
  },
  restartIce: async (room, peer, { transportId }) => ({
    iceParameters: await room.media.restartIce(peer, transportId),
  }),
  setRtpCapabilities: (room, peer, { rtpCapabilities }) => {
    room.media.setRtpCapabilities(peer, rtpCapabilities);
    return {};
  },
  produce: async (room, peer, data) => ({ producerId: await room.media.produce(peer, data) }),
  pauseProducer: async (room, peer, { producerId }) => {
    await room.media.setProducerPaused(peer, producerId, true);
    return {};
  },
  resumeProducer: async (room, peer, { producerId }) => {
    await room.media.setProducerPaused(peer, producerId, false);
    return {};
  },
  closeProducer: (room, peer, { producerId }) => {
    room.media.closeProducer(peer, producerId);
    return {};
  },
  consumerReady: async (room, peer, { consumerId }) => {
    await room.media.consumerReady(peer, consumerId);
    return {};
  },
  setVisibleTiles: async (room, peer, { tiles }) => {
    await room.media.setVisibleTiles(peer, tiles);
    return {};
  },
  setName: (room, peer, { name }) => {
    room.rename(peer, name);
    return {};
  },
  ping: () => ({}),
  leave: async (room, peer) => {
    await room.removePeer(peer, 'client request');
    return {};
  },
};

export class PeerSocket implements PeerConnection {
  #room: LiveRoom | undefined;
  #peer: LivePeer | undefined;
  #joining = false;
  #alive = true;
  #missed = 0;
  #checkingMedia = false;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: JoinDeps & { signaling: SignalingConfig; log: FastifyBaseLogger },
  ) {
    socket.on('message', (raw, isBinary) => {
      this.#alive = true; // Any message proves the peer is there, as a pong does.
      this.#onMessage(raw as Buffer, isBinary).catch((error: unknown) =>
        deps.log.error({ err: error }, 'a signaling message could not be handled'),
      );
    });
    socket.on('pong', () => (this.#alive = true));
    socket.on('close', () => this.#onClose());
    socket.on('error', (error) => deps.log.debug({ err: error }, 'signaling socket error'));
    this.#heartbeat = setInterval(() => this.#checkAlive(), deps.signaling.heartbeatIntervalMs);
  }

  /**
   * A socket that misses two pings in a row is gone (found within about 3 intervals, < 15 s),
   * unless its peer's media still arrives: then only its socket is slow (a starved laptop, a
   * congested uplink), and the peer stays, still heard by everyone.
   */
  #checkAlive(): void {
    if (this.#checkingMedia) return;
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
        this.socket.ping();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'heartbeat check failed'));
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.#peer = undefined; // the place now belongs to another socket
    this.socket.close(code, reason);
  }

  #fail(id: number | null, code: string, message: string): void {
    this.send({ id, ok: false, error: { code, message } });
  }

  async #onMessage(raw: Buffer, isBinary: boolean): Promise<void> {
    if (isBinary) return this.#fail(null, 'invalid_message', 'messages are JSON text');
    if (raw.length > MAX_MESSAGE_BYTES) {
      return this.#fail(
        null,
        'message_too_large',
        `messages are limited to ${MAX_MESSAGE_BYTES} bytes`,
      );
    }
    let message: { id?: unknown; method?: unknown; data?: unknown };
    try {
      message = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.#fail(null, 'invalid_message', 'the message is not valid JSON');
    }
    if (typeof message !== 'object' || message === null || !Number.isSafeInteger(message.id)) {
      return this.#fail(null, 'invalid_message', 'a request needs a numeric id, a method and data');
    }
    const id = message.id as number;
    if (!isRequestMethod(message.method)) {
      return this.#fail(id, 'unknown_method', `unknown method ${JSON.stringify(message.method)}`);
    }
    const method = message.method;
    const data = message.data ?? {};
    const problem = checkRequestData(method, data);
    if (problem) return this.#fail(id, 'invalid_request', problem);
    try {
      const result =
        method === 'join'
          ? await this.#join(data as Requests['join'][0])
          : await this.#handle(method, data);
      this.send({ id, ok: true, data: result });
    } catch (error) {
      // A ConveneError without a kind is the server's own fault: its message stays in the log.
      if (error instanceof ConveneError && error.kind)
        return this.#fail(id, error.code, error.message);
      this.deps.log.error({ err: error, method }, 'signaling request failed');
      this.#fail(id, 'internal_error', 'the server could not handle this request');
    }
  }

  async #join(data: Requests['join'][0]) {
    if (this.#peer || this.#joining)
      throw conflict('this socket has joined already', 'already_joined');
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
      return response;
    } finally {
      this.#joining = false;
    }
  }

  async #handle(method: Exclude<RequestMethod, 'join'>, data: unknown) {
    const room = this.#room;
    const peer = this.#peer;
    if (!room || !peer || room.closed || !room.has(peer)) {
      throw conflict('join the room first', 'not_joined');
    }
    const handler = handlers[method] as Handler<typeof method>;
    return handler(room, peer, data as never);
  }

  #onClose(): void {
    clearInterval(this.#heartbeat);
    const room = this.#room;
    const peer = this.#peer;
    if (room && peer && !room.closed) room.detach(peer, this);
  }
}
