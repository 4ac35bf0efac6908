// Durable live streams, recordings and external streams: one row per start, from `starting` to
// `completed` or `failed`, shaped as 100ms's objects by the routes (streaming/stream-objects.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Database, StreamJobTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import type { Page, PageRequest } from './pagination.ts';
import { listRoomOutputs, type RoomOutputFilter } from './room-output-list.ts';

export type StreamKind = 'live_stream' | 'recording' | 'external_stream';
export type StreamStatus = 'starting' | 'running' | 'stopping' | 'completed' | 'failed';

/** Statuses of a job that still holds its room's slot for its kind. */
export const ACTIVE_STATUSES: StreamStatus[] = ['starting', 'running', 'stopping'];

export interface StreamJob {
  id: string;
  workspaceId: string;
  kind: StreamKind;
  roomId: string;
  sessionId: string;
  status: StreamStatus;
  meetingUrl: string;
  startedBy: string;
  stoppedBy: string;
  options: Record<string, unknown>;
  error: string | undefined;
  createdAt: string;
  startedAt: string | undefined;
  updatedAt: string;
  stoppedAt: string | undefined;
}

function present(row: StreamJobTable): StreamJob {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind as StreamKind,
    roomId: row.room_id,
    sessionId: row.session_id,
    status: row.status as StreamStatus,
    meetingUrl: row.meeting_url,
    startedBy: row.started_by,
    stoppedBy: row.stopped_by,
    options: JSON.parse(row.options) as Record<string, unknown>,
    error: row.error ?? undefined,
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    updatedAt: row.updated_at,
    stoppedAt: row.stopped_at ?? undefined,
  };
}

export interface StreamJobChange {
  status?: StreamStatus;
  stoppedBy?: string;
  options?: Record<string, unknown>;
  error?: string;
  startedAt?: string;
  stoppedAt?: string;
}

export class StreamJobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: {
    workspaceId: string;
    kind: StreamKind;
    roomId: string;
    sessionId: string;
    meetingUrl: string;
    startedBy: string;
    options: Record<string, unknown>;
  }): Promise<StreamJob> {
    const now = nowIso();
    const row: StreamJobTable = {
      id: newId(),
      workspace_id: input.workspaceId,
      kind: input.kind,
      room_id: input.roomId,
      session_id: input.sessionId,
      status: 'starting',
      meeting_url: input.meetingUrl,
      started_by: input.startedBy,
      stopped_by: '',
      options: JSON.stringify(input.options),
      error: null,
      created_at: now,
      started_at: null,
      updated_at: now,
      stopped_at: null,
    };
    await this.db.insertInto('stream_jobs').values(row).execute();
    return present(row);
  }

  async update(
    id: string,
    change: StreamJobChange,
    db: Kysely<Database> | Transaction<Database> = this.db,
  ): Promise<StreamJob> {
    await db
      .updateTable('stream_jobs')
      .set({
        updated_at: nowIso(),
        ...(change.status ? { status: change.status } : {}),
        ...(change.stoppedBy !== undefined ? { stopped_by: change.stoppedBy } : {}),
        ...(change.options ? { options: JSON.stringify(change.options) } : {}),
        ...(change.error !== undefined ? { error: change.error } : {}),
        ...(change.startedAt ? { started_at: change.startedAt } : {}),
        ...(change.stoppedAt ? { stopped_at: change.stoppedAt } : {}),
      })
      .where('id', '=', id)
      .execute();
    const row = await db
      .selectFrom('stream_jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return present(row);
  }

  async get(workspaceId: string, kind: StreamKind, id: string): Promise<StreamJob | undefined> {
    const row = await this.db
      .selectFrom('stream_jobs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && present(row);
  }

  /** The room's jobs of `kind` that have not ended. */
  async active(workspaceId: string, kind: StreamKind, roomId: string): Promise<StreamJob[]> {
    const rows = await this.db
      .selectFrom('stream_jobs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .where('room_id', '=', roomId)
      .where('status', 'in', ACTIVE_STATUSES)
      .orderBy('id')
      .execute();
    return rows.map(present);
  }

  /** Jobs a previous process left unfinished: their ffmpeg went with it. */
  async failAbandoned(reason: string): Promise<StreamJob[]> {
    const rows = await this.db
      .selectFrom('stream_jobs')
      .selectAll()
      .where('status', 'in', ACTIVE_STATUSES)
      .execute();
    const failed: StreamJob[] = [];
    for (const row of rows) {
      failed.push(
        await this.update(row.id, { status: 'failed', error: reason, stoppedAt: nowIso() }),
      );
    }
    return failed;
  }

  async list(
    workspaceId: string,
    kind: StreamKind,
    filter: RoomOutputFilter,
    page: PageRequest,
  ): Promise<Page<StreamJob>> {
    const query = this.db
      .selectFrom('stream_jobs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind);
    return listRoomOutputs(query, filter, page, present);
  }
}
