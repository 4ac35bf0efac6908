// Durable sessions: a session opens with a room's first peer and closes with its last; each peer
// is recorded with its join and leave times. Shaped as 100ms's session object.
import type { Kysely, Transaction } from 'kysely';
import type { Database, SessionPeerTable, SessionTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

export interface SessionPeer {
  id: string;
  session_id: string;
  name: string;
  role: string;
  user_id: string;
  joined_at: string;
  left_at?: string;
}

export interface Session {
  id: string;
  room_id: string;
  customer_id: string;
  active: boolean;
  peers: Record<string, SessionPeer>;
  created_at: string;
  updated_at: string;
}

export interface SessionFilter {
  room_id?: string;
  active?: boolean;
  after?: string;
  before?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

function presentPeer(row: SessionPeerTable): SessionPeer {
  const peer: SessionPeer = {
    id: row.id,
    session_id: row.session_id,
    name: row.name,
    role: row.role,
    user_id: row.user_id,
    joined_at: row.joined_at,
  };
  if (row.left_at) peer.left_at = row.left_at;
  return peer;
}

export class SessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async open(db: Db, workspaceId: string, roomId: string): Promise<SessionTable> {
    const now = nowIso();
    const row: SessionTable = {
      id: newId(),
      workspace_id: workspaceId,
      room_id: roomId,
      active: 1,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('sessions').values(row).execute();
    return row;
  }

  async close(db: Db, sessionId: string, at = nowIso()): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ active: 0, updated_at: at })
      .where('id', '=', sessionId)
      .execute();
    await db
      .updateTable('session_peers')
      .set({ left_at: at })
      .where('session_id', '=', sessionId)
      .where('left_at', 'is', null)
      .execute();
  }

  async addPeer(db: Db, peer: Omit<SessionPeerTable, 'left_at'>): Promise<void> {
    await db
      .insertInto('session_peers')
      .values({ ...peer, left_at: null })
      .execute();
    await db
      .updateTable('sessions')
      .set({ updated_at: nowIso() })
      .where('id', '=', peer.session_id)
      .execute();
  }

  /** A peer's new name or role, so the session's record shows who it was at the end. */
  async updatePeer(
    db: Db,
    sessionId: string,
    peerId: string,
    change: { name: string; role: string },
  ): Promise<void> {
    await db
      .updateTable('session_peers')
      .set(change)
      .where('id', '=', peerId)
      .where('session_id', '=', sessionId)
      .execute();
  }

  async removePeer(db: Db, sessionId: string, peerId: string, at: string): Promise<void> {
    await db.updateTable('session_peers').set({ left_at: at }).where('id', '=', peerId).execute();
    await db.updateTable('sessions').set({ updated_at: at }).where('id', '=', sessionId).execute();
  }

  /**
   * Sessions a previous process left open (it stopped or crashed mid-call) end now: their peers
   * are gone with the process.
   */
  async closeAbandoned(): Promise<string[]> {
    const open = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('active', '=', 1)
      .execute();
    for (const { id } of open) await this.close(this.db, id);
    return open.map(({ id }) => id);
  }

  async get(workspaceId: string, id: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return (await this.#withPeers([row]))[0];
  }

  async list(
    workspaceId: string,
    filter: SessionFilter,
    page: PageRequest,
  ): Promise<Page<Session>> {
    let query = this.db.selectFrom('sessions').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.room_id !== undefined) query = query.where('room_id', '=', filter.room_id);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.after !== undefined) query = query.where('created_at', '>=', filter.after);
    if (filter.before !== undefined) query = query.where('created_at', '<=', filter.before);
    if (page.start) query = query.where('id', '>', page.start);
    const rows = await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    const sessions = await this.#withPeers(rows.slice(0, page.limit));
    const byId = new Map(sessions.map((session) => [session.id, session]));
    return toPage(
      rows,
      page,
      (row) => byId.get(row.id)!,
      (row) => row.id,
    );
  }

  async #withPeers(rows: SessionTable[]): Promise<Session[]> {
    if (rows.length === 0) return [];
    const peers = await this.db
      .selectFrom('session_peers')
      .selectAll()
      .where(
        'session_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('joined_at')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      room_id: row.room_id,
      customer_id: row.workspace_id,
      active: row.active === 1,
      peers: Object.fromEntries(
        peers.filter((p) => p.session_id === row.id).map((p) => [p.id, presentPeer(p)]),
      ),
      created_at: row.created_at,
      updated_at: row.updated_at,
    }));
  }
}
