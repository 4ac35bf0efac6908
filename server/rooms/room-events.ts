// Writes what happens in a live room to durable storage with its webhook event (100ms's payloads),
// in one transaction each, before the room acknowledges it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { TrackEventData, TrackEventStore, TrackEventType } from '../storage/track-events.ts';
import type { SessionStore } from '../storage/sessions.ts';
import type { Room } from '../storage/rooms.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import type { LivePeer } from './live-peer.ts';
import type { TrackRecord } from './peer-media.ts';
import type { TrackChange } from './room-media.ts';

const TRACK_EVENT: Record<TrackChange, TrackEventType> = {
  add: 'track.add.success',
  update: 'track.update.success',
  remove: 'track.remove.success',
};

/** Why a peer left, in 100ms's words (peer.leave.success `reason`). */
export type LeaveReason =
  'client request' | 'peer kicked' | 'websocket closed' | 'server removed peer';

/**
 * Why a session closed (session.close.success `reason`, ours: 100ms's payload has none): ended by
 * a host or the REST API, its last peer left, the server stopped, or its media server went away.
 */
export type SessionCloseReason =
  'room ended' | 'last peer left' | 'server stopped' | 'media server closed';

export interface SessionClose {
  reason: SessionCloseReason;
  /** The text people were shown (an end-room's reason), or ''. */
  message: string;
}

/** A peer's name or metadata about to change (peer.update.success). */
export interface PeerChange {
  name?: string;
  metadata?: string;
}

export class RoomEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessions: SessionStore,
    private readonly webhooks: WebhookDispatcher,
    private readonly trackEvents: TrackEventStore,
    private readonly workspaceId: string,
    private readonly room: Room,
  ) {}

  #common(sessionId: string) {
    return {
      room_id: this.room.id,
      room_name: this.room.name,
      session_id: sessionId,
      template_id: this.room.template_id,
    };
  }

  async sessionOpened(): Promise<{ id: string; startedAt: string }> {
    const session = await this.db.transaction().execute(async (trx) => {
      const row = await this.sessions.open(trx, this.workspaceId, this.room.id);
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'session.open.success',
        data: { ...this.#common(row.id), session_started_at: row.created_at },
      });
      return row;
    });
    this.webhooks.wake();
    return { id: session.id, startedAt: session.created_at };
  }

  async sessionClosed(
    session: { id: string; startedAt: string },
    { reason, message }: SessionClose,
  ): Promise<void> {
    const stoppedAt = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.close(trx, session.id, stoppedAt);
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'session.close.success',
        data: {
          ...this.#common(session.id),
          session_duration: Math.round(
            (Date.parse(stoppedAt) - Date.parse(session.startedAt)) / 1000,
          ),
          session_started_at: session.startedAt,
          session_stopped_at: stoppedAt,
          reason,
          message,
        },
      });
    });
    this.webhooks.wake();
  }

  #peerData(session: { id: string; startedAt: string }, peer: LivePeer) {
    return {
      ...this.#common(session.id),
      peer_id: peer.id,
      user_id: peer.userId,
      user_name: peer.name,
      user_data: peer.metadata,
      role: peer.role.name,
      joined_at: peer.joinedAt,
      session_started_at: session.startedAt,
      type: 'regular',
    };
  }

  async peerJoined(session: { id: string; startedAt: string }, peer: LivePeer): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.addPeer(trx, {
        id: peer.id,
        session_id: session.id,
        user_id: peer.userId,
        name: peer.name,
        role: peer.role.name,
        joined_at: peer.joinedAt,
      });
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'peer.join.success',
        data: this.#peerData(session, peer),
      });
    });
    this.webhooks.wake();
  }

  /**
   * Records `change` before it is made (the caller applies it once this resolves): the session's
   * peer row, and peer.update.success with the peer as it will be.
   */
  async peerUpdated(
    session: { id: string; startedAt: string },
    peer: LivePeer,
    change: PeerChange,
  ): Promise<void> {
    const name = change.name ?? peer.name;
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.updatePeer(trx, session.id, peer.id, { name, role: peer.role.name });
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'peer.update.success',
        data: {
          ...this.#peerData(session, peer),
          user_name: name,
          user_data: change.metadata ?? peer.metadata,
        },
      });
    });
    this.webhooks.wake();
  }

  /** `peer` has taken a new role (already its `role`): the session's row and role.change.success. */
  async roleChanged(
    session: { id: string; startedAt: string },
    peer: LivePeer,
    previousRole: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.updatePeer(trx, session.id, peer.id, {
        name: peer.name,
        role: peer.role.name,
      });
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'role.change.success',
        data: { ...this.#peerData(session, peer), previous_role: previousRole },
      });
    });
    this.webhooks.wake();
  }

  async peerLeft(
    session: { id: string; startedAt: string },
    peer: LivePeer,
    reason: LeaveReason,
    message = '',
    /** Its tracks, which end with it: recorded first, in the same transaction. */
    tracks: TrackRecord[] = [],
  ): Promise<void> {
    const leftAt = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.#recordTracks(trx, session, peer, 'remove', tracks);
      await this.sessions.removePeer(trx, session.id, peer.id, leftAt);
      await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type: 'peer.leave.success',
        data: {
          ...this.#peerData(session, peer),
          left_at: leftAt,
          duration: Math.round((Date.parse(leftAt) - Date.parse(peer.joinedAt)) / 1000),
          reason,
          message,
        },
      });
    });
    this.webhooks.wake();
  }

  /** Tracks added, muted or unmuted, or removed: analytics events and webhooks, in one transaction. */
  async trackChanged(
    session: { id: string; startedAt: string },
    peer: LivePeer,
    change: TrackChange,
    tracks: TrackRecord[],
  ): Promise<void> {
    await this.db
      .transaction()
      .execute((trx) => this.#recordTracks(trx, session, peer, change, tracks));
    this.webhooks.wake();
  }

  async #recordTracks(
    trx: Transaction<Database>,
    session: { id: string },
    peer: LivePeer,
    change: TrackChange,
    tracks: TrackRecord[],
  ): Promise<void> {
    const stoppedAt = change === 'remove' ? new Date().toISOString() : undefined;
    for (const track of tracks) {
      const type = TRACK_EVENT[change];
      // 100ms's track event object; its sources are `regular` (camera, microphone) and `screen`.
      const screen = track.source === 'screen' || track.source === 'screen-audio';
      const data: TrackEventData = {
        room_id: this.room.id,
        session_id: session.id,
        room_name: this.room.name,
        peer_id: peer.id,
        user_id: peer.userId,
        user_name: peer.name,
        joined_at: peer.joinedAt,
        role: peer.role.name,
        track_id: track.id,
        // 100ms groups a peer's tracks in streams: camera and microphone, and the screen share.
        stream_id: `${peer.id}:${screen ? 'screen' : 'regular'}`,
        type: track.kind,
        source: screen ? 'screen' : 'regular',
        mute: track.muted,
        started_at: track.startedAt,
        ...(stoppedAt ? { stopped_at: stoppedAt } : {}),
      };
      const envelope = await enqueueWebhookEvent(trx, {
        workspaceId: this.workspaceId,
        roomId: this.room.id,
        templateId: this.room.template_id,
        type,
        data: { ...data },
      });
      await this.trackEvents.add(trx, this.workspaceId, {
        version: '2.0',
        id: envelope.id,
        timestamp: new Date().toISOString(),
        type,
        data,
      });
    }
  }
}
