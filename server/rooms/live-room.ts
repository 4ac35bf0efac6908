// A room with people in it: one mediasoup router, the peers, and the rules of their roles,
// enforced here (never only in the UI). Created by the registry when the first peer joins;
// closes itself, its session and its router when the last one leaves.
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';
import type { MediaConfig } from '../config.ts';
import type { Role } from '../../src/protocol/roles.ts';
import {
  SOURCE_KIND,
  SOURCE_PERMISSION,
  type MediaKind,
  type MediaSource,
  type NotificationName,
  type Notifications,
  type RtpCapabilities,
  type TransportInfo,
  type VisibleTile,
} from '../../src/protocol/signaling.ts';
import { forbidden, invalid, notFound } from '../../src/protocol/errors.ts';
import {
  spatialLayerForTile,
  type ConsumerData,
  type LivePeer,
  type ProducerData,
} from './live-peer.ts';
import type { LeaveReason, RoomEvents } from './room-events.ts';

/** How often connection-quality scores are sent. */
const QUALITY_INTERVAL_MS = 2_000;

export interface LiveRoomOptions {
  workspaceId: string;
  roomId: string;
  roles: Record<string, Role>;
  router: types.Router;
  events: RoomEvents;
  media: MediaConfig;
  log: FastifyBaseLogger;
}

export class LiveRoom extends EventEmitter<{ close: [] }> {
  readonly peers = new Map<string, LivePeer>();
  #closed = false;
  #activeSpeakerId: string | null = null;
  readonly #speakerObserver: types.ActiveSpeakerObserver;
  readonly #qualityTimer: NodeJS.Timeout;

  private constructor(
    private readonly options: LiveRoomOptions,
    readonly session: { id: string; startedAt: string },
    speakerObserver: types.ActiveSpeakerObserver,
  ) {
    super();
    this.#speakerObserver = speakerObserver;
    speakerObserver.on('dominantspeaker', ({ producer }) => {
      this.#activeSpeakerId = (producer.appData as unknown as ProducerData).peerId;
      this.broadcast('activeSpeaker', { peerId: this.#activeSpeakerId });
    });
    this.#qualityTimer = setInterval(() => this.#sendQuality(), QUALITY_INTERVAL_MS);
    this.#qualityTimer.unref();
    options.router.observer.once('close', () => void this.close());
  }

  static async create(options: LiveRoomOptions): Promise<LiveRoom> {
    const speakerObserver = await options.router.createActiveSpeakerObserver({ interval: 300 });
    const session = await options.events.sessionOpened();
    return new LiveRoom(options, session, speakerObserver);
  }

  get id(): string {
    return this.options.roomId;
  }

  get roles(): Record<string, Role> {
    return this.options.roles;
  }

  get routerRtpCapabilities(): RtpCapabilities {
    return this.options.router.rtpCapabilities as unknown as RtpCapabilities;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The last dominant speaker still in the room: newcomers learn it in their join answer. */
  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId && this.peers.has(this.#activeSpeakerId)
      ? this.#activeSpeakerId
      : null;
  }

  /** The one fan-out: every room-wide notification goes through here. */
  broadcast<N extends NotificationName>(
    notification: N,
    data: Notifications[N],
    exceptPeerId?: string,
  ): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.notify(notification, data);
    }
  }

  countRole(roleName: string): number {
    let count = 0;
    for (const peer of this.peers.values()) if (peer.role.name === roleName) count++;
    return count;
  }

  /** Adds a peer, recording it (and its webhook) before anyone is told. */
  async addPeer(peer: LivePeer): Promise<void> {
    this.peers.set(peer.id, peer);
    try {
      await this.options.events.peerJoined(this.session, peer);
    } catch (error) {
      this.peers.delete(peer.id);
      throw error;
    }
    this.broadcast('peerJoined', { peer: peer.info() }, peer.id);
  }

  async removePeer(peer: LivePeer, reason: LeaveReason, message?: string): Promise<void> {
    if (this.peers.get(peer.id) !== peer) return;
    clearTimeout(peer.graceTimer);
    this.peers.delete(peer.id);
    peer.closeMedia();
    this.broadcast('peerLeft', { peerId: peer.id });
    try {
      await this.options.events.peerLeft(this.session, peer, reason, message);
    } catch (error) {
      this.options.log.error({ err: error, peerId: peer.id }, 'could not record a peer leaving');
    }
    if (this.peers.size === 0) await this.close();
  }

  /** A resumed peer starts its media afresh: its old transports may be half-dead. */
  resetMedia(peer: LivePeer): void {
    const hadProducers = peer.producers.size > 0;
    peer.closeMedia();
    peer.rtpCapabilities = undefined;
    if (hadProducers) this.announcePeer(peer);
  }

  async createTransport(peer: LivePeer, direction: 'send' | 'recv'): Promise<TransportInfo> {
    if (direction === 'send' && peer.role.publishParams.allowed.length === 0) {
      throw forbidden(`the role ${peer.role.name} may not publish anything`);
    }
    if (peer.transports.size >= 4) throw invalid('too many transports');
    const { listenIp, announcedIp } = this.options.media;
    const transport = await this.options.router.createWebRtcTransport({
      listenIps: [{ ip: listenIp, ...(announcedIp ? { announcedIp } : {}) }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    // Capabilities may have come first: consumers wait for a receive transport, so make them now.
    if (direction === 'recv' && peer.rtpCapabilities) queueMicrotask(() => this.#consumeAll(peer));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters as unknown as Record<string, unknown>,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
    };
  }

  transportOf(peer: LivePeer, transportId: string): types.WebRtcTransport {
    const transport = peer.transports.get(transportId);
    if (!transport) throw notFound(`no transport ${transportId}`);
    return transport;
  }

  setRtpCapabilities(peer: LivePeer, rtpCapabilities: RtpCapabilities): void {
    peer.rtpCapabilities = rtpCapabilities;
    this.#consumeAll(peer);
  }

  /** Consumers for everything `peer` may receive and does not receive yet. */
  #consumeAll(peer: LivePeer): void {
    const consumed = new Set([...peer.consumers.values()].map((consumer) => consumer.producerId));
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) {
        if (!consumed.has(producer.id)) void this.#consume(peer, other, producer);
      }
    }
  }

  async produce(
    peer: LivePeer,
    request: {
      transportId: string;
      source: MediaSource;
      kind: MediaKind;
      rtpParameters: Record<string, unknown>;
      paused?: boolean;
    },
  ): Promise<string> {
    const needed = SOURCE_PERMISSION[request.source];
    if (!peer.role.publishParams.allowed.includes(needed)) {
      throw forbidden(`the role ${peer.role.name} may not publish ${needed}`);
    }
    if (SOURCE_KIND[request.source] !== request.kind) {
      throw invalid(`a ${request.source} track must be ${SOURCE_KIND[request.source]}`);
    }
    for (const producer of peer.producers.values()) {
      if (producer.appData.source === request.source) {
        throw invalid(`already publishing ${request.source}; close it first`);
      }
    }
    const transport = this.transportOf(peer, request.transportId);
    if ((transport.appData as { direction: string }).direction !== 'send') {
      throw invalid('produce on the send transport');
    }
    let producer: types.Producer<ProducerData>;
    try {
      producer = await transport.produce<ProducerData>({
        kind: request.kind,
        rtpParameters: request.rtpParameters as unknown as types.RtpParameters,
        paused: request.paused ?? false,
        appData: { peerId: peer.id, source: request.source },
      });
    } catch (error) {
      throw invalid(`could not produce: ${(error as Error).message}`);
    }
    peer.producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
    });
    if (request.source === 'microphone') {
      void this.#speakerObserver.addProducer({ producerId: producer.id }).catch(() => {});
    }
    this.announcePeer(peer);
    for (const other of this.peers.values()) {
      if (other !== peer) void this.#consume(other, peer, producer);
    }
    return producer.id;
  }

  producerOf(peer: LivePeer, producerId: string): types.Producer<ProducerData> {
    const producer = peer.producers.get(producerId);
    if (!producer) throw notFound(`no producer ${producerId}`);
    return producer;
  }

  async setProducerPaused(peer: LivePeer, producerId: string, paused: boolean): Promise<void> {
    const producer = this.producerOf(peer, producerId);
    // Viewers hear of it through their consumers' producerpause/producerresume events.
    if (paused) await producer.pause();
    else await producer.resume();
  }

  closeProducer(peer: LivePeer, producerId: string): void {
    this.producerOf(peer, producerId).close();
    peer.producers.delete(producerId);
    this.announcePeer(peer);
  }

  /** Tells the others what changed about `peer`: its name, or the tracks it publishes. */
  announcePeer(peer: LivePeer): void {
    this.broadcast('peerUpdated', { peer: peer.info() }, peer.id);
  }

  /** Creates a (paused) consumer if the viewer's role may receive the producer's peer. */
  async #consume(
    viewer: LivePeer,
    owner: LivePeer,
    producer: types.Producer<ProducerData>,
  ): Promise<void> {
    if (!viewer.rtpCapabilities || producer.closed) return;
    if (!viewer.role.subscribeParams.subscribeToRoles.includes(owner.role.name)) return;
    const caps = viewer.rtpCapabilities as unknown as types.RtpCapabilities;
    if (!this.options.router.canConsume({ producerId: producer.id, rtpCapabilities: caps })) return;
    const transport = [...viewer.transports.values()].find(
      (t) => (t.appData as { direction: string }).direction === 'recv',
    );
    if (!transport) return;
    let consumer: types.Consumer<ConsumerData>;
    try {
      consumer = await transport.consume<ConsumerData>({
        producerId: producer.id,
        rtpCapabilities: caps,
        paused: true,
        appData: { peerId: owner.id, source: producer.appData.source, ready: false },
      });
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not create a consumer');
      return;
    }
    viewer.consumers.set(consumer.id, consumer);
    const forget = () => {
      if (viewer.consumers.delete(consumer.id))
        viewer.notify('consumerClosed', { consumerId: consumer.id });
    };
    consumer.on('transportclose', forget);
    consumer.on('producerclose', () => {
      forget();
      consumer.close();
    });
    consumer.on('producerpause', () =>
      viewer.notify('producerPaused', { peerId: owner.id, producerId: producer.id }),
    );
    consumer.on('producerresume', () =>
      viewer.notify('producerResumed', { peerId: owner.id, producerId: producer.id }),
    );
    viewer.notify('newConsumer', {
      id: consumer.id,
      producerId: producer.id,
      peerId: owner.id,
      source: producer.appData.source,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
      producerPaused: consumer.producerPaused,
    });
  }

  async consumerReady(peer: LivePeer, consumerId: string): Promise<void> {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw notFound(`no consumer ${consumerId}`);
    consumer.appData.ready = true;
    await this.#applyVisibility(peer, consumer);
    if (consumer.kind === 'video') await consumer.requestKeyFrame().catch(() => {});
  }

  async setVisibleTiles(peer: LivePeer, tiles: VisibleTile[]): Promise<void> {
    peer.visibleTiles.clear();
    for (const tile of tiles) peer.visibleTiles.set(`${tile.peerId}:${tile.source}`, tile.width);
    await Promise.all(
      [...peer.consumers.values()].map((consumer) => this.#applyVisibility(peer, consumer)),
    );
  }

  /** Audio always flows; video flows only for tiles on screen, at the layer that fits them. */
  async #applyVisibility(peer: LivePeer, consumer: types.Consumer<ConsumerData>): Promise<void> {
    if (!consumer.appData.ready || consumer.closed) return;
    if (consumer.kind === 'audio') {
      if (consumer.paused) await consumer.resume();
      return;
    }
    const width = peer.visibleTiles.get(`${consumer.appData.peerId}:${consumer.appData.source}`);
    if (width === undefined) {
      if (!consumer.paused) await consumer.pause();
      return;
    }
    if (consumer.type === 'simulcast') {
      await consumer.setPreferredLayers({
        spatialLayer: spatialLayerForTile(width),
        temporalLayer: 2,
      });
    }
    if (consumer.paused) {
      await consumer.resume();
      await consumer.requestKeyFrame().catch(() => {});
    }
  }

  /** Scores 0-10 from mediasoup, averaged per peer over what it sends and receives, as 0-5. */
  #sendQuality(): void {
    if (this.peers.size < 1) return;
    const scores: Record<string, number> = {};
    for (const peer of this.peers.values()) {
      const values: number[] = [];
      for (const producer of peer.producers.values()) {
        for (const entry of producer.score) values.push(entry.score);
      }
      for (const consumer of peer.consumers.values()) {
        if (!consumer.paused) values.push(consumer.score.score);
      }
      if (values.length === 0) continue;
      const quality = Math.round(values.reduce((a, b) => a + b, 0) / values.length / 2);
      peer.connectionQuality = quality;
      scores[peer.id] = quality;
    }
    if (Object.keys(scores).length > 0) this.broadcast('connectionQuality', { scores });
  }

  /**
   * Closes the room: media, then the session. Idempotent. With `ended`, peers are told the room
   * is over; without (the server is restarting), their sockets close with 1012 so clients come
   * back by themselves.
   */
  async close(reason = 'the room has ended', { ended = true } = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#qualityTimer);
    for (const peer of this.peers.values()) {
      clearTimeout(peer.graceTimer);
      if (ended) peer.notify('removed', { reason: 'room ended', message: reason });
      else peer.connection?.close(1012, reason);
      peer.closeMedia();
    }
    this.peers.clear();
    this.options.router.close();
    try {
      await this.options.events.sessionClosed(this.session);
    } catch (error) {
      this.options.log.error({ err: error }, 'could not record the session closing');
    }
    this.emit('close');
  }
}
