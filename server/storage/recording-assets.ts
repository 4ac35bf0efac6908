// Durable recording assets: the files recordings leave behind (an MP4 per recording), with the
// size, duration and gaps they were found to have when the recording ended.
import type { Kysely, Transaction } from 'kysely';
import type { Database, RecordingAssetTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import type { Page, PageRequest } from './pagination.ts';
import { listRoomOutputs, type RoomOutputFilter } from './room-output-list.ts';

export interface RecordingAsset {
  id: string;
  workspaceId: string;
  jobId: string;
  roomId: string;
  sessionId: string;
  type: 'room-composite' | 'room-vod' | 'chat';
  path: string;
  size: number;
  duration: number;
  status: 'completed' | 'failed';
  metadata: Record<string, unknown>;
  createdAt: string;
}

export type NewRecordingAsset = Omit<RecordingAsset, 'id' | 'createdAt'>;

function present(row: RecordingAssetTable): RecordingAsset {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    jobId: row.job_id,
    roomId: row.room_id,
    sessionId: row.session_id,
    type: row.type as RecordingAsset['type'],
    path: row.path,
    size: Number(row.size),
    duration: row.duration,
    status: row.status as RecordingAsset['status'],
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export class RecordingAssetStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(
    asset: NewRecordingAsset,
    db: Kysely<Database> | Transaction<Database> = this.db,
  ): Promise<RecordingAsset> {
    const row: RecordingAssetTable = {
      id: newId(),
      workspace_id: asset.workspaceId,
      job_id: asset.jobId,
      room_id: asset.roomId,
      session_id: asset.sessionId,
      type: asset.type,
      path: asset.path,
      size: asset.size,
      duration: asset.duration,
      status: asset.status,
      metadata: JSON.stringify(asset.metadata),
      created_at: nowIso(),
    };
    await db.insertInto('recording_assets').values(row).execute();
    return present(row);
  }

  async get(workspaceId: string, id: string): Promise<RecordingAsset | undefined> {
    const row = await this.db
      .selectFrom('recording_assets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && present(row);
  }

  /** Any workspace's asset: for the signed download link, which carries no token. */
  async find(id: string): Promise<RecordingAsset | undefined> {
    const row = await this.db
      .selectFrom('recording_assets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && present(row);
  }

  async ofJob(jobId: string): Promise<RecordingAsset[]> {
    const rows = await this.db
      .selectFrom('recording_assets')
      .selectAll()
      .where('job_id', '=', jobId)
      .orderBy('id')
      .execute();
    return rows.map(present);
  }

  async list(
    workspaceId: string,
    filter: RoomOutputFilter,
    page: PageRequest,
  ): Promise<Page<RecordingAsset>> {
    const query = this.db
      .selectFrom('recording_assets')
      .selectAll()
      .where('workspace_id', '=', workspaceId);
    return listRoomOutputs(query, filter, page, present);
  }
}
