// The one place live rooms are found: opened on first join, forgotten when they close. A
// multi-node version replaces this object, not its callers.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/protocol/roles.ts';
import type { ActionRequestLimits, ChatConfig, MediaConfig, RoomDataLimits } from '../config.ts';
import type { TrackEventStore } from '../storage/track-events.ts';
import type { ChatStore } from '../storage/chat.ts';
import type { Database } from '../storage/schema.ts';
import type { Room, RoomStore } from '../storage/rooms.ts';
import type { SessionStore } from '../storage/sessions.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import type { WorkerPool } from '../sfu/worker-pool.ts';
import { LiveRoom, type StreamControl } from './live-room.ts';
import { RoomEvents } from './room-events.ts';
import { lockRoom } from './room-lock.ts';

export interface RoomRegistryDeps {
  pool: WorkerPool;
  db: Kysely<Database>;
  sessions: SessionStore;
  webhooks: WebhookDispatcher;
  trackEvents: TrackEventStore;
  media: MediaConfig;
  roomData: RoomDataLimits;
  /** How long a peer whose socket dropped keeps its place. */
  reconnectGraceMs: number;
  actionRequests: ActionRequestLimits;
  /** Where an end with lock disables the room. */
  rooms: RoomStore;
  log: FastifyBaseLogger;
  chat: { store: ChatStore; limits: ChatConfig };
}

export class RoomRegistry {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #opening = new Map<string, Promise<LiveRoom>>();
  /** Go live and Record for every room; set by the streaming plugin, which comes later. */
  streamControl: StreamControl | undefined;

  constructor(private readonly deps: RoomRegistryDeps) {}

  get(roomId: string): LiveRoom | undefined {
    return this.#rooms.get(roomId);
  }

  get all(): LiveRoom[] {
    return [...this.#rooms.values()];
  }

  /** The live room for `room`, opening it (router, session) if nobody is in it yet. */
  async open(workspaceId: string, room: Room, roles: Record<string, Role>): Promise<LiveRoom> {
    const live = this.#rooms.get(room.id);
    if (live && !live.closed) return live;
    let opening = this.#opening.get(room.id);
    if (!opening) {
      opening = this.#create(workspaceId, room, roles).finally(() => this.#opening.delete(room.id));
      this.#opening.set(room.id, opening);
    }
    return opening;
  }

  async #create(workspaceId: string, room: Room, roles: Record<string, Role>): Promise<LiveRoom> {
    const { pool, db, sessions, webhooks, trackEvents, media, roomData, actionRequests, log } =
      this.deps;
    const { reconnectGraceMs, chat } = this.deps;
    const router = await pool.createRouter();
    try {
      const live = await LiveRoom.create({
        workspaceId,
        roomId: room.id,
        roles,
        router,
        events: new RoomEvents(db, sessions, webhooks, trackEvents, workspaceId, room),
        media,
        roomData,
        reconnectGraceMs,
        actionRequests,
        lock: () => lockRoom({ db, rooms: this.deps.rooms, webhooks }, workspaceId, room.id),
        log: log.child({ roomId: room.id }),
        chat,
        streamControl: () => this.streamControl,
      });
      this.#rooms.set(room.id, live);
      live.once('close', () => {
        if (this.#rooms.get(room.id) === live) this.#rooms.delete(room.id);
      });
      this.streamControl?.roomOpened(live, room.template_id);
      return live;
    } catch (error) {
      router.close();
      throw error;
    }
  }

  /** For shutdown: rooms close without ending for their peers, who reconnect to the next run. */
  async closeAll(reason: string): Promise<void> {
    await this.streamControl?.stopAll();
    await Promise.all(
      this.all.map((room) => room.close({ reason: 'server stopped', message: reason })),
    );
  }
}
