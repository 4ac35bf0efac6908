// A room with nobody behind it, for Storybook and element tests: the RoomClientApi over the real
// RoomStore, synthetic peers whose cameras are canvases, and methods that script what happens in
// a call (join, leave, speak, raise a hand, reconnect, change a role, chat, ask me something).
// It answers as the server would where elements need it to: an action my role may not do is
// refused with `forbidden`. It never opens a socket or asks for a camera.
import type { StreamingKind, StreamingState } from '../protocol/streaming-schemas.ts';
import { defaultTemplate } from '../protocol/role-defaults.ts';
import { ConveneError, removalError } from './errors.ts';
import { metadataObject } from './room-meta.ts';
import { RoomStore } from './room-store.ts';
import type {
  ActionRequest,
  ChatMessage,
  JoinOptions,
  MediaSource,
  MessageRecipient,
  PeerState,
  Role,
  RoomActionsApi,
  RoomClientApi,
  SendMessageOptions,
  SessionStoreApi,
  VisibleTile,
} from './room-state.ts';

export interface SimulatedPeerInput {
  name: string;
  /** A role of the room's template: `host`, `guest` (default) or `hls-viewer`. */
  role?: string;
  /** Camera on (default) or off; a canvas picture while on. */
  camera?: boolean;
  /** Microphone on (default) or muted. */
  microphone?: boolean;
  handRaised?: boolean;
  /** 0 to 5. */
  connectionQuality?: number;
}

export interface SimulatedRoomOptions {
  roomName?: string;
  /** Who I am once joined. */
  localName?: string;
  localRole?: string;
  /** The others, there when I join: a count (named from a list) or each one. */
  peers?: number | SimulatedPeerInput[];
  /** Draw canvas video for cameras (default true); off keeps tests free of media. */
  video?: boolean;
  /** Messages older than what the room starts with, given by loadOlderMessages. */
  olderMessages?: ChatMessage[];
  /**
   * My role's permissions, over what its template gives: a role that may record but not go
   * live, say, which the default template does not have.
   */
  localPermissions?: Partial<Role['permissions']>;
}

/** A call the view made, in order: for stories' action logs and tests' assertions. */
export interface SimulatedCall {
  method: string;
  args: unknown[];
}

const NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Donald',
  'Hedy',
  'Tim',
  'Joan',
  'Guido',
  'Sophie',
  'Bjarne',
  'Annie',
];
const COLOURS = ['#2f5bd3', '#14a06a', '#b7791f', '#c62828', '#6b46c1', '#0f766e', '#be185d'];
const FRAME_MS = 200;
const LOCAL_ID = 'you';

/** A canvas that draws a peer's initials over a colour, with a sweep so frames visibly move. */
class CanvasCamera {
  readonly track: MediaStreamTrack;
  readonly #canvas = document.createElement('canvas');
  readonly #context: CanvasRenderingContext2D;
  readonly #colour: string;
  readonly #label: string;
  #frame = 0;

  constructor(label: string, colour: string) {
    this.#canvas.width = 320;
    this.#canvas.height = 180;
    this.#context = this.#canvas.getContext('2d')!;
    this.#colour = colour;
    this.#label = label;
    this.draw();
    this.track = this.#canvas.captureStream(1000 / FRAME_MS).getVideoTracks()[0]!;
  }

  draw(): void {
    const { width, height } = this.#canvas;
    const context = this.#context;
    context.fillStyle = this.#colour;
    context.fillRect(0, 0, width, height);
    context.fillStyle = 'rgb(255 255 255 / 0.25)';
    context.fillRect(((this.#frame++ * 8) % (width + 40)) - 40, 0, 40, height);
    context.fillStyle = '#fff';
    context.font = 'bold 48px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(this.#label, width / 2, height / 2);
  }

  stop(): void {
    this.track.stop();
  }
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0]!.toUpperCase())
    .slice(0, 2)
    .join('');
}

export class SimulatedRoom extends EventTarget implements RoomClientApi {
  readonly store = new RoomStore();
  readonly calls: SimulatedCall[] = [];
  readonly #options: SimulatedRoomOptions;
  readonly #cameras = new Map<string, CanvasCamera>();
  readonly #older: ChatMessage[];
  /** What the server will answer the next starts and stops of a kind with, instead of doing it. */
  readonly #streamingFailures = new Map<StreamingKind, ConveneError>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #nextId = 1;

  constructor(options: SimulatedRoomOptions = {}) {
    super();
    this.#options = options;
    this.#older = [...(options.olderMessages ?? [])];
    const roles = defaultTemplate().roles;
    this.store.patch({
      room: { id: 'simulated-room', name: options.roomName ?? 'Simulated room' },
      roles,
      hasOlderMessages: this.#older.length > 0,
    });
  }

  // --- scripting what happens ---

  /** Someone joins; answers their peer id. */
  addPeer(input: SimulatedPeerInput): string {
    const id = `peer-${this.#nextId++}`;
    const role = input.role ?? 'guest';
    const tracks: PeerState['tracks'] = {};
    if (this.#mayPublish(role, 'video')) {
      tracks.camera = {
        source: 'camera',
        kind: 'video',
        track: input.camera === false ? null : this.#cameraFor(id, input.name),
        muted: input.camera === false,
        receiving: true,
      };
    }
    if (this.#mayPublish(role, 'audio')) {
      tracks.microphone = {
        source: 'microphone',
        kind: 'audio',
        track: null,
        muted: input.microphone === false,
      };
    }
    const peer: PeerState = {
      id,
      userId: `user-${id}`,
      name: input.name,
      role,
      isLocal: false,
      joinedAt: new Date().toISOString(),
      tracks,
      ...(input.connectionQuality !== undefined
        ? { connectionQuality: input.connectionQuality }
        : {}),
      ...(input.handRaised ? { handRaised: true, metadata: '{"isHandRaised":true}' } : {}),
    };
    this.store.setPeer(peer);
    return id;
  }

  /** Adds `count` peers named from a list of computing pioneers. */
  addPeers(count: number, input: Omit<SimulatedPeerInput, 'name'> = {}): string[] {
    const first = this.store.state.peerOrder.length;
    return Array.from({ length: count }, (_, i) => {
      const n = first + i;
      const name =
        NAMES[n % NAMES.length]! +
        (n >= NAMES.length ? ` ${Math.floor(n / NAMES.length) + 1}` : '');
      return this.addPeer({ ...input, name });
    });
  }

  /** Someone leaves. */
  removePeer(peerId: string): void {
    this.#cameras.get(peerId)?.stop();
    this.#cameras.delete(peerId);
    this.store.removePeer(peerId);
  }

  /** `peerId` becomes the active speaker (null: nobody speaks). */
  speak(peerId: string | null): void {
    this.store.patch({ activeSpeakerId: peerId });
  }

  setHand(peerId: string, raised: boolean): void {
    this.store.updatePeer(peerId, (peer) => withHand(peer, raised));
  }

  /** A peer's connection drops (or comes back): the server keeps its place meanwhile. */
  setPeerReconnecting(peerId: string, reconnecting: boolean): void {
    this.store.updatePeer(peerId, (peer) => {
      const { reconnecting: _, ...rest } = peer;
      return reconnecting ? { ...rest, reconnecting: true } : rest;
    });
  }

  /** A peer's track is muted or unmuted at its source. */
  setMuted(peerId: string, source: MediaSource, muted: boolean): void {
    const track = this.store.state.peers[peerId]?.tracks[source];
    if (!track) return;
    this.store.updateTrack(peerId, source, { muted });
  }

  /** My connection drops: the room shows it is reconnecting until restoreConnection(). */
  dropConnection(): void {
    this.store.patch({ connection: 'reconnecting' });
    this.#emit('reconnecting', { attempt: 1 });
  }

  restoreConnection(): void {
    this.store.patch({ connection: 'connected' });
    this.#emit('reconnected', { resumed: true });
  }

  /** A peer takes `role` (me too, with LOCAL_ID): what it may publish follows. */
  setRole(peerId: string, role: string): void {
    this.store.updatePeer(peerId, (peer) => ({ ...peer, role }));
    if (peerId !== this.store.state.localPeerId) return;
    const next = this.#role(role);
    this.store.patch({ role: next });
    this.#emit('roleChanged', { role, by: null });
  }

  /** `fromPeerId` (or the server, with null) writes `text` to `to`. */
  say(fromPeerId: string | null, text: string, to: MessageRecipient = 'room'): ChatMessage {
    const from = fromPeerId ? this.store.state.peers[fromPeerId] : undefined;
    const message = this.#message(from ?? null, text, { to });
    this.store.update((state) => ({
      ...state,
      messages: [...state.messages, message],
      unreadMessages: state.unreadMessages + 1,
    }));
    this.#emit('message', { message });
    return message;
  }

  /** A host asks me to unmute `source`, or offers me `role`; answers the request's id. */
  ask(fromPeerId: string, offer: { source: MediaSource } | { role: string }): string {
    const from = this.store.state.peers[fromPeerId]!;
    const request: ActionRequest = {
      id: `request-${this.#nextId++}`,
      kind: 'source' in offer ? 'unmute' : 'changeRole',
      from: { peerId: from.id, name: from.name, role: from.role },
      ...offer,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
    this.store.update((state) => ({
      ...state,
      pendingRequests: [...state.pendingRequests, request],
    }));
    this.#emit('actionRequested', request);
    return request.id;
  }

  /** A host (or the server) removes me, or ends the room, with `message`. */
  removeMe(reason: 'peer removed' | 'room ended', message: string): void {
    this.#stopCameras();
    this.store.patch({
      connection: 'disconnected',
      removed: { reason, message },
      error: removalError(reason, message),
    });
    this.#emit('left', { reason, message });
  }

  /**
   * Starting or stopping `kind` is refused with `error` from now on (the pipeline could not
   * start, say), until called again without one.
   */
  failStreaming(kind: StreamingKind, error?: ConveneError): void {
    if (error) this.#streamingFailures.set(kind, error);
    else this.#streamingFailures.delete(kind);
  }

  /** Stops every canvas and its timer: call when the story or test is done. */
  close(): void {
    this.#stopCameras();
  }

  // --- the RoomClientApi, as the view sees it ---

  async join(options: JoinOptions): Promise<void> {
    this.#record('join', options);
    this.store.patch({ connection: 'connecting' });
    const templateRole = this.#role(this.#options.localRole ?? 'host');
    const role: Role = {
      ...templateRole,
      permissions: { ...templateRole.permissions, ...this.#options.localPermissions },
    };
    const tracks: PeerState['tracks'] = {};
    if (this.#mayPublish(role.name, 'video') && options.video !== false) {
      tracks.camera = {
        source: 'camera',
        kind: 'video',
        track: this.#cameraFor(LOCAL_ID, options.name ?? 'You'),
        muted: false,
      };
    }
    if (this.#mayPublish(role.name, 'audio')) {
      tracks.microphone = {
        source: 'microphone',
        kind: 'audio',
        track: null,
        muted: options.audio === false,
      };
    }
    this.store.update((state) => ({
      ...state,
      connection: 'connected',
      localPeerId: LOCAL_ID,
      sessionId: 'simulated-session',
      role,
    }));
    this.store.setPeer({
      id: LOCAL_ID,
      userId: options.userId ?? 'me',
      name: options.name ?? this.#options.localName ?? 'You',
      role: role.name,
      isLocal: true,
      joinedAt: new Date().toISOString(),
      tracks,
    });
    const { peers = 0 } = this.#options;
    if (typeof peers === 'number') this.addPeers(peers);
    else for (const peer of peers) this.addPeer(peer);
    this.#emit('joined', { peerId: LOCAL_ID });
  }

  async leave(): Promise<void> {
    this.#record('leave');
    this.#stopCameras();
    this.store.patch({ connection: 'disconnected' });
    this.#emit('left', { reason: 'left' });
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.#record('setMicrophoneEnabled', enabled);
    this.#local((peer) => peer.tracks.microphone && this.setMuted(peer.id, 'microphone', !enabled));
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.#record('setCameraEnabled', enabled);
    this.#local((peer) => {
      if (!peer.tracks.camera) return;
      this.store.updateTrack(peer.id, 'camera', {
        muted: !enabled,
        track: enabled ? this.#cameraFor(peer.id, peer.name) : null,
      });
    });
  }

  async selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    this.#record('selectDevice', kind, deviceId);
  }

  async startScreenShare(): Promise<void> {
    this.#record('startScreenShare');
    this.#local((peer) => {
      const screen = this.#cameraFor(`${peer.id}:screen`, 'Screen');
      this.store.setTrack(peer.id, 'screen', {
        source: 'screen',
        kind: 'video',
        track: screen,
        muted: false,
      });
    });
  }

  async stopScreenShare(): Promise<void> {
    this.#record('stopScreenShare');
    this.#local((peer) => {
      this.#cameras.get(`${peer.id}:screen`)?.stop();
      this.#cameras.delete(`${peer.id}:screen`);
      this.store.setTrack(peer.id, 'screen', undefined);
    });
  }

  setVisibleTiles(tiles: VisibleTile[]): void {
    this.#record('setVisibleTiles', tiles);
  }

  async setName(name: string): Promise<void> {
    this.#record('setName', name);
    this.#local((peer) => this.store.updatePeer(peer.id, (p) => ({ ...p, name: name.trim() })));
  }

  async setMetadata(metadata: string): Promise<void> {
    this.#record('setMetadata', metadata);
    this.#local((peer) => this.store.updatePeer(peer.id, (p) => ({ ...p, metadata })));
  }

  /** Goes straight to running (there is no pipeline here); the HLS URL is the one set, if any. */
  async startStreaming(kind: StreamingKind): Promise<void> {
    this.#record('startStreaming', kind);
    this.#require(kind === 'hls' ? 'hlsStreaming' : 'browserRecording');
    this.#refuseIfFailing(kind);
    this.setStreaming(kind, { status: 'running', startedAt: new Date().toISOString() });
  }

  async stopStreaming(kind: StreamingKind): Promise<void> {
    this.#record('stopStreaming', kind);
    this.#require(kind === 'hls' ? 'hlsStreaming' : 'browserRecording');
    this.#refuseIfFailing(kind);
    this.setStreaming(kind, { status: 'stopped' });
  }

  /** Sets the stream's or the recording's state, as the server would announce it. */
  setStreaming(kind: StreamingKind, output: StreamingState['hls']): void {
    this.store.update((state) => ({
      ...state,
      streaming: { ...state.streaming, [kind]: output },
    }));
  }

  async raiseHand(): Promise<void> {
    this.#record('raiseHand');
    this.#local((peer) => this.setHand(peer.id, true));
  }

  async lowerHand(peerId?: string): Promise<void> {
    this.#record('lowerHand', peerId);
    const target = peerId ?? this.store.state.localPeerId;
    if (target && target !== this.store.state.localPeerId) this.#require('changeRole');
    if (target) this.setHand(target, false);
  }

  readonly sessionStore: SessionStoreApi = {
    set: async (key, value) => {
      this.#record('sessionStore.set', key, value);
      const entries = new Map(this.store.state.sessionStore);
      entries.set(key, {
        key,
        value: value ?? null,
        updatedAt: new Date().toISOString(),
        updatedBy: this.store.state.localPeerId ?? null,
      });
      this.store.patch({ sessionStore: entries });
    },
    observe: async (keys) => {
      this.#record('sessionStore.observe', keys);
      const entries = new Map(this.store.state.sessionStore);
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        if (!entries.has(key))
          entries.set(key, { key, value: null, updatedAt: null, updatedBy: null });
      }
      this.store.patch({ sessionStore: entries });
    },
    unobserve: async (keys) => {
      this.#record('sessionStore.unobserve', keys);
    },
  };

  async sendMessage(text: string, options: SendMessageOptions = {}): Promise<ChatMessage> {
    this.#record('sendMessage', text, options);
    const local = this.store.state.localPeerId;
    const me = local ? this.store.state.peers[local] : undefined;
    if (!me) throw new ConveneError('not_joined', 'Join the room before using its chat.');
    const message = this.#message(me, text, options);
    if (message.type !== 'reaction') {
      this.store.update((state) => ({ ...state, messages: [...state.messages, message] }));
    }
    return message;
  }

  async loadOlderMessages(limit = 50): Promise<void> {
    this.#record('loadOlderMessages', limit);
    const page = this.#older.splice(Math.max(0, this.#older.length - limit));
    this.store.update((state) => ({
      ...state,
      messages: [...page, ...state.messages],
      hasOlderMessages: this.#older.length > 0,
    }));
  }

  markMessagesRead(): void {
    this.#record('markMessagesRead');
    this.store.patch({ unreadMessages: 0 });
  }

  readonly actions: RoomActionsApi = {
    mute: async (peerId, source) => {
      this.#record('actions.mute', peerId, source);
      this.#require('mute');
      const peer = this.#peer(peerId);
      for (const s of Object.keys(peer.tracks) as MediaSource[]) {
        if (!source || s === source) this.setMuted(peerId, s, true);
      }
    },
    muteRole: async (role, source) => {
      this.#record('actions.muteRole', role, source);
      this.#require('mute');
      const peers = Object.values(this.store.state.peers).filter((p) => p.role === role);
      for (const peer of peers) await this.actions.mute(peer.id, source);
      return peers.length;
    },
    requestUnmute: async (peerId, source) => {
      this.#record('actions.requestUnmute', peerId, source);
      this.#require('unmute');
      this.#peer(peerId);
      return `request-${this.#nextId++}`;
    },
    changeRole: async (peerId, role, options) => {
      this.#record('actions.changeRole', peerId, role, options);
      this.#require('changeRole');
      this.#peer(peerId);
      this.#role(role);
      if (!options?.force) return `request-${this.#nextId++}`;
      this.setRole(peerId, role);
      return undefined;
    },
    removePeer: async (peerId, reason) => {
      this.#record('actions.removePeer', peerId, reason);
      this.#require('removeOthers');
      this.#peer(peerId);
      this.removePeer(peerId);
    },
    endRoom: async (reason, options) => {
      this.#record('actions.endRoom', reason, options);
      this.#require('endRoom');
      this.removeMe('room ended', reason || 'The room has ended.');
    },
    accept: async (requestId) => {
      this.#record('actions.accept', requestId);
      const request = this.#request(requestId);
      if (request.kind === 'unmute' && request.source === 'microphone') {
        await this.setMicrophoneEnabled(true);
      } else if (request.kind === 'unmute' && request.source === 'camera') {
        await this.setCameraEnabled(true);
      } else if (request.role) {
        this.setRole(this.store.state.localPeerId!, request.role);
      }
      this.#closeRequest(requestId, 'accepted');
    },
    decline: async (requestId) => {
      this.#record('actions.decline', requestId);
      this.#request(requestId);
      this.#closeRequest(requestId, 'declined');
    },
  };

  // --- inside ---

  #record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #local(change: (peer: PeerState) => unknown): void {
    const id = this.store.state.localPeerId;
    const peer = id ? this.store.state.peers[id] : undefined;
    if (peer) change(peer);
  }

  #role(name: string): Role {
    const role = Object.hasOwn(this.store.state.roles, name)
      ? this.store.state.roles[name]
      : undefined;
    if (!role) throw new ConveneError('role_not_found', `no role ${name} in this room`);
    return role;
  }

  #mayPublish(roleName: string, kind: 'audio' | 'video'): boolean {
    return this.#role(roleName).publishParams.allowed.includes(kind);
  }

  #peer(peerId: string): PeerState {
    const peer = this.store.state.peers[peerId];
    if (!peer) throw new ConveneError('peer_not_found', `no peer ${peerId} in this room`);
    return peer;
  }

  /** Refused as the server refuses it, when my role lacks `permission`. */
  #require(permission: keyof Role['permissions']): void {
    if (!this.store.state.role?.permissions[permission]) {
      throw new ConveneError(
        'forbidden',
        `the role ${this.store.state.role?.name} may not do this`,
      );
    }
  }

  #refuseIfFailing(kind: StreamingKind): void {
    const failure = this.#streamingFailures.get(kind);
    if (failure) throw failure;
  }

  #request(requestId: string): ActionRequest {
    const request = this.store.state.pendingRequests.find((r) => r.id === requestId);
    if (!request) throw new ConveneError('request_not_found', 'This request is no longer waiting.');
    return request;
  }

  #closeRequest(id: string, outcome: 'accepted' | 'declined'): void {
    this.store.update((state) => ({
      ...state,
      pendingRequests: state.pendingRequests.filter((r) => r.id !== id),
    }));
    this.#emit('actionRequestClosed', { id, peerId: this.store.state.localPeerId, outcome });
  }

  #message(
    from: PeerState | null,
    text: string,
    { to = 'room', type }: SendMessageOptions,
  ): ChatMessage {
    const message: ChatMessage = {
      id: `message-${String(this.#nextId++).padStart(6, '0')}`,
      sender: from && { peerId: from.id, userId: from.userId, name: from.name, role: from.role },
      type: type ?? 'chat',
      message: text,
      time: new Date().toISOString(),
    };
    if (to !== 'room' && 'roles' in to) message.recipientRoles = to.roles;
    if (to !== 'room' && 'peerId' in to) message.recipientPeer = to.peerId;
    return message;
  }

  #cameraFor(key: string, name: string): MediaStreamTrack | null {
    if (this.#options.video === false) return null;
    let camera = this.#cameras.get(key);
    if (!camera || camera.track.readyState === 'ended') {
      camera = new CanvasCamera(initials(name), COLOURS[this.#cameras.size % COLOURS.length]!);
      this.#cameras.set(key, camera);
    }
    this.#timer ??= setInterval(() => {
      for (const each of this.#cameras.values()) each.draw();
    }, FRAME_MS);
    return camera.track;
  }

  #stopCameras(): void {
    for (const camera of this.#cameras.values()) camera.stop();
    this.#cameras.clear();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

function withHand(peer: PeerState, raised: boolean): PeerState {
  // Metadata that is not a JSON object gives way to one that holds the hand.
  const metadata = JSON.stringify({ ...metadataObject(peer.metadata), isHandRaised: raised });
  const { handRaised: _, ...rest } = peer;
  return raised ? { ...rest, metadata, handRaised: true } : { ...rest, metadata };
}
