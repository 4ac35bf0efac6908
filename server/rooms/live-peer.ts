// A peer present in a live room: who it is (from its app token), its socket while connected, and
// its mediasoup transports, producers and consumers. The socket may drop and come back (resume)
// without the peer losing its place.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { types } from 'mediasoup';
import type {
  MediaSource,
  NotificationName,
  Notifications,
  PeerInfo,
  RtpCapabilities,
  ServerMessage,
} from '../../src/protocol/signaling.ts';
import type { Role } from '../../src/protocol/roles.ts';

/** The socket side of a peer, as the signaling layer provides it. */
export interface PeerConnection {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

// Type aliases (not interfaces) so they satisfy mediasoup's index-signature AppData constraint.
export type ProducerData = {
  peerId: string;
  source: MediaSource;
};

export type ConsumerData = ProducerData & {
  /** The client has created its side; until then the consumer stays paused. */
  ready: boolean;
};

/** Spatial layer wanted for a tile: 2 (full) for large tiles, 0 (quarter) for thumbnails. */
export function spatialLayerForTile(width: number): number {
  if (width > 480) return 2;
  if (width > 200) return 1;
  return 0;
}

export class LivePeer {
  readonly resumeSecret = randomBytes(18).toString('base64url');
  readonly joinedAt = new Date().toISOString();
  connection: PeerConnection | undefined;
  rtpCapabilities: RtpCapabilities | undefined;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer<ProducerData>>();
  readonly consumers = new Map<string, types.Consumer<ConsumerData>>();
  /** Tiles on this peer's screen: `${peerId}:${source}` -> width in device pixels. */
  readonly visibleTiles = new Map<string, number>();
  /** Ends the grace period of a dropped socket. */
  graceTimer: NodeJS.Timeout | undefined;
  connectionQuality: number | undefined;

  constructor(
    readonly id: string,
    readonly userId: string,
    public name: string,
    public role: Role,
  ) {}

  matchesSecret(secret: string): boolean {
    const a = Buffer.from(secret);
    const b = Buffer.from(this.resumeSecret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  info(): PeerInfo {
    return {
      id: this.id,
      userId: this.userId,
      name: this.name,
      role: this.role.name,
      joinedAt: this.joinedAt,
      producers: [...this.producers.values()].map((producer) => ({
        id: producer.id,
        source: producer.appData.source,
        kind: producer.kind,
        paused: producer.paused,
      })),
      ...(this.connectionQuality === undefined
        ? {}
        : { connectionQuality: this.connectionQuality }),
    };
  }

  notify<N extends NotificationName>(notification: N, data: Notifications[N]): void {
    this.connection?.send({ notification, data } as ServerMessage);
  }

  /** Closes transports, which closes their producers and consumers too. */
  closeMedia(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.visibleTiles.clear();
  }
}
