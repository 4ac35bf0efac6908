// Durable rooms, scoped by workspace. A room's name is unique per workspace regardless of case.
import type { Kysely, Transaction } from 'kysely';
import type { Database, RoomTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';
import type { ReadCache } from './read-cache.ts';

export interface RecordingInfo {
  enabled: boolean;
  upload_info?: Record<string, unknown>;
}

/** A room as the REST API presents it (100ms's room object). */
export interface Room {
  id: string;
  name: string;
  enabled: boolean;
  description: string;
  customer_id: string;
  app_id: string;
  recording_info: RecordingInfo;
  template_id: string;
  template: string;
  region: string;
  size?: number;
  max_duration_seconds?: number;
  large_room: boolean;
  created_at: string;
  updated_at: string;
}

export interface RoomFields {
  name: string;
  description: string;
  template_id: string;
  enabled: boolean;
  region: string;
  size: number | null;
  max_duration_seconds: number | null;
  large_room: boolean;
  recording_info: RecordingInfo;
}

export interface RoomFilter {
  name?: string;
  enabled?: boolean;
  template_id?: string;
  after?: string;
  before?: string;
}

type RoomRow = RoomTable & { template_name: string | null };

function presentRoom(row: RoomRow): Room {
  const room: Room = {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    description: row.description,
    customer_id: row.workspace_id,
    app_id: row.workspace_id,
    recording_info: JSON.parse(row.recording_info) as RecordingInfo,
    template_id: row.template_id,
    template: row.template_name ?? '',
    region: row.region,
    large_room: row.large_room === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (row.size !== null) room.size = row.size;
  if (row.max_duration_seconds !== null) room.max_duration_seconds = row.max_duration_seconds;
  return room;
}

function serialize(fields: RoomFields) {
  return {
    name: fields.name,
    name_key: fields.name.toLowerCase(),
    description: fields.description,
    template_id: fields.template_id,
    enabled: fields.enabled ? 1 : 0,
    region: fields.region,
    size: fields.size,
    max_duration_seconds: fields.max_duration_seconds,
    large_room: fields.large_room ? 1 : 0,
    recording_info: JSON.stringify(fields.recording_info),
  };
}

type Db = Kysely<Database> | Transaction<Database>;

export class RoomStore {
  /** `cache` holds rooms by workspace and id; writes through this store keep it true. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache?: ReadCache<Room>,
  ) {}

  #select(db: Db, workspaceId: string) {
    return db
      .selectFrom('rooms')
      .leftJoin('templates', 'templates.id', 'rooms.template_id')
      .selectAll('rooms')
      .select('templates.name as template_name')
      .where('rooms.workspace_id', '=', workspaceId);
  }

  async get(workspaceId: string, id: string, db: Db = this.db): Promise<Room | undefined> {
    const key = `${workspaceId}/${id}`;
    // Reads inside a transaction may see uncommitted rows, so only committed reads are cached.
    const cacheable = db === this.db && this.cache;
    const cached = cacheable ? cacheable.get(key) : undefined;
    if (cached) return cached;
    const generation = cacheable ? cacheable.generation : 0;
    const row = await this.#select(db, workspaceId).where('rooms.id', '=', id).executeTakeFirst();
    const room = row && presentRoom(row);
    if (room && cacheable) cacheable.set(key, room, generation);
    return room;
  }

  async findByName(workspaceId: string, name: string, db: Db = this.db): Promise<Room | undefined> {
    const row = await this.#select(db, workspaceId)
      .where('rooms.name_key', '=', name.toLowerCase())
      .executeTakeFirst();
    return row && presentRoom(row);
  }

  async list(workspaceId: string, filter: RoomFilter, page: PageRequest): Promise<Page<Room>> {
    let query = this.#select(this.db, workspaceId);
    if (filter.name !== undefined)
      query = query.where('rooms.name_key', '=', filter.name.toLowerCase());
    if (filter.enabled !== undefined)
      query = query.where('rooms.enabled', '=', filter.enabled ? 1 : 0);
    if (filter.template_id !== undefined)
      query = query.where('rooms.template_id', '=', filter.template_id);
    if (filter.after !== undefined) query = query.where('rooms.created_at', '>=', filter.after);
    if (filter.before !== undefined) query = query.where('rooms.created_at', '<=', filter.before);
    if (page.start) query = query.where('rooms.id', '>', page.start);
    const rows = await query
      .orderBy('rooms.id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, presentRoom);
  }

  async insert(workspaceId: string, fields: RoomFields, db: Db = this.db): Promise<Room> {
    const now = nowIso();
    const id = newId();
    await db
      .insertInto('rooms')
      .values({
        id,
        workspace_id: workspaceId,
        ...serialize(fields),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(workspaceId, id, db))!;
  }

  async update(
    workspaceId: string,
    id: string,
    fields: RoomFields,
    db: Db = this.db,
  ): Promise<Room> {
    this.cache?.delete(`${workspaceId}/${id}`);
    await db
      .updateTable('rooms')
      .set({ ...serialize(fields), updated_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    return (await this.get(workspaceId, id, db))!;
  }
}

/** A new room's fields before the caller's own: enabled, no limits, no recording. */
export function newRoomFields(name: string, templateId: string): RoomFields {
  return {
    name,
    description: '',
    template_id: templateId,
    enabled: true,
    region: 'auto',
    size: null,
    max_duration_seconds: null,
    large_room: false,
    recording_info: { enabled: false },
  };
}

export function roomFieldsOf(room: Room): RoomFields {
  return {
    name: room.name,
    description: room.description,
    template_id: room.template_id,
    enabled: room.enabled,
    region: room.region,
    size: room.size ?? null,
    max_duration_seconds: room.max_duration_seconds ?? null,
    large_room: room.large_room,
    recording_info: room.recording_info,
  };
}
