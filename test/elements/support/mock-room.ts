// A stand-in room client and store for element tests: state is set by the test, calls are
// recorded, events are dispatched on demand. It isolates one element from the real client.
import { INITIAL_ROOM_STATE } from '../../../src/client/room-state.ts';
import type {
  JoinOptions,
  PeerState,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
  RoomStoreApi,
  TrackState,
} from '../../../src/client/room-state.ts';
import type { MediaSource, VisibleTile } from '../../../src/protocol/signaling.ts';

export class MockRoomStore implements RoomStoreApi {
  state: RoomState = INITIAL_ROOM_STATE;
  private readonly listeners = new Set<(state: RoomState) => void>();

  /** How many subscriptions are open: a removed element must leave none behind. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: (state: RoomState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publishes a new snapshot, as the real store does: a new object, never a mutation. */
  update(change: Partial<RoomState> | ((state: RoomState) => RoomState)): void {
    this.state = typeof change === 'function' ? change(this.state) : { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  /** Replaces one peer's snapshot. */
  updatePeer(id: string, change: (peer: PeerState) => PeerState): void {
    this.update((state) => {
      const peer = state.peers[id];
      if (!peer) throw new Error(`no peer ${id}`);
      return { ...state, peers: { ...state.peers, [id]: change(peer) } };
    });
  }
}

export class MockRoomClient extends EventTarget implements RoomClientApi {
  readonly store = new MockRoomStore();
  readonly joins: JoinOptions[] = [];
  readonly visibleTiles: VisibleTile[][] = [];
  leaves = 0;
  /** Set to make the next join fail with this error (and an `error` event, as the client does). */
  failJoin: { code: string; message: string } | undefined;
  /** Set to hold joins in 'connecting' until this promise settles. */
  joinGate: Promise<void> | undefined;

  get lastVisibleTiles(): VisibleTile[] | undefined {
    return this.visibleTiles[this.visibleTiles.length - 1];
  }

  async join(options: JoinOptions): Promise<void> {
    this.joins.push(options);
    this.store.update({ connection: 'connecting' });
    await (this.joinGate ?? Promise.resolve());
    if (this.failJoin) {
      const error = this.failJoin;
      this.store.update({ connection: 'failed', error });
      this.emit('error', error);
      throw Object.assign(new Error(error.message), { code: error.code });
    }
    this.store.update({ connection: 'connected', localPeerId: 'local' });
    this.emit('joined', { peerId: 'local' });
  }

  async leave(): Promise<void> {
    this.leaves++;
    this.store.update({ connection: 'disconnected' });
    this.emit('left', { reason: 'left' });
  }

  async setMicrophoneEnabled(): Promise<void> {}
  async setCameraEnabled(): Promise<void> {}
  async selectDevice(): Promise<void> {}
  async startScreenShare(): Promise<void> {}
  async stopScreenShare(): Promise<void> {}

  setVisibleTiles(tiles: VisibleTile[]): void {
    this.visibleTiles.push(tiles);
  }

  emit<K extends keyof RoomClientEventMap>(type: K, detail: RoomClientEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

export interface PeerOptions {
  name?: string;
  isLocal?: boolean;
  tracks?: Partial<Record<MediaSource, Partial<TrackState> | MediaStreamTrack | null>>;
  connectionQuality?: number;
}

const KIND: Record<MediaSource, 'audio' | 'video'> = {
  camera: 'video',
  microphone: 'audio',
  screen: 'video',
  'screen-audio': 'audio',
};

/** A peer snapshot; a track given as a MediaStreamTrack (or null) is live, unmuted, received. */
export function makePeer(id: string, options: PeerOptions = {}): PeerState {
  const tracks: PeerState['tracks'] = {};
  for (const [source, value] of Object.entries(options.tracks ?? {}) as [
    MediaSource,
    Partial<TrackState> | MediaStreamTrack | null,
  ][]) {
    const given = value === null || value instanceof MediaStreamTrack ? { track: value } : value;
    tracks[source] = { source, kind: KIND[source], track: null, muted: false, ...given };
  }
  return {
    id,
    userId: `user-${id}`,
    name: options.name ?? id,
    role: 'guest',
    isLocal: options.isLocal ?? false,
    joinedAt: '2026-01-01T00:00:00.000Z',
    tracks,
    ...(options.connectionQuality === undefined
      ? {}
      : { connectionQuality: options.connectionQuality }),
  };
}

/** Room state with these peers in this order, connected. */
export function roomWith(peers: PeerState[], extra: Partial<RoomState> = {}): RoomState {
  return {
    ...INITIAL_ROOM_STATE,
    connection: 'connected',
    localPeerId: peers.find((peer) => peer.isLocal)?.id,
    peers: Object.fromEntries(peers.map((peer) => [peer.id, peer])),
    peerOrder: peers.map((peer) => peer.id),
    ...extra,
  };
}

/** A client whose store already holds these peers. */
export function clientWith(peers: PeerState[], extra: Partial<RoomState> = {}): MockRoomClient {
  const client = new MockRoomClient();
  client.store.update(roomWith(peers, extra));
  return client;
}
