// A stand-in room client and store for element tests: state is set by the test, calls are
// recorded, events are dispatched on demand. It isolates one element from the real client.
import { INITIAL_ROOM_STATE } from '../../../src/client/room-state.ts';
import type {
  ChatMessage,
  JoinOptions,
  ErrorShape,
  PeerState,
  RoomActionEventMap,
  RoomActionsApi,
  RoomChatEventMap,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
  RoomStoreApi,
  SendMessageOptions,
  SessionStoreApi,
  TrackState,
} from '../../../src/client/room-state.ts';
import type { MediaSource, VisibleTile } from '../../../src/protocol/signaling.ts';

/** Every event the real client emits. */
type MockEventMap = RoomClientEventMap & RoomActionEventMap & RoomChatEventMap;

/** A call an element made on the mock: its method and arguments. */
export interface RecordedCall {
  method: string;
  args: unknown[];
}

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

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.#record('setMicrophoneEnabled', enabled);
  }
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#record('setCameraEnabled', enabled);
  }
  async selectDevice(): Promise<void> {}
  startScreenShare(): Promise<void> {
    return this.#record('startScreenShare');
  }
  stopScreenShare(): Promise<void> {
    return this.#record('stopScreenShare');
  }

  setVisibleTiles(tiles: VisibleTile[]): void {
    this.visibleTiles.push(tiles);
  }

  /** Every media, people, chat and room-action call, in order, for tests to assert on. */
  readonly calls: RecordedCall[] = [];

  /** Set a method's entry (`actions.mute`, `lowerHand`) to make its next call reject with it, once. */
  readonly failures = new Map<string, { code: string; message: string }>();

  /** Makes the next call of `method` reject with this error, as a refusing server would. */
  rejectNext(method: string, error: { code: string; message: string }): void {
    this.failures.set(method, error);
  }

  #record(method: string, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (!failure) return Promise.resolve();
    this.failures.delete(method);
    return Promise.reject(Object.assign(new Error(failure.message), { code: failure.code }));
  }

  setName(name: string): Promise<void> {
    return this.#record('setName', name);
  }
  setMetadata(metadata: string): Promise<void> {
    return this.#record('setMetadata', metadata);
  }
  startStreaming(kind: 'hls' | 'recording'): Promise<void> {
    return this.#record('startStreaming', kind);
  }
  stopStreaming(kind: 'hls' | 'recording'): Promise<void> {
    return this.#record('stopStreaming', kind);
  }
  raiseHand(): Promise<void> {
    return this.#record('raiseHand');
  }
  lowerHand(peerId?: string): Promise<void> {
    return this.#record('lowerHand', peerId);
  }
  readonly sessionStore: SessionStoreApi = {
    set: (key, value) => this.#record('sessionStore.set', key, value),
    observe: (keys) => this.#record('sessionStore.observe', keys),
    unobserve: (keys) => this.#record('sessionStore.unobserve', keys),
  };

  /** Set to make sendMessage fail with this error (after recording the call). */
  failSend: { code: string; message: string } | undefined;

  async sendMessage(text: string, options?: SendMessageOptions): Promise<ChatMessage> {
    await this.#record('sendMessage', text, options);
    if (this.failSend) {
      throw Object.assign(new Error(this.failSend.message), { code: this.failSend.code });
    }
    const message: ChatMessage = {
      id: `message-${this.calls.length}`,
      sender: null,
      type: options?.type ?? 'chat',
      message: text,
      time: new Date().toISOString(),
    };
    this.store.update((state) => ({ ...state, messages: [...state.messages, message] }));
    return message;
  }
  loadOlderMessages(limit?: number): Promise<void> {
    return this.#record('loadOlderMessages', limit);
  }
  markMessagesRead(): void {
    this.calls.push({ method: 'markMessagesRead', args: [] });
    this.store.update({ unreadMessages: 0 });
  }

  readonly actions: RoomActionsApi = {
    mute: (peerId, source) => this.#record('actions.mute', peerId, source),
    muteRole: async (role, source) => {
      await this.#record('actions.muteRole', role, source);
      return 0;
    },
    requestUnmute: async (peerId, source) => {
      await this.#record('actions.requestUnmute', peerId, source);
      return `request-${this.calls.length}`;
    },
    changeRole: async (peerId, role, options) => {
      await this.#record('actions.changeRole', peerId, role, options);
      return options?.force ? undefined : `request-${this.calls.length}`;
    },
    removePeer: (peerId, reason) => this.#record('actions.removePeer', peerId, reason),
    endRoom: (reason, options) => this.#record('actions.endRoom', reason, options),
    accept: (requestId) => this.#answer('accept', requestId),
    decline: (requestId) => this.#answer('decline', requestId),
  };

  /** Set to make accept or decline fail with this error, as a server refusing would. */
  failAnswer: Partial<Record<'accept' | 'decline', ErrorShape>> = {};

  async #answer(answer: 'accept' | 'decline', requestId: string): Promise<void> {
    await this.#record(`actions.${answer}`, requestId);
    const error = this.failAnswer[answer];
    if (error) throw Object.assign(new Error(error.message), { code: error.code });
  }

  emit<K extends keyof MockEventMap>(type: K, detail: MockEventMap[K]['detail']): void {
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
