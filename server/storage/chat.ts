// Durable chat: each message of a session, with who sent it and to whom, written before anyone
// hears of it. A session that starts right after the room's previous one ended (the server
// restarted, or everyone dropped at once) carries on its chat, its thread, so the people coming
// back find what was said. Reactions and other light types are never stored here.
import type { Kysely } from 'kysely';
import type { ChatMessage } from '../../src/protocol/signaling.ts';
import type { ChatMessageTable, Database } from './schema.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

/** A message as the REST API shows it, in 100ms's snake_case. */
export interface StoredMessage {
  id: string;
  room_id: string;
  session_id: string;
  sender: { peer_id: string; user_id: string; name: string; role: string } | null;
  recipient_peer_id?: string;
  recipient_roles?: string[];
  type: string;
  message: string;
  created_at: string;
}

/** Who reads a history: only what was sent to the room, to its role, by it, or to it. */
export interface HistoryViewer {
  peerId: string;
  role: string;
}

function recipientRoles(row: ChatMessageTable): string[] | undefined {
  return row.recipient_roles === null ? undefined : (JSON.parse(row.recipient_roles) as string[]);
}

/** A stored row as the signaling protocol carries it. */
export function chatMessageOf(row: ChatMessageTable): ChatMessage {
  const message: ChatMessage = {
    id: row.id,
    sender:
      row.sender_peer_id === null
        ? null
        : {
            peerId: row.sender_peer_id,
            userId: row.sender_user_id ?? '',
            name: row.sender_name ?? '',
            role: row.sender_role ?? '',
          },
    type: row.type,
    message: row.message,
    time: row.created_at,
  };
  const roles = recipientRoles(row);
  if (roles) message.recipientRoles = roles;
  if (row.recipient_peer_id !== null) message.recipientPeer = row.recipient_peer_id;
  return message;
}

function storedMessageOf(row: ChatMessageTable): StoredMessage {
  const message: StoredMessage = {
    id: row.id,
    room_id: row.room_id,
    session_id: row.session_id,
    sender:
      row.sender_peer_id === null
        ? null
        : {
            peer_id: row.sender_peer_id,
            user_id: row.sender_user_id ?? '',
            name: row.sender_name ?? '',
            role: row.sender_role ?? '',
          },
    type: row.type,
    message: row.message,
    created_at: row.created_at,
  };
  const roles = recipientRoles(row);
  if (roles) message.recipient_roles = roles;
  if (row.recipient_peer_id !== null) message.recipient_peer_id = row.recipient_peer_id;
  return message;
}

export class ChatStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records which chat a new session carries on, and answers it: the thread of the room's
   * previous session if that ended at most `carryOverMs` ago, else a thread of its own.
   */
  async openThread(roomId: string, sessionId: string, carryOverMs: number): Promise<string> {
    const previous = await this.db
      .selectFrom('sessions')
      .leftJoin('chat_threads', 'chat_threads.session_id', 'sessions.id')
      .select(['sessions.id', 'sessions.updated_at', 'chat_threads.thread_id'])
      .where('sessions.room_id', '=', roomId)
      .where('sessions.id', '!=', sessionId)
      .where('sessions.active', '=', 0)
      .orderBy('sessions.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const endedAgo = previous ? Date.now() - Date.parse(previous.updated_at) : Infinity;
    const threadId =
      previous && endedAgo <= carryOverMs ? (previous.thread_id ?? previous.id) : sessionId;
    await this.db
      .insertInto('chat_threads')
      .values({ session_id: sessionId, thread_id: threadId })
      .execute();
    return threadId;
  }

  /** Writes one message (and its roles) in one transaction. */
  async insert(row: ChatMessageTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('chat_messages').values(row).execute();
      const roles = recipientRoles(row);
      if (roles?.length) {
        await trx
          .insertInto('chat_message_roles')
          .values(roles.map((role) => ({ message_id: row.id, role })))
          .execute();
      }
    });
  }

  /** A session's messages, oldest first, for the REST API: every one, direct ones too. */
  async listSession(
    workspaceId: string,
    sessionId: string,
    page: PageRequest,
  ): Promise<Page<StoredMessage>> {
    let query = this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('session_id', '=', sessionId);
    if (page.start) query = query.where('id', '>', page.start);
    const rows = await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, storedMessageOf);
  }

  /**
   * The page of a thread's history that `viewer` may see, before `page.start`: newest page
   * first, each page in time order; its `last` leads to the page before.
   */
  async history(
    threadId: string,
    viewer: HistoryViewer,
    page: PageRequest,
  ): Promise<Page<ChatMessage>> {
    let query = this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('thread_id', '=', threadId)
      .where((eb) =>
        eb.or([
          eb.and([eb('recipient_peer_id', 'is', null), eb('recipient_roles', 'is', null)]),
          eb('sender_peer_id', '=', viewer.peerId),
          eb('recipient_peer_id', '=', viewer.peerId),
          eb.exists(
            eb
              .selectFrom('chat_message_roles')
              .select('chat_message_roles.role')
              .whereRef('chat_message_roles.message_id', '=', 'chat_messages.id')
              .where('chat_message_roles.role', '=', viewer.role),
          ),
        ]),
      );
    if (page.start) query = query.where('id', '<', page.start);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const newestFirst = toPage(rows, page, chatMessageOf);
    return { ...newestFirst, data: newestFirst.data.reverse() };
  }
}
