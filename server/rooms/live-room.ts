// A room with people in it: who is there, what everyone is told, and each peer's place while its
// socket is away (a grace period, then a resume or a leave). Created by the registry when the
// first peer joins; closes itself, its session and its media when the last one leaves. The
// media plumbing (router, transports, producers, consumers) is room-media.ts.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';
import type { MediaConfig, RoomDataLimits } from '../config.ts';
import { forbidden, notFound } from '../../src/protocol/errors.ts';
import type { Role } from '../../src/protocol/roles.ts';
import {
  CLOSE_CODES,
  STOPPED_STREAMING,
  type NotificationName,
  type Notifications,
  type PeerInfo,
  type TransportInfo,
} from '../../src/protocol/signaling.ts';
import { LivePeer, type PeerConnection, type PeerIdentity } from './live-peer.ts';
import { RoomMedia } from './room-media.ts';
import type { LeaveReason, PeerChange, RoomEvents, SessionClose } from './room-events.ts';
import type { TrackRecord } from './peer-media.ts';
import { contained } from './contained.ts';
import { checkMetadata, withHandLowered } from './peer-metadata.ts';
import { RoomSessionStore } from './room-session-store.ts';
import type { ActionRequestLimits } from '../config.ts';
import { RoomChat } from './room-chat.ts';
import type { StreamingKind, StreamingState } from '../../src/protocol/streaming-schemas.ts';
import { withdrawRequestsBy } from './action-requests.ts';
import type { ChatStore } from '../storage/chat.ts';
import type { ChatConfig } from '../config.ts';

/** How often connection-quality scores are sent. */
const QUALITY_INTERVAL_MS = 2_000;

interface Size {
  width: number;
  height: number;
}

const LAST_PEER_LEFT: SessionClose = { reason: 'last peer left', message: '' };

export interface LiveRoomOptions {
  workspaceId: string;
  roomId: string;
  roles: Record<string, Role>;
  router: types.Router;
  events: RoomEvents;
  media: MediaConfig;
  /** Sizes of peer metadata and of the session store. */
  roomData: RoomDataLimits;
  /** How long a peer whose socket dropped keeps its place, waiting for it to come back. */
  reconnectGraceMs: number;
  /** Limits on the requests peers send each other (ask to unmute, offer a role). */
  actionRequests: ActionRequestLimits;
  /** Disables the room in storage (an end with lock): no tokens from codes, no joins. */
  lock: () => Promise<void>;
  log: FastifyBaseLogger;
  chat: { store: ChatStore; limits: ChatConfig };
  /** Starts and stops the room's stream and recording for a peer who asks; none in some tests. */
  streamControl?: () => StreamControl | undefined;
}

/** The lifecycles behind a peer's Go live and Record (server/streaming/). */
export interface StreamControl {
  start(room: LiveRoom, kind: StreamingKind, by: LivePeer): Promise<void>;
  stop(room: LiveRoom, kind: StreamingKind, by: LivePeer): Promise<void>;
  /**
   * Every output stops, its rows and webhooks written: at shutdown, before the rooms close
   * (their sessions end, and a recorder whose room closed would reconnect until killed).
   */
  stopAll(): Promise<void>;
  /** A room's session opened: whatever its template starts by itself (a recording) starts. */
  roomOpened(room: LiveRoom, templateId: string): void;
}

/** A peer in the room, and the transports it starts (or starts again) with. */
export interface Entered {
  peer: LivePeer;
  transports: { recv: TransportInfo; send?: TransportInfo };
}

export class LiveRoom extends EventEmitter<{ close: [] }> {
  readonly media: RoomMedia;
  /** This session's key/value store; a new session starts with an empty one. */
  readonly sessionStore: RoomSessionStore;
  readonly chat: RoomChat;
  readonly session: { id: string; startedAt: string };
  readonly #options: LiveRoomOptions;
  readonly #peers = new Map<string, LivePeer>();
  readonly #expectedRecorders = new Map<string, Size>();
  #streaming: StreamingState = STOPPED_STREAMING;
  /** Peers whose socket dropped: the timer that ends their place. */
  readonly #graceTimers = new Map<LivePeer, NodeJS.Timeout>();
  readonly #qualityTimer: NodeJS.Timeout;
  #activeSpeakerId: string | null = null;
  #closed = false;

  private constructor(
    options: LiveRoomOptions,
    session: { id: string; startedAt: string },
    speakerObserver: types.ActiveSpeakerObserver,
    threadId: string,
  ) {
    super();
    this.#options = options;
    this.session = session;
    this.sessionStore = new RoomSessionStore(options.roomData);
    this.chat = new RoomChat(this, {
      ...options.chat,
      workspaceId: options.workspaceId,
      roomId: options.roomId,
      sessionId: session.id,
      threadId,
    });
    this.media = new RoomMedia(options.router, speakerObserver, options.media, options.log, {
      peers: () => this.#peers.values(),
      announce: (peer) => this.announcePeer(peer),
      activeSpeakerChanged: (peerId) => this.#speakerChanged(peerId),
      trackChanged: (peer, change, track) =>
        options.events.trackChanged(session, peer, change, [track]),
    });
    this.#qualityTimer = setInterval(
      contained(options.log, 'sending connection quality', () => this.#sendQuality()),
      QUALITY_INTERVAL_MS,
    );
    this.#qualityTimer.unref();
    this.media.onRouterClose(() => {
      const ending: SessionClose = {
        reason: 'media server closed',
        message: 'the media server closed this room',
      };
      this.close(ending).catch((error: unknown) =>
        options.log.error({ err: error }, 'could not close the room'),
      );
    });
  }

  static async create(options: LiveRoomOptions): Promise<LiveRoom> {
    const speakerObserver = await options.router.createActiveSpeakerObserver({ interval: 300 });
    const session = await options.events.sessionOpened();
    let threadId: string;
    try {
      const { store, limits } = options.chat;
      threadId = await store.openThread(options.roomId, session.id, limits.carryOverMs);
    } catch (error) {
      await options.events.sessionClosed(session, LAST_PEER_LEFT).catch(() => undefined);
      throw error;
    }
    return new LiveRoom(options, session, speakerObserver, threadId);
  }

  get id(): string {
    return this.#options.roomId;
  }

  get workspaceId(): string {
    return this.#options.workspaceId;
  }

  get actionRequestLimits(): ActionRequestLimits {
    return this.#options.actionRequests;
  }

  /** Disables the room in storage until it is enabled again (POST /v2/rooms/{id}). */
  lock(): Promise<void> {
    return this.#options.lock();
  }

  get roles(): Record<string, Role> {
    return this.#options.roles;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The last dominant speaker still in the room: newcomers learn it in their join answer. */
  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId && this.#peers.has(this.#activeSpeakerId)
      ? this.#activeSpeakerId
      : null;
  }

  /** Everyone in the room now, by id, in the order they came; changed only by the room. */
  get peers(): ReadonlyMap<string, LivePeer> {
    return this.#peers;
  }

  has(peer: LivePeer): boolean {
    return this.#peers.get(peer.id) === peer;
  }

  /** What `viewer` is told of the others in its join answer. */
  othersInfo(viewer: LivePeer): PeerInfo[] {
    return [...this.#peers.values()]
      .filter((other) => other !== viewer && !other.hidden)
      .map((o) => o.info());
  }

  /** The room's live stream and recording, as its peers are told. */
  get streaming(): StreamingState {
    return this.#streaming;
  }

  /** What starts and stops them when a peer asks (the streaming plugin sets it). */
  get streamControl(): StreamControl | undefined {
    return this.#options.streamControl?.();
  }

  /** A new state of the stream or the recording: everyone hears of it. */
  setStreaming(state: StreamingState): void {
    this.#streaming = state;
    this.broadcast('streamingChanged', state);
  }

  /** Whether anyone but the recorder is here: a room of only its recorder closes. */
  get #empty(): boolean {
    for (const peer of this.#peers.values()) if (!peer.hidden) return false;
    return true;
  }

  /**
   * Lets one recorder in, the one the room's pipeline launched with this user id: a token that
   * merely names the recorder role finds no place.
   */
  expectRecorder(userId: string, size: Size): void {
    this.#expectedRecorders.set(userId, size);
  }

  forgetRecorder(userId: string): void {
    this.#expectedRecorders.delete(userId);
  }

  /** The picture size the expected recorder publishes, once: its token admits it one time. */
  takeExpectedRecorder(userId: string): Size | undefined {
    const size = this.#expectedRecorders.get(userId);
    this.#expectedRecorders.delete(userId);
    return size;
  }

  countRole(roleName: string): number {
    let count = 0;
    for (const peer of this.#peers.values()) if (peer.role.name === roleName) count++;
    return count;
  }

  /** The one fan-out: every room-wide notification goes through here. */
  broadcast<N extends NotificationName>(
    notification: N,
    data: Notifications[N],
    exceptPeerId?: string,
  ): void {
    for (const peer of this.#peers.values()) {
      if (peer.id !== exceptPeerId) peer.notify(notification, data);
    }
  }

  /** Tells the others what changed about `peer`: its name, or the tracks it publishes. */
  announcePeer(peer: LivePeer): void {
    if (peer.hidden) return;
    this.broadcast('peerUpdated', { peer: peer.info() }, peer.id);
  }

  // --- a peer's place ---

  /**
   * Lets a new peer in: records it (and its webhook) and makes its transports at the same time,
   * then tells the others. Nothing is announced if either fails.
   */
  async admit(identity: PeerIdentity, connection: PeerConnection): Promise<Entered> {
    const peer = new LivePeer(randomUUID(), identity, connection);
    this.#peers.set(peer.id, peer);
    const recorded = this.#options.events.peerJoined(this.session, peer);
    const opened = this.media.openTransports(peer);
    const [record, transports] = await Promise.allSettled([recorded, opened]);
    if (record.status === 'rejected' || transports.status === 'rejected') {
      this.#peers.delete(peer.id);
      peer.media.close();
      if (record.status === 'fulfilled') {
        // Recorded as present but never announced: record it gone, too.
        await this.#options.events
          .peerLeft(this.session, peer, 'server removed peer')
          .catch((error: unknown) =>
            this.#options.log.error({ err: error }, 'could not record a leave'),
          );
      }
      if (this.#empty) await this.close(LAST_PEER_LEFT);
      throw record.status === 'rejected'
        ? record.reason
        : (transports as PromiseRejectedResult).reason;
    }
    if (!peer.hidden) this.broadcast('peerJoined', { peer: peer.info() }, peer.id);
    return { peer, transports: transports.value };
  }

  /**
   * Gives a returning socket its old place if the secret matches (the grace period has not run
   * out): the old socket is closed, the media starts afresh (its old transports may be half-dead).
   * Undefined when there is no such place to resume.
   */
  async resume(
    place: { peerId: string; secret: string },
    userId: string,
    connection: PeerConnection,
    name?: string,
  ): Promise<Entered | undefined> {
    const peer = this.#peers.get(place.peerId);
    if (!peer || peer.userId !== userId || !peer.matchesSecret(place.secret)) return undefined;
    this.#endGrace(peer);
    peer.connection?.close(CLOSE_CODES.replaced, 'replaced by a newer connection');
    peer.setConnection(connection);
    const tracks = peer.media.trackRecords();
    peer.media.close();
    // Its old tracks ended with the old media; recorded before the new ones can start.
    if (tracks.length > 0) {
      await this.#options.events
        .trackChanged(this.session, peer, 'remove', tracks)
        .catch((error: unknown) =>
          this.#options.log.error({ err: error, peerId: peer.id }, 'could not record tracks'),
        );
    }
    const renamed = name !== undefined && name !== peer.name;
    if (renamed) {
      await this.#options.events
        .peerUpdated(this.session, peer, { name })
        .catch((error: unknown) =>
          this.#options.log.error({ err: error, peerId: peer.id }, 'could not record a new name'),
        );
      peer.setName(name);
    }
    // Always announced: the others saw it reconnecting, and its old producers are gone.
    this.announcePeer(peer);
    const transports = await this.media.openTransports(peer);
    return { peer, transports };
  }

  /** The socket carrying `peer` dropped: keep its place for the grace period, then remove it. */
  detach(peer: LivePeer, connection: PeerConnection): void {
    if (!this.has(peer) || peer.connection !== connection) return;
    peer.setConnection(undefined);
    this.#endGrace(peer);
    const timer = setTimeout(() => {
      this.#graceTimers.delete(peer);
      this.removePeer(peer, 'websocket closed').catch((error: unknown) =>
        this.#options.log.error({ err: error, peerId: peer.id }, 'could not remove a peer'),
      );
    }, this.#options.reconnectGraceMs);
    timer.unref();
    this.#graceTimers.set(peer, timer);
    // The others show it as reconnecting (its info says so while it has no socket).
    this.announcePeer(peer);
  }

  /**
   * A new name: recorded (session row, peer.update.success) before anyone is told; everyone
   * hears it, the peer too (the change may come from the REST API).
   */
  async rename(peer: LivePeer, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || trimmed === peer.name) return;
    await this.#recordChange(peer, { name: trimmed });
    peer.setName(trimmed);
    this.broadcast('peerUpdated', { peer: peer.info() });
  }

  async #recordChange(peer: LivePeer, change: PeerChange): Promise<void> {
    if (!this.has(peer)) throw notFound(`no peer ${peer.id} in this room`, 'peer_not_found');
    await this.#options.events.peerUpdated(this.session, peer, change);
  }

  /**
   * `peer` has just taken a role it had not (role-change.ts): the session row and its webhook;
   * then what it asked others under its old role, and may no longer ask, is withdrawn.
   */
  async recordRoleChange(peer: LivePeer, previousRole: string): Promise<void> {
    await this.#options.events.roleChanged(this.session, peer, previousRole);
    withdrawRequestsBy(this, peer.id);
  }

  /** Refuses metadata over the size limit, for callers that check before changing anything. */
  checkMetadata(metadata: string): void {
    checkMetadata(metadata, this.#options.roomData.maxMetadataBytes);
  }

  /**
   * Replaces `peer`'s metadata and tells everyone, the peer too (the change may come from a
   * REST call or another peer lowering its hand). Refused when larger than the limit.
   */
  async setMetadata(peer: LivePeer, metadata: string): Promise<void> {
    this.checkMetadata(metadata);
    if (!this.has(peer)) throw notFound(`no peer ${peer.id} in this room`, 'peer_not_found');
    if (metadata === peer.metadata) return;
    await this.#recordChange(peer, { metadata });
    peer.setMetadata(metadata);
    this.broadcast('peerUpdated', { peer: peer.info() });
  }

  /**
   * Lowers the hand raised in `peerId`'s metadata (`isHandRaised`, as 100ms's prebuilt keeps
   * it). Anyone may lower their own; another's only a role with `changeRole`, the permission
   * under which 100ms's prebuilt offers "lower hand" beside bringing people on stage.
   */
  async lowerHand(actor: LivePeer, peerId: string): Promise<void> {
    const target = this.#peers.get(peerId);
    if (!target) throw notFound(`no peer ${peerId} in this room`, 'peer_not_found');
    if (target !== actor && !actor.role.permissions.changeRole) {
      throw forbidden(`the role ${actor.role.name} may not lower another peer's hand`);
    }
    const lowered = withHandLowered(target.metadata);
    if (lowered !== undefined) await this.setMetadata(target, lowered);
  }

  async removePeer(peer: LivePeer, reason: LeaveReason, message?: string): Promise<void> {
    if (!this.has(peer)) return;
    this.#endGrace(peer);
    this.#peers.delete(peer.id);
    this.sessionStore.forget(peer);
    withdrawRequestsBy(this, peer.id);
    const tracks = peer.media.trackRecords();
    peer.media.close();
    if (!peer.hidden) this.broadcast('peerLeft', { peerId: peer.id });
    try {
      await this.#options.events.peerLeft(this.session, peer, reason, message, tracks);
    } catch (error) {
      this.#options.log.error({ err: error, peerId: peer.id }, 'could not record a peer leaving');
    }
    if (this.#empty) await this.close(LAST_PEER_LEFT);
  }

  #endGrace(peer: LivePeer): void {
    clearTimeout(this.#graceTimers.get(peer));
    this.#graceTimers.delete(peer);
  }

  #speakerChanged(peerId: string): void {
    this.#activeSpeakerId = peerId;
    this.broadcast('activeSpeaker', { peerId });
  }

  #sendQuality(): void {
    const scores: Record<string, number> = {};
    for (const peer of this.#peers.values()) {
      if (peer.hidden) continue;
      const quality = this.media.connectionQuality(peer);
      if (quality === undefined) continue;
      peer.connectionQuality = quality;
      scores[peer.id] = quality;
    }
    if (Object.keys(scores).length > 0) this.broadcast('connectionQuality', { scores });
  }

  /**
   * Closes the room: media, then each peer's leave and the session, with why. Idempotent. Peers
   * are told the room is over, except when the server is stopping: then their sockets close with
   * 1012 so clients come back by themselves (to a new session, once the server is up again).
   */
  async close(ending: SessionClose): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#qualityTimer);
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    const stopping = ending.reason === 'server stopped';
    const closing: [LivePeer, TrackRecord[]][] = [];
    for (const peer of this.#peers.values()) {
      if (stopping) peer.connection?.close(1012, ending.message);
      else peer.notify('removed', { reason: 'room ended', message: ending.message });
      closing.push([peer, peer.media.trackRecords()]);
      peer.media.close();
    }
    this.#peers.clear();
    this.media.close();
    for (const [peer, tracks] of closing) {
      // Each leave (and its tracks' ends) is recorded, as when a peer is removed; one that cannot
      // be recorded must not keep the session from closing.
      await this.#options.events
        .peerLeft(this.session, peer, 'server removed peer', ending.message, tracks)
        .catch((error: unknown) =>
          this.#options.log.error({ err: error, peerId: peer.id }, 'could not record a leave'),
        );
    }
    try {
      await this.#options.events.sessionClosed(this.session, ending);
    } catch (error) {
      this.#options.log.error({ err: error }, 'could not record the session closing');
    }
    this.emit('close');
  }
}
