// The storage plugin: opens the database (and migrates it) and decorates the instance with one
// store per kind of row. It closes the database last, after everything that writes to it.
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { openStorage, type StorageOptions } from './database.ts';
import type { Database } from './schema.ts';
import { TemplateStore } from './templates.ts';
import { RoomStore, type Room } from './rooms.ts';
import { RoomCodeStore } from './room-codes.ts';
import { SessionStore } from './sessions.ts';
import { WebhookStore } from './webhooks.ts';
import { TrackEventStore } from './track-events.ts';
import { ReadCache } from './read-cache.ts';
import { ChatStore } from './chat.ts';
import { StreamJobStore } from './stream-jobs.ts';
import { RecordingAssetStore } from './recording-assets.ts';

export interface Stores {
  /** For writes that span stores in one transaction (a room and its webhook event). */
  db: Kysely<Database>;
  templates: TemplateStore;
  rooms: RoomStore;
  roomCodes: RoomCodeStore;
  sessions: SessionStore;
  webhooks: WebhookStore;
  trackEvents: TrackEventStore;
  chat: ChatStore;
  /** Live streams, recordings and external streams, one row per start. */
  streamJobs: StreamJobStore;
  recordingAssets: RecordingAssetStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    storage: Stores;
  }
}

export const storagePlugin = fp<StorageOptions>(
  async (app, options) => {
    const storage = await openStorage(options);
    // Cached only while this process is the database's one writer; rooms carry their
    // template's name, so a template change clears them.
    const roomCache = storage.soleWriter ? new ReadCache<Room>() : undefined;
    app.decorate('storage', {
      db: storage.db,
      templates: new TemplateStore(storage.db, () => roomCache?.clear()),
      rooms: new RoomStore(storage.db, roomCache),
      roomCodes: new RoomCodeStore(storage.db),
      sessions: new SessionStore(storage.db),
      webhooks: new WebhookStore(storage.db),
      trackEvents: new TrackEventStore(storage.db),
      chat: new ChatStore(storage.db),
      streamJobs: new StreamJobStore(storage.db),
      recordingAssets: new RecordingAssetStore(storage.db),
    } satisfies Stores);
    app.addHook('onClose', () => storage.close());
  },
  { name: 'convene-storage' },
);
