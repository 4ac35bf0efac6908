// The facade apps and elements call: join, leave, mute, share the screen, report visible tiles.
// It owns the signaling and media connections, wires notifications to the store, and when the
// socket drops rejoins with backoff on fresh transports.
import type { types as ms } from 'mediasoup-client';
import type { Notifications } from '../protocol/signaling.ts';
import { CLOSE_CODES } from '../protocol/signaling.ts';
import type { StreamingKind } from '../protocol/streaming-schemas.ts';
import type {
  ChatMessage,
  VisibleTile,
  MediaSource,
  RtpCapabilities,
} from '../protocol/signaling.ts';
import { fetchAppToken } from './app-token.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { ChatHistory, isKept, sendMessageRequest } from './chat-history.ts';
import { ConveneError, removalError } from './errors.ts';
import { markJoinPhase, markJoinStart } from './join-phases.ts';
import { loadDevice, loadMediasoupClient, MediaConnection, type Playout } from './media.ts';
import { fetchRouterCapabilities } from './router-capabilities.ts';
import { Publisher, TRANSIENT_CODES, type CaptureOnJoin } from './publisher.ts';
import { RoomNotifications } from './room-notifications.ts';
import { RoomMeta } from './room-meta.ts';
import { RoomActions } from './room-actions.ts';
import {
  INITIAL_ROOM_STATE,
  type JoinOptions,
  type RoomChatEventMap,
  type RoomClientApi,
  type RoomActionEventMap,
  type RoomClientEventMap,
  type SendMessageOptions,
  type SessionStoreApi,
} from './room-state.ts';
import { RoomStore } from './room-store.ts';
import { SignalingConnection, type SignalingOptions } from './signaling.ts';
import { TypedEventTarget } from './typed-event-target.ts';
import { VisibleTilesReporter } from './visible-tiles.ts';

export interface RoomClientOptions {
  /** The Convene server's origin (and path prefix, if any), e.g. `https://meet.example.com`. */
  server: string;
  signaling?: SignalingOptions;
  reconnect?: BackoffOptions;
  /**
   * `smooth` (the default): the browser buffers received media as it sees fit, for people.
   * `immediate`: each frame plays as soon as it is decoded, for a page that re-encodes what it
   * receives on the server's own machine (the recorder), where there is no jitter to smooth.
   */
  playout?: Playout;
}

/** How long leave() waits for the server to acknowledge before closing anyway. */
const LEAVE_TIMEOUT_MS = 2_000;

/** A Device being loaded for one set of router capabilities; `ready` once it is. */
interface DeviceEntry {
  capabilities: string;
  loaded: Promise<ms.Device>;
  ready?: ms.Device;
}

/** One signaling socket and what was built on it; replaced on every reconnect. */
interface Connection {
  signaling: SignalingConnection;
  /** Settles once the transports exist; consumers announced before that wait for it. */
  media: Promise<MediaConnection>;
  settleMedia: (media: MediaConnection | ConveneError) => void;
  current?: MediaConnection;
  /** Joined and set up: from now on a lost socket means reconnecting, not a failed join. */
  established: boolean;
  leaving: boolean;
}

export class RoomClient
  extends TypedEventTarget<RoomClientEventMap & RoomActionEventMap & RoomChatEventMap>
  implements RoomClientApi
{
  readonly store = new RoomStore();
  readonly #options: RoomClientOptions;
  readonly #tiles = new VisibleTilesReporter((tiles) => this.#sendTiles(tiles));
  readonly #publisher = new Publisher({
    store: this.store,
    media: () => this.#conn?.current,
    report: (error) => this.#report(error),
    produced: (producerId, source) => this.#notifications.produced(producerId, source),
  });
  readonly #notifications = new RoomNotifications({
    store: this.store,
    tiles: this.#tiles,
    localTracks: () => this.#publisher.trackStates(),
    localProducerPaused: (source, paused) => this.#publisher.followServerPause(source, paused),
    report: (error) => this.#report(error),
  });
  readonly #meta = new RoomMeta({
    store: this.store,
    request: (method, data) => {
      const signaling = this.#conn?.signaling;
      if (!signaling || !this.store.state.localPeerId) {
        return Promise.reject(new ConveneError('invalid_state', 'Join a room first.'));
      }
      return signaling.request(method, data);
    },
  });
  /** mute, requestUnmute, changeRole, removePeer, endRoom; accept and decline requests to me. */
  readonly actions = new RoomActions({
    store: this.store,
    request: (method, data) => {
      const conn = this.#conn;
      if (!conn?.established) {
        return Promise.reject(new ConveneError('not_joined', 'Join a room before acting in it.'));
      }
      return conn.signaling.request(method, data);
    },
    enable: (source) =>
      source === 'microphone'
        ? this.setMicrophoneEnabled(true)
        : source === 'camera'
          ? this.setCameraEnabled(true)
          : this.startScreenShare(),
  });
  readonly #chat = new ChatHistory(this.store);
  #conn: Connection | undefined;
  /** The media of a lost connection, still playing what flows until the rejoin replaces it. */
  #retiredMedia: MediaConnection | undefined;
  #token: string | undefined;
  #name: string | undefined;
  #resume: { peerId: string; secret: string } | undefined;
  /** Bumped by leave and teardown: async work started under an older value gives up. */
  #generation = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The Device, loaded once per set of router capabilities (reconnects reuse it). */
  #device: DeviceEntry | undefined;

  constructor(options: RoomClientOptions) {
    super();
    this.#options = options;
  }

  /**
   * Fetches the media library (about 40 KB gzip) ahead of a join: call it when a pre-join screen
   * appears, so Join does not wait for it. join() loads it too when nobody did.
   */
  static async preload(): Promise<void> {
    await loadMediasoupClient();
  }

  async join(options: JoinOptions): Promise<void> {
    const { connection } = this.store.state;
    if (
      connection === 'connecting' ||
      connection === 'connected' ||
      connection === 'reconnecting'
    ) {
      throw new ConveneError(
        'invalid_state',
        'This client is already in a room: call leave() before joining again.',
      );
    }
    const generation = ++this.#generation;
    this.store.update(() => ({ ...INITIAL_ROOM_STATE, connection: 'connecting' }));
    // Fetch the media library and the routers' capabilities, and load the Device (the longest
    // step here) with them, while the token, the socket and the join are on their way.
    loadMediasoupClient().catch(() => undefined);
    fetchRouterCapabilities(this.#options.server)
      .then((capabilities) => this.#deviceFor(capabilities))
      .catch(() => undefined); // The join answer carries the capabilities too.
    markJoinStart();
    try {
      this.#token = await this.#tokenFor(options);
      markJoinPhase('token');
      this.#check(generation);
      this.#name = options.name;
      await this.#connect(generation, {
        audio: options.audio ?? true,
        video: options.video ?? true,
        ...(options.tracks ? { tracks: options.tracks } : {}),
      });
    } catch (error) {
      const failure = ConveneError.from(error, 'join_failed', 'Could not join the room');
      if (generation === this.#generation) this.#fail(failure);
      throw failure;
    }
    this.#emit('joined', { peerId: this.store.state.localPeerId ?? '' });
  }

  async leave(): Promise<void> {
    const { connection } = this.store.state;
    if (connection === 'idle' || connection === 'disconnected') return;
    const conn = this.#conn;
    this.#generation++; // Stops a join or reconnect in progress.
    clearTimeout(this.#reconnectTimer);
    if (conn?.established && !conn.signaling.closed) {
      conn.leaving = true;
      await conn.signaling.request('leave', {}, LEAVE_TIMEOUT_MS).catch(() => undefined);
    }
    this.#teardown();
    this.store.patch({ connection: 'disconnected' });
    this.#emit('left', { reason: 'left' });
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.#publisher.setMicrophoneEnabled(enabled);
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#publisher.setCameraEnabled(enabled);
  }

  selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    return this.#publisher.selectDevice(kind, deviceId);
  }

  startScreenShare(): Promise<void> {
    return this.#publisher.startScreenShare();
  }

  stopScreenShare(): Promise<void> {
    return this.#publisher.stopScreenShare();
  }

  setVisibleTiles(tiles: VisibleTile[]): void {
    this.#tiles.set(tiles);
  }

  /** Renames me for everyone (my PeerState's `name`); a reconnect keeps the new name. */
  async setName(name: string): Promise<void> {
    await this.#meta.setName(name);
    this.#name = name.trim();
  }

  /** Replaces my metadata (an opaque string, often JSON); everyone sees it in my PeerState. */
  setMetadata(metadata: string): Promise<void> {
    return this.#meta.setMetadata(metadata);
  }

  /**
   * Starts the room's HLS stream or its recording (a role with `hlsStreaming` or
   * `browserRecording`); `streaming` in the store follows it from starting to running.
   */
  async startStreaming(kind: StreamingKind): Promise<void> {
    await this.#streamingRequest('startStreaming', kind);
  }

  async stopStreaming(kind: StreamingKind): Promise<void> {
    await this.#streamingRequest('stopStreaming', kind);
  }

  #streamingRequest(method: 'startStreaming' | 'stopStreaming', kind: StreamingKind) {
    const conn = this.#conn;
    if (!conn?.established) {
      return Promise.reject(new ConveneError('not_joined', 'Join a room first.'));
    }
    return conn.signaling.request(method, { kind });
  }

  /** Raises my hand: `isHandRaised` in my metadata, as 100ms's prebuilt keeps it. */
  raiseHand(): Promise<void> {
    return this.#meta.raiseHand();
  }

  /** Lowers my hand, or another peer's when my role has `changeRole` (else refused). */
  lowerHand(peerId?: string): Promise<void> {
    return this.#meta.lowerHand(peerId);
  }

  /** The session's key/value store: `set(key, value)`, `observe(keys)` into `state.sessionStore`. */
  get sessionStore(): SessionStoreApi {
    return this.#meta.sessionStore;
  }

  /**
   * Sends a chat message (plain text) to everyone, some roles or one peer. Resolves once the
   * server has stored it, with the message as everyone gets it; it is in the store by then.
   */
  async sendMessage(text: string, options: SendMessageOptions = {}): Promise<ChatMessage> {
    const conn = this.#joined();
    const { message } = await conn.signaling.request(
      'sendMessage',
      sendMessageRequest(text, options),
    );
    if (this.#conn === conn) this.#chat.add([message], { unread: false });
    return message;
  }

  /** Brings the page of messages before the oldest one held; nothing when there is none left. */
  async loadOlderMessages(limit = 50): Promise<void> {
    const conn = this.#joined();
    const start = this.#chat.cursor;
    if (!this.store.state.hasOlderMessages || !start) return;
    const page = await conn.signaling.request('messageHistory', { start, limit });
    if (this.#conn === conn) this.#chat.older(page);
  }

  /** Sets the unread count back to 0 (the app showed the chat). */
  markMessagesRead(): void {
    this.#chat.markRead();
  }

  #joined(): Connection {
    const conn = this.#conn;
    if (!conn?.established || conn.signaling.closed) {
      throw new ConveneError('not_joined', 'Join the room before using its chat.');
    }
    return conn;
  }

  /** The newest page of history, after a join or a rejoin; a failure leaves the chat as it was. */
  #loadLatestMessages(conn: Connection, rejoin: boolean): void {
    conn.signaling
      .request('messageHistory', {})
      .then((page) => this.#conn === conn && this.#chat.latest(page, { rejoin }))
      .catch(() => undefined);
  }

  #onMessage(message: ChatMessage): void {
    if (isKept(message)) this.#chat.add([message], { unread: true });
    this.#emit('message', { message });
  }

  /** WebRTC stats for a track: what the local peer sends as `source`, or receives from `peerId`. */
  async getTrackStats(peerId: string, source: MediaSource): Promise<RTCStatsReport | undefined> {
    const media = this.#conn?.current;
    if (!media) return undefined;
    return media.getStats(peerId === this.store.state.localPeerId ? undefined : peerId, source);
  }

  // --- joining and reconnecting ---

  async #tokenFor(options: JoinOptions): Promise<string> {
    if (options.token) return options.token;
    if (options.roomCode)
      return fetchAppToken(this.#options.server, options.roomCode, options.userId);
    throw new ConveneError('invalid_request', 'join() needs a token or a roomCode.');
  }

  /**
   * Opens a socket, joins (resuming our place if we had one), and builds fresh transports. On
   * the first join it also captures the microphone and camera, in parallel with the transports.
   * Returns whether the server resumed our place.
   */
  async #connect(generation: number, capture?: CaptureOnJoin): Promise<boolean> {
    const signaling = await SignalingConnection.open(this.#options.server, this.#options.signaling);
    markJoinPhase('socket');
    if (generation !== this.#generation) {
      signaling.close();
      this.#check(generation);
    }
    const conn = this.#attach(signaling);
    this.#conn = conn;
    try {
      // With a Device loaded already (a reconnect, or capabilities that came quickly), the join
      // says what it can receive, and consumers come with the join answer. Otherwise the join
      // goes at once and the Device loads meanwhile: waiting for it would put the two in series.
      const prepared = this.#device?.ready;
      const response = await signaling.request('join', {
        token: this.#token ?? '',
        ...(this.#name ? { name: this.#name } : {}),
        ...(this.#resume ? { resume: this.#resume } : {}),
        ...(prepared ? { rtpCapabilities: prepared.recvRtpCapabilities as RtpCapabilities } : {}),
      });
      this.#check(generation);
      this.#resume = { peerId: response.self.id, secret: response.resumeSecret };
      markJoinPhase('joined');
      // The server closed the old place's transports; what the retired media played is over.
      this.#retiredMedia?.close();
      this.#retiredMedia = undefined;
      this.#notifications.joined(response);
      this.#meta.joined().catch((error: unknown) => {
        this.#report(
          ConveneError.from(error, 'observe_failed', 'Could not observe the session store'),
        );
      });
      this.#loadLatestMessages(conn, !capture);
      this.#tiles.resend(); // Before consumers exist, so visible video starts without a round trip.

      const captured = capture
        ? this.#publisher.captureOnJoin(response.role, capture).catch((error: unknown) => {
            this.#report(
              ConveneError.from(
                error,
                'media_unavailable',
                'Could not open the camera or microphone',
              ),
            );
          })
        : undefined;
      const device = await this.#deviceFor(response.routerRtpCapabilities);
      markJoinPhase('device');
      this.#check(generation);
      const media = await MediaConnection.create({
        signaling,
        device,
        transports: response.transports,
        onMediaLost: () => this.#onConnectionLost(conn),
        capabilitiesSent: prepared === device,
        playout: this.#options.playout,
      });
      if (generation !== this.#generation) {
        media.close();
        this.#check(generation);
      }
      conn.current = media;
      markJoinPhase('media');
      conn.settleMedia(media);
      conn.established = true;
      this.store.patch({ connection: 'connected' });
      await captured;
      await this.#publisher.publishAll();
      this.#check(generation); // Removed or left while publishing: that already ended the join.
      return response.resumed;
    } catch (error) {
      conn.settleMedia(ConveneError.from(error, 'join_failed', 'Could not set up media'));
      if (this.#conn === conn && !conn.established) {
        this.#conn = undefined;
        signaling.close();
      }
      throw error;
    }
  }

  #deviceFor(capabilities: RtpCapabilities): Promise<ms.Device> {
    const key = JSON.stringify(capabilities);
    if (this.#device?.capabilities !== key) {
      const entry: DeviceEntry = { capabilities: key, loaded: loadDevice(capabilities) };
      this.#device = entry;
      entry.loaded.then(
        (device) => (entry.ready = device),
        () => {
          if (this.#device === entry) this.#device = undefined; // A later join tries again.
        },
      );
    }
    return this.#device.loaded;
  }

  /** Routes a socket's notifications to the store while it is the current one. */
  #attach(signaling: SignalingConnection): Connection {
    let settleMedia!: Connection['settleMedia'];
    const media = new Promise<MediaConnection>((resolve, reject) => {
      settleMedia = (value) => (value instanceof ConveneError ? reject(value) : resolve(value));
    });
    media.catch(() => undefined); // Waiting consumers handle it; nobody else must see it unhandled.
    const conn: Connection = { signaling, media, settleMedia, established: false, leaving: false };
    const current = () => this.#conn === conn;
    const n = this.#notifications;

    signaling.on('peerJoined', ({ peer }) => current() && n.peer(peer));
    signaling.on('peerUpdated', ({ peer }) => current() && n.peer(peer));
    signaling.on('peerLeft', ({ peerId }) => current() && n.peerLeft(peerId, conn.current));
    signaling.on('newConsumer', (info) => current() && void n.newConsumer(info, media, current));
    signaling.on(
      'consumerClosed',
      ({ consumerId }) => current() && n.consumerClosed(consumerId, conn.current),
    );
    signaling.on(
      'producerPaused',
      ({ producerId }) => current() && n.producerPaused(producerId, true),
    );
    signaling.on(
      'producerResumed',
      ({ producerId }) => current() && n.producerPaused(producerId, false),
    );
    signaling.on('activeSpeaker', ({ peerId }) => current() && n.activeSpeaker(peerId));
    signaling.on('streamingChanged', (state) => current() && n.streamingChanged(state));
    signaling.on('connectionQuality', ({ scores }) => current() && n.connectionQuality(scores));
    signaling.on('sessionStoreUpdated', (entry) => current() && this.#meta.updated(entry));
    signaling.on('message', ({ message }) => current() && this.#onMessage(message));
    signaling.on('removed', ({ reason, message }) => current() && this.#onRemoved(reason, message));
    signaling.on('roleChanged', (change) => current() && this.#onRoleChanged(change, conn));
    signaling.on('actionRequested', (request) => {
      if (!current()) return;
      this.actions.requested(request);
      this.#emit('actionRequested', request);
    });
    signaling.on('actionRequestClosed', (closed) => {
      if (!current()) return;
      this.actions.closed(closed.id);
      this.#emit('actionRequestClosed', closed);
    });
    signaling.onClose((close) => {
      // Removed by the server (its `removed` notification lost or late): no reconnect.
      if (close.code === CLOSE_CODES.removed && current()) this.#onRemoved('peer removed');
      else if (!close.requested) this.#onConnectionLost(conn);
    });
    return conn;
  }

  #onConnectionLost(conn: Connection): void {
    if (conn !== this.#conn || !conn.established || conn.leaving) return;
    this.#conn = undefined;
    this.#retiredMedia?.close();
    this.#retiredMedia = conn.current;
    conn.signaling.close();
    this.store.patch({ connection: 'reconnecting' });
    this.#scheduleReconnect(this.#generation, new Backoff(this.#options.reconnect));
  }

  #scheduleReconnect(generation: number, backoff: Backoff): void {
    const delay = backoff.next();
    if (delay === undefined) {
      this.#fail(
        new ConveneError(
          'reconnect_failed',
          'Lost the connection to the server and could not get it back. Check the network, then join again.',
        ),
      );
      return;
    }
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(generation, backoff), delay);
  }

  async #reconnect(generation: number, backoff: Backoff): Promise<void> {
    if (generation !== this.#generation) return;
    this.#emit('reconnecting', { attempt: backoff.attempt });
    try {
      const resumed = await this.#connect(generation);
      this.#emit('reconnected', { resumed });
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = ConveneError.from(error, 'reconnect_failed', 'Could not reconnect');
      if (TRANSIENT_CODES.has(failure.code)) {
        this.#scheduleReconnect(generation, backoff);
      } else if (this.#resume) {
        // The server would not resume our place (its grace period ran out): join afresh.
        this.#resume = undefined;
        this.#scheduleReconnect(generation, backoff);
      } else {
        this.#fail(failure);
      }
    }
  }

  #onRemoved(reason: string, message?: string): void {
    this.#teardown();
    const text = message ?? `The server ended this session (${reason}).`;
    this.store.patch({
      connection: 'disconnected',
      error: removalError(reason, text),
      removed: { reason, message: text },
    });
    this.#emit('left', { reason, message: text });
  }

  /**
   * My role changed: the store shows it, captures it no longer allows stop, and media publishes
   * on the send transport the server made for it (or on none).
   */
  #onRoleChanged(
    { role, by, sendTransport }: Notifications['roleChanged'],
    conn: Connection,
  ): void {
    const { localPeerId } = this.store.state;
    this.store.update((state) => ({
      ...state,
      role,
      roles: { ...state.roles, [role.name]: role },
    }));
    if (localPeerId) this.store.updatePeer(localPeerId, (peer) => ({ ...peer, role: role.name }));
    if (sendTransport || role.publishParams.allowed.length === 0) {
      conn.media.then((media) => media.replaceSendTransport(sendTransport)).catch(() => undefined);
    }
    this.#publisher.followRole(role);
    this.#emit('roleChanged', { role: role.name, by });
  }

  #fail(error: ConveneError): void {
    this.#teardown();
    this.store.patch({ connection: 'failed', error: error.toJSON() });
    this.#emit('error', error.toJSON());
  }

  /** Releases everything: sockets, transports, local tracks, timers. */
  #teardown(): void {
    this.#generation++;
    clearTimeout(this.#reconnectTimer);
    const conn = this.#conn;
    this.#conn = undefined;
    if (conn) {
      conn.settleMedia(new ConveneError('aborted', 'Left the room.'));
      conn.current?.close();
      conn.signaling.close();
    }
    this.#retiredMedia?.close();
    this.#retiredMedia = undefined;
    this.#publisher.reset();
    this.#notifications.clear();
    this.#meta.clear();
    this.#tiles.dispose();
    this.#token = undefined;
    this.#resume = undefined;
    this.store.update((state) => ({
      ...INITIAL_ROOM_STATE,
      connection: state.connection,
      ...(state.error ? { error: state.error } : {}),
    }));
  }

  #sendTiles(tiles: VisibleTile[]): Promise<unknown> | undefined {
    const conn = this.#conn;
    if (!conn || conn.signaling.closed || !this.store.state.localPeerId) return undefined;
    this.#notifications.tilesSent();
    return conn.signaling.request('setVisibleTiles', { tiles });
  }

  #report(error: ConveneError): void {
    this.store.patch({ error: error.toJSON() });
    this.#emit('error', error.toJSON());
  }

  #emit<K extends keyof (RoomClientEventMap & RoomActionEventMap & RoomChatEventMap)>(
    type: K,
    detail: (RoomClientEventMap & RoomActionEventMap & RoomChatEventMap)[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #check(generation: number): void {
    if (generation !== this.#generation)
      throw new ConveneError('aborted', 'Left the room before this finished.');
  }
}
