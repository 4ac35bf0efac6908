// One peer's mediasoup objects in a room: its transports, producers and consumers, what it can
// receive, and the tiles it shows. Rebuilt from nothing when the peer's socket comes back.
import type { types } from 'mediasoup';
import type { MediaSource, ProducerInfo, RtpCapabilities } from '../../src/protocol/signaling.ts';

// Type aliases (not interfaces) so they satisfy mediasoup's index-signature AppData constraint.
export type ProducerData = {
  peerId: string;
  source: MediaSource;
  /** When it was published (producers only): the REST API's track `started_at`. */
  startedAt?: string;
};

export type ConsumerData = ProducerData & {
  /** The client has created its side; until then the consumer stays paused. */
  ready: boolean;
};

export type TransportData = { direction: 'send' | 'recv' };

export class PeerMedia {
  /** What the peer's Device can receive; consumers are made only once it is known. */
  rtpCapabilities: RtpCapabilities | undefined;
  readonly transports = new Map<string, types.WebRtcTransport<TransportData>>();
  readonly producers = new Map<string, types.Producer<ProducerData>>();
  readonly consumers = new Map<string, types.Consumer<ConsumerData>>();
  /** Tiles on this peer's screen: `${peerId}:${source}` -> width in device pixels. */
  readonly visibleTiles = new Map<string, number>();
  /** Bytes received on its send transports when last asked: is it still sending? */
  bytesFromPeer = 0;
  /** Counts resets: something made before one (across an await) belongs to no one now. */
  generation = 0;
  /** Transports being made, and sources being produced: limits count them before they exist. */
  transportsOpening = 0;
  readonly sourcesProducing = new Set<MediaSource>();

  get recvTransport(): types.WebRtcTransport<TransportData> | undefined {
    for (const transport of this.transports.values()) {
      if (transport.appData.direction === 'recv') return transport;
    }
    return undefined;
  }

  /** The producers received from each peer, so a consumer is never made twice for one. */
  consumedProducerIds(): Set<string> {
    return new Set([...this.consumers.values()].map((consumer) => consumer.producerId));
  }

  producerInfos(): ProducerInfo[] {
    return [...this.producers.values()].map((producer) => ({
      id: producer.id,
      source: producer.appData.source,
      kind: producer.kind,
      paused: producer.paused,
    }));
  }

  /** Closes transports, which closes their producers and consumers too; forgets the rest. */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.visibleTiles.clear();
    this.rtpCapabilities = undefined;
    this.bytesFromPeer = 0;
    this.generation++;
  }
}
