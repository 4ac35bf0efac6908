// The list query of a room's outputs, live streams, recordings and external streams
// (stream_jobs) and the files recordings leave (recording_assets): 100ms's room_id, session_id
// and status filters, then a cursor page by id.
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

/** What 100ms's list endpoints of streams, recordings and recording assets filter by. */
export interface RoomOutputFilter {
  room_id?: string;
  session_id?: string;
  status?: string;
}

/** The tables whose rows have a room, a session and a status. */
type RoomOutputTable = 'stream_jobs' | 'recording_assets';

/** The page of `query`'s rows (a workspace's, say) that `filter` keeps, after `page.start`. */
export async function listRoomOutputs<Table extends RoomOutputTable, Row, Item>(
  query: SelectQueryBuilder<Database, Table, Row>,
  filter: RoomOutputFilter,
  page: PageRequest,
  present: (row: Row) => Item,
): Promise<Page<Item>> {
  // Kysely cannot name the columns of a generic table; both tables have these.
  let filtered = query as SelectQueryBuilder<Database, RoomOutputTable, Row>;
  if (filter.room_id !== undefined) filtered = filtered.where('room_id', '=', filter.room_id);
  if (filter.session_id !== undefined) {
    filtered = filtered.where('session_id', '=', filter.session_id);
  }
  if (filter.status !== undefined) filtered = filtered.where('status', '=', filter.status);
  if (page.start) filtered = filtered.where('id', '>', page.start);
  const rows = await filtered
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page, present);
}
