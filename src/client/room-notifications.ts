// What the server tells us, applied to the store: the join response, peers coming, changing and
// leaving, consumers to create or drop, mutes, the active speaker and connection quality.
import type { StreamingState } from '../protocol/streaming-schemas.ts';
import {
  STOPPED_STREAMING,
  type ConsumerInfo,
  type JoinResponse,
  type MediaSource,
  type PeerInfo,
} from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';
import { markJoinPhase } from './join-phases.ts';
import type { MediaConnection } from './media.ts';
import { peerStateFrom, samePeerState } from './peer-state.ts';
import type { PeerState, RoomState } from './room-state.ts';
import type { RoomStore } from './room-store.ts';
import type { VisibleTilesReporter } from './visible-tiles.ts';

export interface RoomNotificationsHost {
  store: RoomStore;
  tiles: VisibleTilesReporter;
  /** The local tracks, to carry over into the local peer a join response describes. */
  localTracks(): PeerState['tracks'];
  /** The server paused or resumed one of our own producers. */
  localProducerPaused(source: MediaSource, paused: boolean): void;
  report(error: ConveneError): void;
}

export class RoomNotifications {
  readonly #host: RoomNotificationsHost;
  /** Which peer and source each known producer belongs to, for pause and resume notifications. */
  readonly #producers = new Map<string, { peerId: string; source: MediaSource }>();

  constructor(host: RoomNotificationsHost) {
    this.#host = host;
  }

  /** Replaces what we know of the room with a join response (a first join or a rejoin). */
  joined(response: JoinResponse): void {
    this.#producers.clear();
    for (const peer of response.peers) this.#index(peer);
    const others = response.peers
      .filter((peer) => peer.id !== response.self.id)
      .map((peer) => peerStateFrom(peer, false))
      .sort((a, b) => (a.joinedAt < b.joinedAt ? -1 : a.joinedAt > b.joinedAt ? 1 : 0));
    const self = { ...peerStateFrom(response.self, true), tracks: this.#host.localTracks() };
    this.#host.store.update((state) => ({
      ...state,
      room: response.room,
      sessionId: response.sessionId,
      localPeerId: self.id,
      role: response.role,
      roles: response.roles,
      peers: Object.fromEntries([self, ...others].map((peer) => [peer.id, peer])),
      peerOrder: [self.id, ...others.map((peer) => peer.id)],
      activeSpeakerId: response.activeSpeakerId ?? null,
      streaming: response.streaming ?? STOPPED_STREAMING,
    }));
  }

  /** Forgets everything (leaving). */
  clear(): void {
    this.#producers.clear();
  }

  /** A local producer exists: the server may announce its pausing (a host muting us). */
  produced(producerId: string, source: MediaSource): void {
    const peerId = this.#host.store.state.localPeerId;
    if (peerId) this.#producers.set(producerId, { peerId, source });
  }

  /** peerJoined and peerUpdated. */
  peer(info: PeerInfo): void {
    const { store } = this.#host;
    const state = store.state;
    const previous = state.peers[info.id];
    if (info.id === state.localPeerId) {
      const next = peerStateFrom(info, true, previous);
      // An own property only: a role named `constructor` must not find Object's.
      const role = Object.hasOwn(state.roles, info.role) ? state.roles[info.role]! : state.role;
      if (previous && samePeerState(previous, next) && role === state.role) return;
      store.update((s) => ({ ...s, role, peers: { ...s.peers, [info.id]: next } }));
      return;
    }
    this.#index(info);
    const next = peerStateFrom(info, false, previous);
    if (!previous || !samePeerState(previous, next)) store.setPeer(next);
  }

  peerLeft(peerId: string, media: MediaConnection | undefined): void {
    for (const [producerId, owner] of this.#producers) {
      if (owner.peerId === peerId) this.#producers.delete(producerId);
    }
    media?.closeConsumersOf(peerId);
    this.#host.store.removePeer(peerId);
  }

  /**
   * Creates the local side of a consumer once the transports exist, then shows its track.
   * `stillCurrent` says whether the connection it came on is still the one in use.
   */
  async newConsumer(
    info: ConsumerInfo,
    media: Promise<MediaConnection>,
    stillCurrent: () => boolean,
  ): Promise<void> {
    this.#producers.set(info.producerId, { peerId: info.peerId, source: info.source });
    const { store } = this.#host;
    let shown: MediaStreamTrack | undefined;
    try {
      const connection = await media;
      const consumer = await connection.consume(info);
      if (!stillCurrent() || consumer.closed) return;
      // Shown before the server is told to start, so the first frame finds its element waiting.
      const tile = info.source === 'screen' ? 'screen' : 'camera';
      shown = consumer.track;
      store.setTrack(info.peerId, info.source, {
        source: info.source,
        kind: info.kind,
        track: consumer.track,
        muted: info.producerPaused,
        receiving: info.kind === 'audio' || this.#host.tiles.isVisible(info.peerId, tile),
      });
      markJoinPhase('track');
      await connection.confirm(consumer.id);
    } catch (error) {
      if (shown && store.state.peers[info.peerId]?.tracks[info.source]?.track === shown) {
        store.setTrack(info.peerId, info.source, undefined);
      }
      if (!stillCurrent()) return; // The next connection brings new consumers.
      this.#host.report(
        ConveneError.from(error, 'consume_failed', `Could not receive ${info.source} from a peer`),
      );
    }
  }

  consumerClosed(consumerId: string, media: MediaConnection | undefined): void {
    const track = media?.consumer(consumerId)?.track;
    const owner = media?.closeConsumer(consumerId);
    if (!owner) return;
    // A newer consumer for the same source (the camera turned off and on) may already be shown.
    const { store } = this.#host;
    if (store.state.peers[owner.peerId]?.tracks[owner.source]?.track === track) {
      store.setTrack(owner.peerId, owner.source, undefined);
    }
  }

  producerPaused(producerId: string, paused: boolean): void {
    const owner = this.#producers.get(producerId);
    if (!owner) return;
    if (owner.peerId === this.#host.store.state.localPeerId)
      this.#host.localProducerPaused(owner.source, paused);
    else this.#host.store.updateTrack(owner.peerId, owner.source, { muted: paused });
  }

  streamingChanged(streaming: StreamingState): void {
    this.#host.store.update((s) => ({ ...s, streaming }));
  }

  activeSpeaker(peerId: string | null): void {
    this.#host.store.update((s) =>
      s.activeSpeakerId === peerId ? s : { ...s, activeSpeakerId: peerId },
    );
  }

  connectionQuality(scores: Record<string, number>): void {
    this.#host.store.update((state) => {
      let peers: Record<string, PeerState> | undefined;
      for (const [peerId, score] of Object.entries(scores)) {
        const peer = (peers ?? state.peers)[peerId];
        if (!peer || peer.connectionQuality === score) continue;
        peers ??= { ...state.peers };
        peers[peerId] = { ...peer, connectionQuality: score };
      }
      return peers ? { ...state, peers } : state;
    });
  }

  /** Remote video flows only while its tile is visible (the server pauses the rest). */
  tilesSent(): void {
    this.#host.store.update((state) => markReceiving(state, this.#host.tiles));
  }

  #index(peer: PeerInfo): void {
    for (const producer of peer.producers)
      this.#producers.set(producer.id, { peerId: peer.id, source: producer.source });
  }
}

function markReceiving(state: RoomState, tiles: VisibleTilesReporter): RoomState {
  let peers: Record<string, PeerState> | undefined;
  for (const peer of Object.values(state.peers)) {
    if (peer.isLocal) continue;
    for (const source of ['camera', 'screen'] as const) {
      const track = peer.tracks[source];
      const receiving = tiles.isVisible(peer.id, source);
      if (!track || track.receiving === receiving) continue;
      peers ??= { ...state.peers };
      const current = peers[peer.id] ?? peer;
      peers[peer.id] = {
        ...current,
        tracks: { ...current.tracks, [source]: { ...track, receiving } },
      };
    }
  }
  return peers ? { ...state, peers } : state;
}
