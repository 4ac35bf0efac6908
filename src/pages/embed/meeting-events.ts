// Where each embed event comes from: <convene-meeting>'s own convene-* events (forwarded as they
// are, ELEMENT_EVENTS in the contract), the call's room client's chat, and changes of its store
// (peers, hands, role, recording and live stream). Calls `emit` for each; stop() stops all.
import type { ConveneMeeting } from '../../elements/convene-meeting/convene-meeting.ts';
import {
  INITIAL_ROOM_STATE,
  type PeerState,
  type RoomClientApi,
  type RoomState,
} from '../../client/room-state.ts';
import {
  ELEMENT_EVENTS,
  type EmbedEventName,
  type EmbedEvents,
  type EmbedPeer,
} from '../../embed/contract.ts';

export type EmitEmbedEvent = <K extends EmbedEventName>(name: K, payload: EmbedEvents[K]) => void;

const peerOf = (peer: PeerState): EmbedPeer => ({ id: peer.id, name: peer.name, role: peer.role });

/** The events a new store snapshot means, against the last one this call saw. */
function storeChanges(before: RoomState, after: RoomState, emit: EmitEmbedEvent): void {
  for (const id of after.peerOrder) {
    const peer = after.peers[id];
    if (!peer) continue;
    const old = before.peers[id];
    if (!old && !peer.isLocal) emit('peer-joined', peerOf(peer));
    if (Boolean(old?.handRaised) !== Boolean(peer.handRaised)) {
      emit('hand-raised', { peer: peerOf(peer), raised: Boolean(peer.handRaised) });
    }
  }
  for (const id of before.peerOrder) {
    const peer = before.peers[id];
    if (peer && !peer.isLocal && !after.peers[id]) emit('peer-left', peerOf(peer));
  }
  const role = after.role?.name;
  if (before.role?.name && role && role !== before.role.name) emit('role-changed', { role });
  const { hls, recording } = after.streaming;
  if (recording.status !== before.streaming.recording.status) {
    emit('recording-state', {
      status: recording.status,
      ...(recording.error ? { error: recording.error } : {}),
    });
  }
  if (hls.status !== before.streaming.hls.status || hls.url !== before.streaming.hls.url) {
    emit('live-state', {
      status: hls.status,
      ...(hls.url ? { url: hls.url } : {}),
      ...(hls.error ? { error: hls.error } : {}),
    });
  }
}

/** An empty room, so the first snapshot of a call reports what is already in it. */
const NOBODY = (state: RoomState): RoomState => ({
  ...state,
  peers: {},
  peerOrder: [],
  streaming: INITIAL_ROOM_STATE.streaming,
});

export class MeetingEvents {
  readonly #meeting: ConveneMeeting;
  readonly #emit: EmitEmbedEvent;
  readonly #stops: (() => void)[] = [];
  #client: RoomClientApi | undefined;
  #unbindClient: (() => void) | undefined;

  constructor(meeting: ConveneMeeting, emit: EmitEmbedEvent) {
    this.#meeting = meeting;
    this.#emit = emit;
    for (const [name, type] of Object.entries(ELEMENT_EVENTS)) {
      const listener = (event: Event) => {
        this.#emit(name as EmbedEventName, (event as CustomEvent).detail);
        // The call's client exists once I am in: follow it from there.
        if (type === ELEMENT_EVENTS.joined) this.#follow(this.#meeting.roomClient);
      };
      meeting.addEventListener(type, listener);
      this.#stops.push(() => meeting.removeEventListener(type, listener));
    }
  }

  #follow(client: RoomClientApi | undefined): void {
    if (client === this.#client) return;
    this.#unbindClient?.();
    this.#client = client;
    if (!client) return;
    let last = NOBODY(client.store.state);
    const onState = (state: RoomState) => {
      const before = last;
      last = state;
      storeChanges(before, state, this.#emit);
    };
    const unsubscribe = client.store.subscribe(onState);
    const onMessage = (event: Event) => {
      this.#emit(
        'message',
        (event as CustomEvent<{ message: EmbedEvents['message'] }>).detail.message,
      );
    };
    client.addEventListener('message', onMessage);
    this.#unbindClient = () => {
      unsubscribe();
      client.removeEventListener('message', onMessage);
    };
    // The peers, hands and streams there already when I joined.
    onState(client.store.state);
  }

  stop(): void {
    this.#unbindClient?.();
    this.#unbindClient = undefined;
    this.#client = undefined;
    for (const stop of this.#stops.splice(0)) stop();
  }
}
