// Turns what happens in a room into what <convene-toasts> tells: peers coming and going, hands
// raised and requests aimed at me (diffed from store snapshots), the connection, errors and role
// changes (the client's events). Listens only while its host is in the document.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ActionRequest,
  ErrorShape,
  RoomActionEventMap,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
} from '../../client/room-state.ts';

/** What the sources report; the element decides what is shown. */
export interface RoomToastSink {
  /** Peers who joined since the last snapshot (never those already there when I joined). */
  peersJoined(names: string[], peerCount: number): void;
  peersLeft(names: string[], peerCount: number): void;
  handRaised(name: string): void;
  reconnecting(): void;
  reconnected(): void;
  /** The connection ended (left, removed, or could not reconnect). */
  ended(): void;
  error(error: ErrorShape): void;
  roleChanged(role: string): void;
  requestAdded(request: ActionRequest): void;
  requestRemoved(requestId: string): void;
}

/** What changed between two snapshots that a person is told about. */
export interface RoomChanges {
  joined: string[];
  left: string[];
  handsRaised: string[];
  requestsAdded: ActionRequest[];
  requestsRemoved: string[];
}

/** In the room with a peer list of our own: before that, the peers are the initial list. */
function inRoom(state: RoomState): boolean {
  return (
    state.localPeerId !== undefined &&
    (state.connection === 'connected' || state.connection === 'reconnecting')
  );
}

/**
 * The changes from `previous` to `next`. Peers and hands count only while both snapshots are in
 * the room, so the peer list a join brings, and the empty one leaving leaves, tell nothing.
 * The local peer is never announced (its id changes when a rejoin gets a new one).
 */
export function diffRoom(previous: RoomState, next: RoomState): RoomChanges {
  const changes: RoomChanges = {
    joined: [],
    left: [],
    handsRaised: [],
    requestsAdded: [],
    requestsRemoved: [],
  };
  if (previous.peers !== next.peers && inRoom(previous) && inRoom(next)) {
    for (const id of next.peerOrder) {
      const peer = next.peers[id];
      if (!peer || peer.isLocal) continue;
      const before = previous.peers[id];
      if (!before) changes.joined.push(peer.name);
      else if (peer.handRaised && !before.handRaised) changes.handsRaised.push(peer.name);
    }
    for (const id of previous.peerOrder) {
      const peer = previous.peers[id];
      if (peer && !peer.isLocal && !next.peers[id]) changes.left.push(peer.name);
    }
  }
  if (previous.pendingRequests !== next.pendingRequests) {
    const before = new Set(previous.pendingRequests.map((request) => request.id));
    const after = new Set(next.pendingRequests.map((request) => request.id));
    changes.requestsAdded = next.pendingRequests.filter((request) => !before.has(request.id));
    changes.requestsRemoved = [...before].filter((id) => !after.has(id));
  }
  return changes;
}

type EventMap = RoomClientEventMap & RoomActionEventMap;

export class RoomToastSources implements ReactiveController {
  readonly #client: () => RoomClientApi | undefined;
  readonly #sink: RoomToastSink;
  #bound: RoomClientApi | undefined;
  #unsubscribe: (() => void) | undefined;
  #last: RoomState | undefined;
  #connected = false;

  readonly #handlers: { [K in keyof EventMap]?: (detail: EventMap[K]['detail']) => void } = {
    reconnecting: () => this.#sink.reconnecting(),
    reconnected: () => this.#sink.reconnected(),
    left: () => this.#sink.ended(),
    error: (error) => {
      // A reconnect that gave up ends the connection; the reconnecting notice goes with it.
      const connection = this.#bound?.store.state.connection;
      if (connection === 'failed' || connection === 'disconnected') this.#sink.ended();
      this.#sink.error(error);
    },
    roleChanged: ({ role }) => this.#sink.roleChanged(role),
    actionRequested: (request) => this.#sink.requestAdded(request),
    actionRequestClosed: ({ id }) => this.#sink.requestRemoved(id),
  };
  readonly #listener = (event: Event) => {
    const handler = this.#handlers[event.type as keyof EventMap] as
      ((detail: unknown) => void) | undefined;
    handler?.((event as CustomEvent).detail);
  };

  constructor(
    host: ReactiveControllerHost,
    client: () => RoomClientApi | undefined,
    sink: RoomToastSink,
  ) {
    this.#client = client;
    this.#sink = sink;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#bind(this.#client());
  }

  hostUpdate(): void {
    if (this.#connected && this.#client() !== this.#bound) this.#bind(this.#client());
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#bind(undefined);
  }

  #bind(client: RoomClientApi | undefined): void {
    for (const name of Object.keys(this.#handlers)) {
      this.#bound?.removeEventListener(name, this.#listener);
      client?.addEventListener(name, this.#listener);
    }
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#bound = client;
    this.#last = client?.store.state;
    if (!client) return;
    this.#unsubscribe = client.store.subscribe((state) => this.#take(state));
    // Requests already waiting still want an answer.
    for (const request of client.store.state.pendingRequests) this.#sink.requestAdded(request);
  }

  #take(state: RoomState): void {
    const previous = this.#last ?? state;
    this.#last = state;
    const changes = diffRoom(previous, state);
    const count = state.peerOrder.length;
    if (changes.joined.length) this.#sink.peersJoined(changes.joined, count);
    if (changes.left.length) this.#sink.peersLeft(changes.left, count);
    for (const name of changes.handsRaised) this.#sink.handRaised(name);
    for (const request of changes.requestsAdded) this.#sink.requestAdded(request);
    for (const id of changes.requestsRemoved) this.#sink.requestRemoved(id);
  }
}
