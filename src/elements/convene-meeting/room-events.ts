// The room's events <convene-meeting> fires while I am in the call: who joins and leaves, hands,
// chat, my role, the recording and the live stream. They are read from the call's room client
// (its store's changes, its chat messages), which has no such events of its own.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  INITIAL_ROOM_STATE,
  type PeerState,
  type RoomClientApi,
  type RoomState,
} from '../../client/room-state.ts';
import { ConveneHandRaisedEvent } from '../../events/convene-hand-raised.ts';
import { ConveneLiveStateEvent } from '../../events/convene-live-state.ts';
import { ConveneMessageEvent } from '../../events/convene-message.ts';
import { ConvenePeerJoinedEvent, type ConvenePeer } from '../../events/convene-peer-joined.ts';
import { ConvenePeerLeftEvent } from '../../events/convene-peer-left.ts';
import { ConveneRecordingStateEvent } from '../../events/convene-recording-state.ts';
import { ConveneRoleChangedEvent } from '../../events/convene-role-changed.ts';

const peerOf = (peer: PeerState): ConvenePeer => ({
  id: peer.id,
  name: peer.name,
  role: peer.role,
});

/** The events a new store snapshot means, against the last one this call saw, in order. */
export function storeChanges(before: RoomState, after: RoomState): Event[] {
  const events: Event[] = [];
  for (const id of after.peerOrder) {
    const peer = after.peers[id];
    if (!peer) continue;
    const old = before.peers[id];
    if (!old && !peer.isLocal) events.push(new ConvenePeerJoinedEvent(peerOf(peer)));
    if (Boolean(old?.handRaised) !== Boolean(peer.handRaised)) {
      events.push(
        new ConveneHandRaisedEvent({ peer: peerOf(peer), raised: Boolean(peer.handRaised) }),
      );
    }
  }
  for (const id of before.peerOrder) {
    const peer = before.peers[id];
    if (peer && !peer.isLocal && !after.peers[id]) {
      events.push(new ConvenePeerLeftEvent(peerOf(peer)));
    }
  }
  const role = after.role?.name;
  if (before.role?.name && role && role !== before.role.name) {
    events.push(new ConveneRoleChangedEvent({ role }));
  }
  const { hls, recording } = after.streaming;
  if (recording.status !== before.streaming.recording.status) {
    events.push(
      new ConveneRecordingStateEvent({
        status: recording.status,
        ...(recording.error ? { error: recording.error } : {}),
      }),
    );
  }
  if (hls.status !== before.streaming.hls.status || hls.url !== before.streaming.hls.url) {
    events.push(
      new ConveneLiveStateEvent({
        status: hls.status,
        ...(hls.url ? { url: hls.url } : {}),
        ...(hls.error ? { error: hls.error } : {}),
      }),
    );
  }
  return events;
}

/**
 * An empty room in my role, so that the first snapshot of a call reports who and what is in it
 * already (peers, hands up, a recording or live stream running), but not the role I joined with.
 */
const nobodyIn = (state: RoomState): RoomState => ({
  ...state,
  peers: {},
  peerOrder: [],
  streaming: INITIAL_ROOM_STATE.streaming,
});

/**
 * Fires the room's events on the host from start() (on joining) to stop() (on leaving). Off the
 * page it listens to nothing; put back in the same call, it reports what changed meanwhile.
 */
export class RoomEventsController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #client: RoomClientApi | undefined;
  /** The snapshot the events fired so far describe. */
  #last: RoomState | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #onMessage = (event: Event) => {
    const { message } = (event as CustomEvent<{ message: ConveneMessageEvent['detail'] }>).detail;
    this.#host.dispatchEvent(new ConveneMessageEvent(message));
  };

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /**
   * Follows the call of `client`, which has just joined. Called from the listener of the room's
   * convene-joined: the first events wait for that dispatch to end, so that a listener on the
   * host hears convene-joined before the peers who were there already.
   */
  start(client: RoomClientApi): void {
    if (client === this.#client) return;
    this.stop();
    this.#client = client;
    this.#last = nobodyIn(client.store.state);
    queueMicrotask(() => {
      if (this.#client === client && this.#host.isConnected) this.#listen();
    });
  }

  /** Stops firing: I left the call (or it failed). */
  stop(): void {
    this.#unlisten();
    this.#client = undefined;
    this.#last = undefined;
  }

  hostConnected(): void {
    if (this.#client) this.#listen();
  }

  hostDisconnected(): void {
    this.#unlisten();
  }

  #listen(): void {
    const client = this.#client;
    if (!client || this.#unsubscribe) return;
    const unsubscribe = client.store.subscribe((state) => this.#onState(state));
    client.addEventListener('message', this.#onMessage);
    this.#unsubscribe = () => {
      unsubscribe();
      client.removeEventListener('message', this.#onMessage);
    };
    this.#onState(client.store.state);
  }

  #unlisten(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #onState(state: RoomState): void {
    const before = this.#last;
    if (!before) return;
    // A client that leaves or fails clears its room before it says so: that is not everyone
    // leaving, only me, and convene-left (or convene-error) tells it.
    if (state.localPeerId === undefined) {
      this.stop();
      return;
    }
    this.#last = state;
    for (const event of storeChanges(before, state)) this.#host.dispatchEvent(event);
  }
}
