// mediasoup-client on one signaling connection: the Device, the send and receive transports, the
// local producers and remote consumers, and ICE restarts. A reconnect builds a new one, so
// nothing here survives its socket; local tracks are never stopped here (the room client owns them).
import type * as Mediasoup from 'mediasoup-client';
import type { types as ms } from 'mediasoup-client';
import type { Role } from '../protocol/roles.ts';
import type {
  ConsumerInfo,
  MediaSource,
  RtpCapabilities,
  TransportInfo,
} from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';
import {
  audioCodecOptions,
  cameraEncodings,
  preferredVideoCodec,
  screenEncodings,
} from './publish-params.ts';
import type { SignalingConnection } from './signaling.ts';

/** How long a transport may stay 'disconnected' before its ICE is restarted (it often recovers). */
export const ICE_DISCONNECTED_GRACE_MS = 2_000;
/** How long media may stay broken despite ICE restarts before the whole connection is rebuilt. */
export const MEDIA_LOST_AFTER_MS = 15_000;

type MediasoupClient = typeof Mediasoup;
let mediasoupClient: Promise<MediasoupClient> | undefined;

/** mediasoup-client is about 40 KB gzip: fetched when a page joins a room, never with the page. */
export function loadMediasoupClient(): Promise<MediasoupClient> {
  mediasoupClient ??= import('mediasoup-client').then(
    // mediasoup-client is CommonJS: some bundlers (esbuild with code splitting) hand a dynamic
    // import of it over as `{ default: exports }` rather than with named exports.
    (module) => {
      const namespace = module as MediasoupClient & { default?: MediasoupClient };
      return typeof namespace.Device === 'function' ? namespace : (namespace.default ?? namespace);
    },
    (error: unknown) => {
      mediasoupClient = undefined; // A later join may find the network back.
      throw ConveneError.from(error, 'load_failed', 'Could not load the media library');
    },
  );
  return mediasoupClient;
}

/**
 * A Device loaded with the routers' capabilities: the longest step of a join (the browser builds
 * a peer connection to learn what it can do), so the room client starts it early and keeps it
 * for every connection to routers with the same capabilities.
 */
export async function loadDevice(routerRtpCapabilities: RtpCapabilities): Promise<ms.Device> {
  const { Device } = await loadMediasoupClient();
  const device = new Device();
  await device.load({ routerRtpCapabilities: routerRtpCapabilities as ms.RtpCapabilities });
  return device;
}

export interface MediaConnectionOptions {
  signaling: SignalingConnection;
  /** Loaded with the capabilities of the router this connection's join answer names. */
  device: ms.Device;
  /** The transports the join answer carries: a receive one, and a send one if the role may publish. */
  transports: { recv: TransportInfo; send?: TransportInfo };
  /** Called when media stays broken for MEDIA_LOST_AFTER_MS despite ICE restarts. */
  onMediaLost?: () => void;
  /** The join carried the Device's receive capabilities already: no setRtpCapabilities. */
  capabilitiesSent?: boolean;
  playout?: Playout;
}

/** How received media is played out (RoomClientOptions.playout). */
export type Playout = 'smooth' | 'immediate';

/** Chromium's own knob: the delay it may hold frames for, in seconds; 0 renders on decode. */
type ReceiverWithPlayoutHint = RTCRtpReceiver & { playoutDelayHint?: number | null };

function playImmediately(receiver: ReceiverWithPlayoutHint): void {
  if ('playoutDelayHint' in receiver) receiver.playoutDelayHint = 0;
  else if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0;
}

interface ConsumerAppData extends ms.AppData {
  peerId: string;
  source: MediaSource;
}

export class MediaConnection {
  readonly #signaling: SignalingConnection;
  readonly #device: ms.Device;
  readonly #recv: ms.Transport;
  #sendInfo: TransportInfo | undefined;
  readonly #onMediaLost: (() => void) | undefined;
  readonly #playout: Playout;
  #send: ms.Transport | undefined;
  readonly #producers = new Map<MediaSource, ms.Producer>();
  readonly #consumers = new Map<string, ms.Consumer<ConsumerAppData>>();
  readonly #iceWatchers = new Map<ms.Transport, IceWatcher>();
  #closed = false;

  /**
   * Builds the transports the join answer described, and declares what the Device can receive:
   * the server creates consumers at that moment, on the receive transport, which therefore
   * already exists on both sides.
   */
  static async create(options: MediaConnectionOptions): Promise<MediaConnection> {
    const { device } = options;
    const media = new MediaConnection(options, device);
    if (options.capabilitiesSent) return media;
    try {
      await options.signaling.request('setRtpCapabilities', {
        rtpCapabilities: device.recvRtpCapabilities as RtpCapabilities,
      });
    } catch (error) {
      media.close();
      throw error;
    }
    return media;
  }

  private constructor(options: MediaConnectionOptions, device: ms.Device) {
    this.#signaling = options.signaling;
    this.#device = device;
    this.#sendInfo = options.transports.send;
    this.#onMediaLost = options.onMediaLost;
    this.#playout = options.playout ?? 'smooth';
    this.#recv = device.createRecvTransport(transportOptions(options.transports.recv));
    this.#wire(this.#recv);
  }

  /**
   * The send transport, built on the first produce: a peer that only watches (or joins muted)
   * never pays for a second peer connection, and nobody pays for it during the join.
   */
  #sendTransport(source: MediaSource): ms.Transport {
    if (this.#closed)
      throw new ConveneError('connection_closed', 'The connection closed before publishing.');
    if (this.#send) return this.#send;
    if (!this.#sendInfo)
      throw new ConveneError('forbidden', `This role may not publish ${source}.`);
    const send = this.#device.createSendTransport(transportOptions(this.#sendInfo));
    this.#wire(send);
    send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.#signaling
        .request('produce', {
          transportId: send.id,
          source: appData.source as MediaSource,
          kind,
          rtpParameters,
          paused: appData.paused === true,
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    this.#send = send;
    return send;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Publishes `track` as `source`, encoded as the role says. A disabled track (a muted
   * microphone carried over a reconnect) is published paused.
   */
  async produce(source: MediaSource, track: MediaStreamTrack, role: Role): Promise<ms.Producer> {
    const send = this.#sendTransport(source);
    await this.closeProducer(source);
    const producer = await send.produce({
      track,
      // The room client owns local tracks and re-publishes them after a reconnect.
      stopTracks: false,
      appData: { source, paused: !track.enabled },
      ...this.#encodingFor(source, role),
    });
    if (this.#closed) {
      producer.close();
      throw new ConveneError('connection_closed', 'The connection closed while publishing.');
    }
    this.#producers.set(source, producer);
    producer.on('transportclose', () => this.#forgetProducer(source, producer));
    return producer;
  }

  #encodingFor(source: MediaSource, role: Role): Partial<ms.ProducerOptions> {
    const send = this.#device.sendRtpCapabilities;
    switch (source) {
      case 'camera':
        return {
          encodings: cameraEncodings(role),
          codec: preferredVideoCodec(role.publishParams.video.codec, send),
        };
      case 'screen':
        return {
          encodings: screenEncodings(role),
          codec: preferredVideoCodec(role.publishParams.screen.codec, send),
        };
      case 'microphone':
      case 'screen-audio':
        return { codecOptions: audioCodecOptions(role) };
    }
  }

  producer(source: MediaSource): ms.Producer | undefined {
    return this.#producers.get(source);
  }

  /** Swaps the track a producer sends (a device switch) without renegotiating. */
  async replaceTrack(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  async pauseProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.paused) return;
    producer.pause(); // Stop sending now; the server tells the others.
    await this.#signaling.request('pauseProducer', { producerId: producer.id });
  }

  async resumeProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || !producer.paused) return;
    producer.resume();
    await this.#signaling.request('resumeProducer', { producerId: producer.id });
  }

  async closeProducer(source: MediaSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#forgetProducer(source, producer);
    producer.close();
    await this.#signaling.request('closeProducer', { producerId: producer.id });
  }

  /**
   * Our role changed: from now on publish on the send transport `info` the server made, or on
   * none (the role may publish nothing, and the server closed ours with its producers).
   */
  replaceSendTransport(info: TransportInfo | undefined): void {
    const old = this.#send;
    if (old) {
      this.#iceWatchers.get(old)?.stop();
      this.#iceWatchers.delete(old);
      old.close();
      this.#producers.clear();
    }
    this.#send = undefined;
    this.#sendInfo = info;
  }

  /** Closes our side of a producer the server closed already (the role may no longer publish it). */
  forgetProducer(source: MediaSource): void {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#forgetProducer(source, producer);
    producer.close();
  }

  #forgetProducer(source: MediaSource, producer: ms.Producer): void {
    if (this.#producers.get(source) === producer) this.#producers.delete(source);
  }

  /**
   * Creates the local side of a consumer the server made (paused). Its track can be shown at once;
   * media starts flowing after confirm().
   */
  async consume(info: ConsumerInfo): Promise<ms.Consumer<ConsumerAppData>> {
    const consumer = await this.#recv.consume<ConsumerAppData>({
      id: info.id,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as ms.RtpParameters,
      // One stream per peer and capture, so the browser lip-syncs camera with microphone and
      // screen with screen audio.
      streamId: `${info.peerId}-${info.source.startsWith('screen') ? 'screen' : 'user'}`,
      appData: { peerId: info.peerId, source: info.source },
    });
    if (this.#closed) {
      consumer.close();
      throw new ConveneError('connection_closed', 'The connection closed while receiving.');
    }
    const receiver = consumer.rtpReceiver;
    if (this.#playout === 'immediate' && receiver) playImmediately(receiver);
    this.#consumers.set(consumer.id, consumer);
    consumer.on('transportclose', () => this.#consumers.delete(consumer.id));
    return consumer;
  }

  /** Tells the server our side of a consumer exists, so it may start sending. */
  async confirm(consumerId: string): Promise<void> {
    try {
      await this.#signaling.request('consumerReady', { consumerId });
    } catch (error) {
      this.closeConsumer(consumerId); // The server no longer has it, or the socket is gone.
      throw error;
    }
  }

  consumer(consumerId: string): ms.Consumer<ConsumerAppData> | undefined {
    return this.#consumers.get(consumerId);
  }

  /** The consumer receiving `source` from `peerId`, if any. */
  consumerOf(peerId: string, source: MediaSource): ms.Consumer<ConsumerAppData> | undefined {
    for (const consumer of this.#consumers.values()) {
      if (consumer.appData.peerId === peerId && consumer.appData.source === source) return consumer;
    }
    return undefined;
  }

  /** Closes a consumer (which stops its track); returns what it was receiving. */
  closeConsumer(consumerId: string): ConsumerAppData | undefined {
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) return undefined;
    this.#consumers.delete(consumerId);
    consumer.close();
    return consumer.appData;
  }

  /** Closes every consumer of a peer that left, in case the server's consumerClosed is still on its way. */
  closeConsumersOf(peerId: string): void {
    for (const consumer of [...this.#consumers.values()]) {
      if (consumer.appData.peerId === peerId) this.closeConsumer(consumer.id);
    }
  }

  /** WebRTC stats of what is sent as `source`, or received as `source` from `peerId`. */
  async getStats(
    peerId: string | undefined,
    source: MediaSource,
  ): Promise<RTCStatsReport | undefined> {
    const endpoint =
      peerId === undefined ? this.#producers.get(source) : this.consumerOf(peerId, source);
    return endpoint?.getStats();
  }

  /** Closes both transports, and with them every producer and consumer; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const watcher of this.#iceWatchers.values()) watcher.stop();
    this.#recv.close();
    this.#send?.close();
    this.#producers.clear();
    this.#consumers.clear();
  }

  #wire(transport: ms.Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#signaling
        .request('connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    this.#iceWatchers.set(transport, new IceWatcher(transport, this.#signaling, this.#onMediaLost));
  }
}

function transportOptions(info: TransportInfo): ms.TransportOptions {
  return {
    id: info.id,
    iceParameters: info.iceParameters as ms.IceParameters,
    iceCandidates: info.iceCandidates as ms.IceCandidate[],
    dtlsParameters: info.dtlsParameters as ms.DtlsParameters,
  };
}

/**
 * Restarts ICE on a transport that failed, or that stayed disconnected past a grace period
 * (a Wi-Fi to cellular switch), and gives up to the caller if media stays broken.
 */
class IceWatcher {
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #lostTimer: ReturnType<typeof setTimeout> | undefined;
  #restarting = false;
  #stopped = false;

  constructor(
    private readonly transport: ms.Transport,
    private readonly signaling: SignalingConnection,
    private readonly onMediaLost: (() => void) | undefined,
  ) {
    transport.on('connectionstatechange', (state) => this.#onState(state));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#lostTimer);
  }

  #onState(state: ms.ConnectionState): void {
    if (this.#stopped) return;
    clearTimeout(this.#graceTimer);
    if (state === 'connected') {
      clearTimeout(this.#lostTimer);
      this.#lostTimer = undefined;
      return;
    }
    if (state !== 'failed' && state !== 'disconnected') return;
    this.#lostTimer ??= setTimeout(() => {
      if (!this.#stopped) this.onMediaLost?.();
    }, MEDIA_LOST_AFTER_MS);
    if (state === 'failed') void this.#restart();
    else this.#graceTimer = setTimeout(() => void this.#restart(), ICE_DISCONNECTED_GRACE_MS);
  }

  async #restart(): Promise<void> {
    if (this.#restarting || this.#stopped || this.signaling.closed) return;
    this.#restarting = true;
    try {
      const { iceParameters } = await this.signaling.request('restartIce', {
        transportId: this.transport.id,
      });
      if (!this.#stopped)
        await this.transport.restartIce({ iceParameters: iceParameters as ms.IceParameters });
    } catch {
      // The socket is gone or the server lost the transport: the lost-media timer or the
      // room client's reconnect builds a new connection.
    } finally {
      this.#restarting = false;
    }
  }
}
