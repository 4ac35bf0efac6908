// The rooms plugin: the media workers and the registry of live rooms on them. Rooms close before
// the server does (their sessions end in storage while it is open); the workers stop after.
import fp from 'fastify-plugin';
import type { ActionRequestLimits, ChatConfig, MediaConfig, RoomDataLimits } from '../config.ts';
import { WorkerPool } from '../sfu/worker-pool.ts';
import { RoomRegistry } from './room-registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The mediasoup workers; they start on the first room, or earlier through `start()`. */
    workers: WorkerPool;
    /** The one place live rooms are found. */
    liveRooms: RoomRegistry;
  }
}

export const roomsPlugin = fp<{
  media: MediaConfig;
  reconnectGraceMs: number;
  roomData: RoomDataLimits;
  actionRequests: ActionRequestLimits;
  chat: ChatConfig;
}>(
  async (app, options) => {
    const workers = new WorkerPool(options.media, app.log.child({ module: 'sfu' }));
    const liveRooms = new RoomRegistry({
      pool: workers,
      db: app.storage.db,
      sessions: app.storage.sessions,
      webhooks: app.webhooks,
      trackEvents: app.storage.trackEvents,
      media: options.media,
      roomData: options.roomData,
      reconnectGraceMs: options.reconnectGraceMs,
      actionRequests: options.actionRequests,
      rooms: app.storage.rooms,
      log: app.log.child({ module: 'rooms' }),
      chat: { store: app.storage.chat, limits: options.chat },
    });
    app.decorate('workers', workers);
    app.decorate('liveRooms', liveRooms);
    app.addHook('preClose', () => liveRooms.closeAll('the server is shutting down'));
    app.addHook('onClose', async () => workers.close());
  },
  { name: 'convene-rooms', dependencies: ['convene-storage', 'convene-webhooks'] },
);
