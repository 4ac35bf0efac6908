// Schema migrations, written once with Kysely's schema builder for both SQLite and PostgreSQL.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

function migrations(dialect: Dialect): Record<string, Migration> {
  // The one difference the two engines force on us: how an auto-increment key is spelled.
  const autoIncrement =
    dialect === 'sqlite' ? sql`integer primary key autoincrement` : sql`serial primary key`;
  return {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('templates')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('name', 'varchar(256)', (c) => c.notNull())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('settings', 'text', (c) => c.notNull())
          .addColumn('destinations', 'text', (c) => c.notNull())
          .addColumn('plugins', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addUniqueConstraint('templates_workspace_name', ['workspace_id', 'name'])
          .execute();
        await db.schema
          .createTable('rooms')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('name', 'varchar(256)', (c) => c.notNull())
          .addColumn('name_key', 'varchar(256)', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('template_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('region', 'varchar(16)', (c) => c.notNull())
          .addColumn('size', 'integer')
          .addColumn('max_duration_seconds', 'integer')
          .addColumn('large_room', 'integer', (c) => c.notNull())
          .addColumn('recording_info', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addUniqueConstraint('rooms_workspace_name', ['workspace_id', 'name_key'])
          .execute();
        await db.schema
          .createIndex('rooms_workspace_id')
          .on('rooms')
          .columns(['workspace_id', 'id'])
          .execute();
        await db.schema
          .createTable('room_codes')
          .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('role', 'varchar(128)', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('room_codes_room')
          .on('room_codes')
          .columns(['room_id'])
          .execute();
        await db.schema
          .createTable('webhook_endpoints')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('source', 'varchar(8)', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('webhook_events')
          .addColumn('seq', autoIncrement)
          .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('type', 'varchar(64)', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('event_seq', 'integer', (c) => c.notNull())
          .addColumn('endpoint_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .addColumn('last_status_code', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('delivered_at', 'varchar(32)')
          .execute();
        await db.schema
          .createIndex('webhook_deliveries_pending')
          .on('webhook_deliveries')
          .columns(['status', 'endpoint_id', 'room_id', 'event_seq'])
          .execute();
      },
    },
    '0002_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('sessions_workspace_room')
          .on('sessions')
          .columns(['workspace_id', 'room_id', 'id'])
          .execute();
        await db.schema
          .createTable('session_peers')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('session_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
          .addColumn('name', 'varchar(256)', (c) => c.notNull())
          .addColumn('role', 'varchar(128)', (c) => c.notNull())
          .addColumn('joined_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('left_at', 'varchar(32)')
          .execute();
        await db.schema
          .createIndex('session_peers_session')
          .on('session_peers')
          .columns(['session_id'])
          .execute();
      },
    },
    '0003_chat': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('chat_messages')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('session_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('thread_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('sender_peer_id', 'varchar(64)')
          .addColumn('sender_user_id', 'varchar(256)')
          .addColumn('sender_name', 'varchar(256)')
          .addColumn('sender_role', 'varchar(128)')
          .addColumn('recipient_peer_id', 'varchar(64)')
          .addColumn('recipient_roles', 'text')
          .addColumn('type', 'varchar(32)', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('chat_messages_session')
          .on('chat_messages')
          .columns(['session_id', 'id'])
          .execute();
        await db.schema
          .createIndex('chat_messages_thread')
          .on('chat_messages')
          .columns(['thread_id', 'id'])
          .execute();
        // One row per role a role message went to, so a peer's history is one indexed query.
        await db.schema
          .createTable('chat_message_roles')
          .addColumn('message_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('role', 'varchar(128)', (c) => c.notNull())
          .addPrimaryKeyConstraint('chat_message_roles_pk', ['message_id', 'role'])
          .execute();
        // Which chat a session carries on: its own, or that of the room's session just before it.
        await db.schema
          .createTable('chat_threads')
          .addColumn('session_id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('thread_id', 'varchar(32)', (c) => c.notNull())
          .execute();
      },
    },
    '0005_track_events': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('track_events')
          .addColumn('seq', autoIncrement)
          .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('session_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('peer_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
          .addColumn('type', 'varchar(64)', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        // Every listing names a room (100ms requires room_id) and pages by seq.
        await db.schema
          .createIndex('track_events_room')
          .on('track_events')
          .columns(['workspace_id', 'room_id', 'seq'])
          .execute();
      },
    },
    '0006_streams': {
      async up(db: Kysely<unknown>) {
        // Live streams, recordings and external streams are one kind of row each (100ms's "beam"
        // objects share their shape); what differs per kind is kept as JSON in `options`.
        await db.schema
          .createTable('stream_jobs')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('kind', 'varchar(16)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('session_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('meeting_url', 'text', (c) => c.notNull())
          .addColumn('started_by', 'varchar(64)', (c) => c.notNull())
          .addColumn('stopped_by', 'varchar(64)', (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('started_at', 'varchar(32)')
          .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
          .addColumn('stopped_at', 'varchar(32)')
          .execute();
        await db.schema
          .createIndex('stream_jobs_workspace_kind')
          .on('stream_jobs')
          .columns(['workspace_id', 'kind', 'id'])
          .execute();
        await db.schema
          .createTable('recording_assets')
          .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('workspace_id', 'varchar(64)', (c) => c.notNull())
          .addColumn('job_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('room_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('session_id', 'varchar(32)', (c) => c.notNull())
          .addColumn('type', 'varchar(32)', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('size', 'bigint', (c) => c.notNull())
          .addColumn('duration', 'integer', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('metadata', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('recording_assets_workspace')
          .on('recording_assets')
          .columns(['workspace_id', 'id'])
          .execute();
      },
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
