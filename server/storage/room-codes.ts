// Durable room codes: short codes that stand for (room, role) and become app tokens at /v2/token.
import type { Kysely } from 'kysely';
import type { Database, RoomCodeTable } from './schema.ts';
import { newRoomCode, nowIso } from './ids.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

export interface RoomCode {
  code: string;
  room_id: string;
  role: string;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

function presentCode(row: RoomCodeTable): RoomCode {
  return {
    code: row.code,
    room_id: row.room_id,
    role: row.role,
    enabled: row.enabled === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export class RoomCodeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(workspaceId: string, roomId: string, role: string): Promise<RoomCode> {
    const now = nowIso();
    const row: RoomCodeTable = {
      code: newRoomCode(),
      workspace_id: workspaceId,
      room_id: roomId,
      role,
      enabled: 1,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('room_codes').values(row).execute();
    return presentCode(row);
  }

  async forRoom(workspaceId: string, roomId: string): Promise<RoomCode[]> {
    const rows = await this.db
      .selectFrom('room_codes')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('room_id', '=', roomId)
      .orderBy('created_at')
      .orderBy('code')
      .execute();
    return rows.map(presentCode);
  }

  async list(
    workspaceId: string,
    roomId: string,
    filter: { role?: string; enabled?: boolean },
    page: PageRequest,
  ): Promise<Page<RoomCode>> {
    let query = this.db
      .selectFrom('room_codes')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('room_id', '=', roomId);
    if (filter.role !== undefined) query = query.where('role', '=', filter.role);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled ? 1 : 0);
    if (page.start) query = query.where('code', '>', page.start);
    const rows = await query
      .orderBy('code')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, presentCode, (row) => row.code);
  }

  /** Looks a code up across workspaces: a room code alone identifies its workspace. */
  async find(code: string): Promise<(RoomCode & { workspace_id: string }) | undefined> {
    const row = await this.db
      .selectFrom('room_codes')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return row && { ...presentCode(row), workspace_id: row.workspace_id };
  }

  async setEnabled(
    workspaceId: string,
    code: string,
    enabled: boolean,
  ): Promise<RoomCode | undefined> {
    const row = await this.db
      .updateTable('room_codes')
      .set({ enabled: enabled ? 1 : 0, updated_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
    return row && presentCode(row);
  }
}
