// The media plumbing of one live room: its mediasoup router, each peer's transports, producers
// and consumers, who receives what under the roles' subscribe rules, which video flows (only
// visible tiles, at the layer that fits them), the active speaker and connection quality.
// Membership is the room's business (live-room.ts); this module is told who is there.
import type { types } from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';
import type { MediaConfig } from '../config.ts';
import { conflict, forbidden, invalid, notFound } from '../../src/protocol/errors.ts';
import {
  SOURCE_KIND,
  SOURCE_PERMISSION,
  type MediaKind,
  type MediaSource,
  type RtpCapabilities,
  type TransportInfo,
  type VisibleTile,
} from '../../src/protocol/signaling.ts';
import type { LivePeer } from './live-peer.ts';
import {
  trackRecord,
  type ConsumerData,
  type ProducerData,
  type TrackRecord,
  type TransportData,
} from './peer-media.ts';
import { contained } from './contained.ts';
import { consumeOverPlainRtp, type PlainRtpLeg } from '../sfu/plain-rtp.ts';

/** A peer may hold this many transports at once (a send and a receive one, and their replacements). */
const MAX_TRANSPORTS = 4;

/** Spatial layer wanted for a tile: 2 (full) for large tiles, 0 (quarter) for thumbnails. */
export function spatialLayerForTile(width: number): number {
  if (width > 480) return 2;
  if (width > 200) return 1;
  return 0;
}

export interface RoomMediaHost {
  /** Everyone in the room now. */
  peers(): Iterable<LivePeer>;
  /** The tracks `peer` publishes changed: tell the others. */
  announce(peer: LivePeer): void;
  /** A new dominant speaker. */
  activeSpeakerChanged(peerId: string): void;
  /** A track was added, muted or unmuted, or removed: recorded (and its webhook queued). */
  trackChanged(peer: LivePeer, change: TrackChange, track: TrackRecord): Promise<void>;
}

export type TrackChange = 'add' | 'update' | 'remove';

export interface ProduceRequest {
  transportId: string;
  source: MediaSource;
  kind: MediaKind;
  rtpParameters: Record<string, unknown>;
  paused?: boolean;
}

export class RoomMedia {
  readonly #router: types.Router;
  readonly #speakerObserver: types.ActiveSpeakerObserver;
  readonly #config: MediaConfig;
  readonly #log: FastifyBaseLogger;
  readonly #host: RoomMediaHost;
  /** `${viewerId}:${producerId}` of consumers being made, so none is made twice. */
  readonly #consuming = new Set<string>();

  constructor(
    router: types.Router,
    speakerObserver: types.ActiveSpeakerObserver,
    config: MediaConfig,
    log: FastifyBaseLogger,
    host: RoomMediaHost,
  ) {
    this.#router = router;
    this.#speakerObserver = speakerObserver;
    this.#config = config;
    this.#log = log;
    this.#host = host;
    speakerObserver.on(
      'dominantspeaker',
      contained(log, 'announcing the active speaker', ({ producer }) => {
        host.activeSpeakerChanged((producer.appData as unknown as ProducerData).peerId);
      }),
    );
  }

  get routerRtpCapabilities(): RtpCapabilities {
    return this.#router.rtpCapabilities as unknown as RtpCapabilities;
  }

  /** Calls `onClose` once when the router closes (its worker died, or the room closed it). */
  onRouterClose(onClose: () => void): void {
    this.#router.observer.once('close', onClose);
  }

  close(): void {
    this.#router.close();
  }

  /** A producer sent as plain RTP to a loopback port, for ffmpeg (paused until started). */
  consumeOverPlainRtp(producerId: string): Promise<PlainRtpLeg> {
    return consumeOverPlainRtp(this.#router, producerId);
  }

  // --- transports ---

  /** The transports a joining peer starts with: one to receive, and one to send if it may publish. */
  async openTransports(peer: LivePeer): Promise<{ recv: TransportInfo; send?: TransportInfo }> {
    const canSend = peer.role.publishParams.allowed.length > 0;
    const [recv, send] = await Promise.all([
      this.createTransport(peer, 'recv'),
      canSend ? this.createTransport(peer, 'send') : undefined,
    ]);
    return send ? { recv, send } : { recv };
  }

  async createTransport(peer: LivePeer, direction: 'send' | 'recv'): Promise<TransportInfo> {
    if (direction === 'send' && peer.role.publishParams.allowed.length === 0) {
      throw forbidden(`the role ${peer.role.name} may not publish anything`);
    }
    const { media } = peer;
    const { transports } = media;
    // Counted before the await: requests sent at once must not all pass the check.
    if (transports.size + media.transportsOpening >= MAX_TRANSPORTS) {
      throw invalid(`a peer may hold at most ${MAX_TRANSPORTS} transports`, 'too_many_transports');
    }
    media.transportsOpening++;
    const generation = media.generation;
    const { listenIp, announcedIp } = this.#config;
    let transport: types.WebRtcTransport<TransportData>;
    try {
      transport = await this.#router.createWebRtcTransport<TransportData>({
        listenIps: [{ ip: listenIp, ...(announcedIp ? { announcedIp } : {}) }],
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: 1_000_000,
        appData: { direction },
      });
    } finally {
      media.transportsOpening--;
    }
    if (media.generation !== generation) {
      // The peer left, or its media was reset by a resume, while this was being made.
      transport.close();
      throw conflict('the peer left while its transport was being made', 'closed');
    }
    transports.set(transport.id, transport);
    transport.observer.once('close', () => transports.delete(transport.id));
    // Capabilities may have come first: consumers wait for a receive transport, so make them now.
    if (direction === 'recv' && peer.media.rtpCapabilities) this.#consumeAll(peer);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters as unknown as Record<string, unknown>,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
    };
  }

  transportOf(peer: LivePeer, transportId: string): types.WebRtcTransport<TransportData> {
    const transport = peer.media.transports.get(transportId);
    if (!transport) throw notFound(`no transport ${transportId}`);
    return transport;
  }

  async connectTransport(
    peer: LivePeer,
    transportId: string,
    dtlsParameters: Record<string, unknown>,
  ): Promise<void> {
    await this.transportOf(peer, transportId)
      .connect({ dtlsParameters: dtlsParameters as unknown as types.DtlsParameters })
      .catch((error: Error) => {
        throw invalid(`could not connect the transport: ${error.message}`);
      });
  }

  async restartIce(peer: LivePeer, transportId: string): Promise<Record<string, unknown>> {
    const iceParameters = await this.transportOf(peer, transportId).restartIce();
    return iceParameters as unknown as Record<string, unknown>;
  }

  /** Whether media from `peer` arrived since this was last asked (its socket may be slow). */
  async receivedSinceLastAsked(peer: LivePeer): Promise<boolean> {
    let bytes = 0;
    for (const transport of peer.media.transports.values()) {
      if (transport.appData.direction !== 'send') continue;
      for (const stats of await transport.getStats()) bytes += stats.bytesReceived;
    }
    const grew = bytes > peer.media.bytesFromPeer;
    peer.media.bytesFromPeer = bytes;
    return grew;
  }

  /** What `peer` can receive: from now on it gets a consumer for everything it may see. */
  setRtpCapabilities(peer: LivePeer, rtpCapabilities: RtpCapabilities): void {
    peer.media.rtpCapabilities = rtpCapabilities;
    this.#consumeAll(peer);
  }

  // --- producers ---

  async produce(peer: LivePeer, request: ProduceRequest): Promise<string> {
    const needed = SOURCE_PERMISSION[request.source];
    if (!peer.role.publishParams.allowed.includes(needed)) {
      throw forbidden(`the role ${peer.role.name} may not publish ${needed}`);
    }
    if (SOURCE_KIND[request.source] !== request.kind) {
      throw invalid(`a ${request.source} track must be ${SOURCE_KIND[request.source]}`);
    }
    const { media } = peer;
    const publishing = [...media.producers.values()].some(
      (producer) => producer.appData.source === request.source,
    );
    // The source is taken before the await, so a second produce sent at once is refused too.
    if (publishing || media.sourcesProducing.has(request.source)) {
      throw conflict(`already publishing ${request.source}; close it first`, 'already_publishing');
    }
    const transport = this.transportOf(peer, request.transportId);
    if (transport.appData.direction !== 'send') throw invalid('produce on the send transport');
    const generation = media.generation;
    // Held until the producer is in `producers` (or failed): each await until then (making it,
    // recording its track) is a window in which another produce of this source must see it taken.
    media.sourcesProducing.add(request.source);
    let producer: types.Producer<ProducerData>;
    try {
      producer = await this.#registeredProducer(peer, transport, request, generation);
    } finally {
      media.sourcesProducing.delete(request.source);
    }
    // The recorder's sound is everyone's: it would always be the loudest.
    if (request.source === 'microphone' && !peer.hidden) {
      this.#speakerObserver.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        this.#log.debug({ err: error }, 'could not watch a microphone for the active speaker');
      });
    }
    this.#host.announce(peer);
    for (const viewer of this.#host.peers()) {
      if (viewer !== peer) this.#consume(viewer, peer, producer);
    }
    return producer.id;
  }

  /** Makes the producer, records its track, and puts it among the peer's producers. */
  async #registeredProducer(
    peer: LivePeer,
    transport: types.WebRtcTransport<TransportData>,
    request: ProduceRequest,
    generation: number,
  ): Promise<types.Producer<ProducerData>> {
    let producer: types.Producer<ProducerData>;
    try {
      producer = await transport.produce<ProducerData>({
        kind: request.kind,
        rtpParameters: request.rtpParameters as unknown as types.RtpParameters,
        paused: request.paused ?? false,
        appData: {
          peerId: peer.id,
          source: request.source,
          startedAt: new Date().toISOString(),
          recordedMuted: request.paused ?? false,
        },
      });
    } catch (error) {
      throw invalid(`could not produce: ${(error as Error).message}`);
    }
    if (producer.closed || peer.media.generation !== generation) {
      // The peer left or reconnected while this was being made: nobody may hear of it now.
      producer.close();
      throw conflict('the peer left while producing', 'closed');
    }
    try {
      // Recorded before anyone hears of it or the producer is acknowledged.
      await this.#host.trackChanged(peer, 'add', trackRecord(producer));
    } catch (error) {
      producer.close();
      throw error;
    }
    if (peer.media.generation !== generation) {
      // The peer left while its track was being recorded: record its end too.
      producer.close();
      await this.#host
        .trackChanged(peer, 'remove', trackRecord(producer))
        .catch((error: unknown) => this.#log.error({ err: error }, 'could not record a track'));
      throw conflict('the peer left while producing', 'closed');
    }
    const { producers } = peer.media;
    producers.set(producer.id, producer);
    producer.observer.once('close', () => producers.delete(producer.id));
    return producer;
  }

  producerOf(peer: LivePeer, producerId: string): types.Producer<ProducerData> {
    const producer = peer.media.producers.get(producerId);
    if (!producer) throw notFound(`no producer ${producerId}`);
    return producer;
  }

  async setProducerPaused(peer: LivePeer, producerId: string, paused: boolean): Promise<void> {
    const producer = this.producerOf(peer, producerId);
    if (producer.paused === paused) return; // No change, so no track event either.
    // Viewers hear of it through their consumers' producerpause/producerresume events.
    if (paused) await producer.pause();
    else await producer.resume();
    if (producer.closed || producer.appData.recordedMuted === paused) return;
    producer.appData.recordedMuted = paused;
    await this.#host.trackChanged(peer, 'update', { ...trackRecord(producer), muted: paused });
  }

  async closeProducer(peer: LivePeer, producerId: string): Promise<void> {
    const producer = this.producerOf(peer, producerId);
    const track = trackRecord(producer);
    producer.close();
    peer.media.producers.delete(producerId);
    this.#host.announce(peer);
    await this.#host.trackChanged(peer, 'remove', track);
  }

  // --- consumers ---

  /**
   * Makes `viewer`'s consumers match its role's subscribeToRoles and the others' roles now (after
   * a role change): closes those it may no longer have, and makes those it may have now.
   */
  matchSubscriptions(viewer: LivePeer): void {
    const allowed = viewer.role.subscribeParams.subscribeToRoles;
    const roleOf = new Map([...this.#host.peers()].map((peer) => [peer.id, peer.role.name]));
    for (const consumer of [...viewer.media.consumers.values()]) {
      const ownerRole = roleOf.get(consumer.appData.peerId);
      if (ownerRole !== undefined && allowed.includes(ownerRole)) continue;
      viewer.media.consumers.delete(consumer.id);
      consumer.close();
      viewer.notify('consumerClosed', { consumerId: consumer.id });
    }
    this.#consumeAll(viewer);
  }

  /** Consumers for everything `viewer` may receive and does not receive yet. */
  #consumeAll(viewer: LivePeer): void {
    for (const owner of this.#host.peers()) {
      if (owner === viewer) continue;
      for (const producer of owner.media.producers.values()) this.#consume(viewer, owner, producer);
    }
  }

  /**
   * Makes a (paused) consumer if the viewer's role may receive the owner's role and the viewer is
   * ready for it; skips one it has or is making already. Never throws: a consumer that cannot be
   * made is logged, and the viewer carries on with the others.
   */
  #consume(viewer: LivePeer, owner: LivePeer, producer: types.Producer<ProducerData>): void {
    try {
      this.#startConsumer(viewer, owner, producer);
    } catch (error) {
      this.#log.error({ err: error, peerId: viewer.id }, 'could not start a consumer');
    }
  }

  #startConsumer(viewer: LivePeer, owner: LivePeer, producer: types.Producer<ProducerData>): void {
    const key = `${viewer.id}:${producer.id}`;
    if (this.#consuming.has(key)) return;
    const { media } = viewer;
    const caps = media.rtpCapabilities as unknown as types.RtpCapabilities | undefined;
    const transport = media.recvTransport;
    if (!caps || !transport || producer.closed) return;
    if (!viewer.role.subscribeParams.subscribeToRoles.includes(owner.role.name)) return;
    if (media.consumedProducerIds().has(producer.id)) return;
    if (!this.#router.canConsume({ producerId: producer.id, rtpCapabilities: caps })) return;
    this.#consuming.add(key);
    transport
      .consume<ConsumerData>({
        producerId: producer.id,
        rtpCapabilities: caps,
        paused: true,
        appData: { peerId: owner.id, source: producer.appData.source, ready: false },
      })
      .then((consumer) => {
        // Its producer may have closed meanwhile (the owner left): then nobody hears of it.
        if (producer.closed || consumer.closed) consumer.close();
        else this.#announceConsumer(viewer, owner, consumer);
      })
      .catch((error: unknown) => {
        if (!transport.closed) this.#log.warn({ err: error }, 'could not create a consumer');
      })
      .finally(() => this.#consuming.delete(key));
  }

  #announceConsumer(
    viewer: LivePeer,
    owner: LivePeer,
    consumer: types.Consumer<ConsumerData>,
  ): void {
    const { consumers } = viewer.media;
    consumers.set(consumer.id, consumer);
    const on = (
      event: 'transportclose' | 'producerclose' | 'producerpause' | 'producerresume',
      listener: () => void,
    ) => consumer.on(event, contained(this.#log, `a consumer's ${event}`, listener));
    const forget = () => {
      if (consumers.delete(consumer.id))
        viewer.notify('consumerClosed', { consumerId: consumer.id });
    };
    on('transportclose', forget);
    on('producerclose', () => {
      forget();
      consumer.close();
    });
    const producerId = consumer.producerId;
    on('producerpause', () => viewer.notify('producerPaused', { peerId: owner.id, producerId }));
    on('producerresume', () => viewer.notify('producerResumed', { peerId: owner.id, producerId }));
    viewer.notify('newConsumer', {
      id: consumer.id,
      producerId,
      peerId: owner.id,
      source: consumer.appData.source,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
      producerPaused: consumer.producerPaused,
    });
  }

  async consumerReady(peer: LivePeer, consumerId: string): Promise<void> {
    const consumer = peer.media.consumers.get(consumerId);
    if (!consumer) throw notFound(`no consumer ${consumerId}`);
    consumer.appData.ready = true;
    await this.#applyVisibility(peer, consumer); // A resumed video consumer asks for a key frame.
  }

  async setVisibleTiles(peer: LivePeer, tiles: VisibleTile[]): Promise<void> {
    const { visibleTiles, consumers } = peer.media;
    visibleTiles.clear();
    for (const tile of tiles) visibleTiles.set(`${tile.peerId}:${tile.source}`, tile.width);
    await Promise.all(
      [...consumers.values()].map((consumer) => this.#applyVisibility(peer, consumer)),
    );
  }

  /**
   * Audio always flows; video flows only for tiles on screen, at the layer that fits them. A
   * consumer may close under our feet (its producer's peer left or reconnected): that is no error.
   */
  async #applyVisibility(peer: LivePeer, consumer: types.Consumer<ConsumerData>): Promise<void> {
    try {
      await this.#applyVisibilityNow(peer, consumer);
    } catch (error) {
      if (!consumer.closed) throw error;
    }
  }

  async #applyVisibilityNow(peer: LivePeer, consumer: types.Consumer<ConsumerData>): Promise<void> {
    if (!consumer.appData.ready || consumer.closed) return;
    if (consumer.kind === 'audio') {
      if (consumer.paused) await consumer.resume();
      return;
    }
    const width = peer.media.visibleTiles.get(
      `${consumer.appData.peerId}:${consumer.appData.source}`,
    );
    if (width === undefined) {
      if (!consumer.paused) await consumer.pause();
      return;
    }
    // The worker takes requests in order, so the layer is set before the resume takes effect
    // without the resume waiting for its answer.
    const layers =
      consumer.type === 'simulcast'
        ? consumer.setPreferredLayers({
            spatialLayer: spatialLayerForTile(width),
            temporalLayer: 2,
          })
        : undefined;
    if (consumer.paused) {
      await Promise.all([layers, consumer.resume()]);
      await consumer.requestKeyFrame().catch(() => {});
    } else {
      await layers;
    }
  }

  /** mediasoup's 0-10 scores of what `peer` sends and receives, averaged as 0-5; undefined if none. */
  connectionQuality(peer: LivePeer): number | undefined {
    const values: number[] = [];
    for (const producer of peer.media.producers.values()) {
      for (const entry of producer.score) values.push(entry.score);
    }
    for (const consumer of peer.media.consumers.values()) {
      if (!consumer.paused) values.push(consumer.score.score);
    }
    if (values.length === 0) return undefined;
    return Math.round(values.reduce((a, b) => a + b, 0) / values.length / 2);
  }
}
