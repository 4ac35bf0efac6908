// The observable room state: immutable snapshots (a new object on every change, so lit and
// @lit/context consumers comparing with Object.is see it), small update helpers the room client
// uses, and selectors that derive what elements show without storing anything twice.
import type { MediaSource } from '../protocol/signaling.ts';
import { reportListenerError } from './errors.ts';
import {
  INITIAL_ROOM_STATE,
  type ConnectionState,
  type ConnectionStatus,
  type PeerState,
  type RoomState,
  type RoomStoreApi,
  type TrackState,
} from './room-state.ts';

type Listener = (state: RoomState) => void;

export class RoomStore implements RoomStoreApi {
  #state: RoomState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: RoomState = INITIAL_ROOM_STATE) {
    this.#state = initial;
  }

  get state(): RoomState {
    return this.#state;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the state with `next(state)`; listeners hear of it only if it is a new object. */
  update(next: (state: RoomState) => RoomState): void {
    const state = next(this.#state);
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) {
      try {
        listener(state);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  /** Sets some fields; nothing changes (and no listener hears) if they already hold these values. */
  patch(patch: Partial<RoomState>): void {
    this.update((state) => {
      const keys = Object.keys(patch) as (keyof RoomState)[];
      return keys.every((key) => Object.is(state[key], patch[key]))
        ? state
        : { ...state, ...patch };
    });
  }

  /** Adds or replaces a peer; a new peer takes its place in join order (the local peer first). */
  setPeer(peer: PeerState): void {
    this.update((state) => {
      const peers = { ...state.peers, [peer.id]: peer };
      const peerOrder = state.peers[peer.id]
        ? state.peerOrder
        : insertInJoinOrder(state.peerOrder, peers, peer);
      return { ...state, peers, peerOrder };
    });
  }

  /** Applies `change` to one peer, if it is known; nothing changes if `change` returns it as is. */
  updatePeer(peerId: string, change: (peer: PeerState) => PeerState): void {
    this.update((state) => {
      const peer = state.peers[peerId];
      if (!peer) return state;
      const next = change(peer);
      return next === peer ? state : { ...state, peers: { ...state.peers, [peerId]: next } };
    });
  }

  removePeer(peerId: string): void {
    this.update((state) => {
      if (!state.peers[peerId]) return state;
      const { [peerId]: _removed, ...peers } = state.peers;
      return {
        ...state,
        peers,
        peerOrder: state.peerOrder.filter((id) => id !== peerId),
        activeSpeakerId: state.activeSpeakerId === peerId ? null : state.activeSpeakerId,
      };
    });
  }

  /** Sets one track of a peer, or removes it with `undefined`. */
  setTrack(peerId: string, source: MediaSource, track: TrackState | undefined): void {
    this.updatePeer(peerId, (peer) => {
      if (peer.tracks[source] === track) return peer;
      const tracks = { ...peer.tracks };
      if (track) tracks[source] = track;
      else delete tracks[source];
      return { ...peer, tracks };
    });
  }

  /** Changes some fields of an existing track; nothing happens if the track is not there. */
  updateTrack(peerId: string, source: MediaSource, patch: Partial<TrackState>): void {
    this.updatePeer(peerId, (peer) => {
      const track = peer.tracks[source];
      if (!track) return peer;
      const changed = (Object.keys(patch) as (keyof TrackState)[]).some(
        (key) => track[key] !== patch[key],
      );
      return changed
        ? { ...peer, tracks: { ...peer.tracks, [source]: { ...track, ...patch } } }
        : peer;
    });
  }
}

function insertInJoinOrder(
  order: readonly string[],
  peers: Readonly<Record<string, PeerState>>,
  peer: PeerState,
): string[] {
  if (peer.isLocal) return [peer.id, ...order];
  // ISO timestamps compare as strings; peers that joined at the same instant keep arrival order.
  let index = order.length;
  while (index > 0) {
    const before = peers[order[index - 1]!];
    if (!before || before.isLocal || before.joinedAt <= peer.joinedAt) break;
    index--;
  }
  return [...order.slice(0, index), peer.id, ...order.slice(index)];
}

/**
 * Memoizes a selector on the identity of the peers and their order, so it answers the same
 * array while they are unchanged and controllers comparing with Object.is do not re-render.
 */
function selectFromPeers<T>(
  compute: (peers: PeerState[], role: RoomState['role']) => T,
): (state: RoomState) => T {
  let lastPeers: RoomState['peers'] | undefined;
  let lastOrder: RoomState['peerOrder'] | undefined;
  let lastRole: RoomState['role'];
  let last: T;
  return (state) => {
    if (state.peers !== lastPeers || state.peerOrder !== lastOrder || state.role !== lastRole) {
      lastPeers = state.peers;
      lastOrder = state.peerOrder;
      lastRole = state.role;
      last = compute(
        state.peerOrder.flatMap((id) => state.peers[id] ?? []),
        state.role,
      );
    }
    return last;
  };
}

/**
 * Whether my role receives the media of peers with `role`: the server sends nothing else, so a
 * tile for them would wait forever. Before I have a role, everyone (nothing is received yet).
 */
function receivesFrom(myRole: RoomState['role'], role: string): boolean {
  return !myRole || myRole.subscribeParams.subscribeToRoles.includes(role);
}

// Selectors: what elements and pages read from the store through StoreController. They live
// here, beside the state they read, and nowhere else.

export function selectConnection(state: RoomState): ConnectionState {
  return state.connection;
}

/**
 * What a room announces about its connection: the state, the room, the error that ended it, and
 * why the server ended my presence (removed, or the room ended) when it did.
 */
export function selectConnectionStatus(state: RoomState): ConnectionStatus {
  const { connection, room, error, removed } = state;
  return removed ? { connection, room, error, removed } : { connection, room, error };
}

/** Whether the room is restoring a lost connection (remote pictures are frozen meanwhile). */
export function selectReconnecting(state: RoomState): boolean {
  return state.connection === 'reconnecting';
}

export function selectLocalPeer(state: RoomState): PeerState | undefined {
  return state.localPeerId ? state.peers[state.localPeerId] : undefined;
}

export function selectActiveSpeakerId(state: RoomState): string | null {
  return state.activeSpeakerId;
}

/**
 * Peers with a camera tile, in join order: the local peer (camera on or off), then every remote
 * peer publishing a camera whose role mine receives.
 */
export const selectCameraPeers = selectFromPeers((peers, role) =>
  peers.filter((peer) => peer.isLocal || (peer.tracks.camera && receivesFrom(role, peer.role))),
);

/**
 * Remote peers sharing a screen, in join order. Our own share is left out: showing a screen to
 * the person sharing it mirrors it into itself.
 */
export const selectScreenPeers = selectFromPeers((peers, role) =>
  peers.filter((peer) => !peer.isLocal && peer.tracks.screen && receivesFrom(role, peer.role)),
);

/** Every remote microphone and screen-audio track being received, in join order. */
export const selectRemoteAudioTracks = selectFromPeers((peers) =>
  peers.flatMap((peer) =>
    peer.isLocal
      ? []
      : [peer.tracks.microphone?.track, peer.tracks['screen-audio']?.track].filter(
          (track): track is MediaStreamTrack => Boolean(track),
        ),
  ),
);

/** The room's live stream and recording, as the server announces them. */
export function selectStreaming(state: RoomState): RoomState['streaming'] {
  return state.streaming;
}

/** The local peer's role (its permissions and what it may publish); undefined until joined. */
export function selectRole(state: RoomState): RoomState['role'] {
  return state.role;
}

/** Messages from others since the last markMessagesRead(). */
export function selectUnreadMessages(state: RoomState): number {
  return state.unreadMessages;
}
