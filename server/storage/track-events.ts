// Track events for the analytics API (100ms's GET /v2/analytics/events): one row per track
// added, muted or unmuted, and removed, written by the room in the transaction of its webhook.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export const TRACK_EVENT_TYPES = [
  'track.add.success',
  'track.update.success',
  'track.remove.success',
] as const;
export type TrackEventType = (typeof TRACK_EVENT_TYPES)[number];

/** 100ms's track event object. */
export interface TrackEventData {
  room_id: string;
  session_id: string;
  room_name: string;
  peer_id: string;
  user_id: string;
  user_name: string;
  joined_at: string;
  role: string;
  track_id: string;
  stream_id: string;
  type: 'audio' | 'video';
  /** `regular` for camera and microphone, `screen` for a screen share and its audio. */
  source: 'regular' | 'screen';
  mute: boolean;
  started_at: string;
  /** Only on track.remove.success. */
  stopped_at?: string;
}

/** An event as the analytics API answers it. */
export interface TrackEvent {
  version: '2.0';
  id: string;
  timestamp: string;
  type: TrackEventType;
  data: TrackEventData;
}

export interface TrackEventFilter {
  room_id: string;
  types: TrackEventType[];
  session_id?: string;
  peer_id?: string;
  user_id?: string;
}

/** 100ms's analytics page: `next` is given back as `start`, and is '' on the last page. */
export interface TrackEventPage {
  limit: number;
  total: number;
  next: string;
  events: TrackEvent[];
}

type Db = Kysely<Database> | Transaction<Database>;

export class TrackEventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(
    db: Db,
    workspaceId: string,
    event: TrackEvent & {
      data: { room_id: string; session_id: string; peer_id: string; user_id: string };
    },
  ): Promise<void> {
    await db
      .insertInto('track_events')
      .values({
        id: event.id,
        workspace_id: workspaceId,
        room_id: event.data.room_id,
        session_id: event.data.session_id,
        peer_id: event.data.peer_id,
        user_id: event.data.user_id,
        type: event.type,
        body: JSON.stringify(event),
        created_at: event.timestamp,
      })
      .execute();
  }

  /** Oldest first; `start` is the `next` of the previous page (the last event's sequence). */
  async list(
    workspaceId: string,
    filter: TrackEventFilter,
    page: { limit: number; start: number | undefined },
  ): Promise<TrackEventPage> {
    let query = this.db
      .selectFrom('track_events')
      .where('workspace_id', '=', workspaceId)
      .where('room_id', '=', filter.room_id)
      .where('type', 'in', filter.types);
    if (filter.session_id !== undefined) query = query.where('session_id', '=', filter.session_id);
    if (filter.peer_id !== undefined) query = query.where('peer_id', '=', filter.peer_id);
    if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
    const counted = await query
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('total'))
      .executeTakeFirstOrThrow();
    const paged = page.start === undefined ? query : query.where('seq', '>', page.start);
    const rows = await paged
      .select(['seq', 'body'])
      .orderBy('seq')
      .limit(page.limit + 1)
      .execute();
    const more = rows.length > page.limit;
    const shown = more ? rows.slice(0, page.limit) : rows;
    return {
      limit: shown.length,
      total: Number(counted.total),
      next: more ? String(shown[shown.length - 1]!.seq) : '',
      events: shown.map((row) => JSON.parse(row.body) as TrackEvent),
    };
  }
}
