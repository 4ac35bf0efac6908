// An end with lock disables the room, as 100ms's end-room with `lock: true` does: its room codes
// give no token and joins are refused until POST /v2/rooms/{id} {"enabled": true}. Written with
// its room.update.success event in one transaction, like any other room update.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { roomFieldsOf, type RoomStore } from '../storage/rooms.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';

export interface RoomLockDeps {
  db: Kysely<Database>;
  rooms: RoomStore;
  webhooks: WebhookDispatcher;
}

export async function lockRoom(
  { db, rooms, webhooks }: RoomLockDeps,
  workspaceId: string,
  roomId: string,
): Promise<void> {
  const locked = await db.transaction().execute(async (trx) => {
    const room = await rooms.get(workspaceId, roomId, trx);
    if (!room || !room.enabled) return false;
    const saved = await rooms.update(
      workspaceId,
      roomId,
      { ...roomFieldsOf(room), enabled: false },
      trx,
    );
    await enqueueWebhookEvent(trx, {
      workspaceId,
      roomId,
      templateId: saved.template_id,
      type: 'room.update.success',
      // The same data as a REST update's event (server/api/rooms.ts).
      data: {
        room_id: saved.id,
        room_name: saved.name,
        template_id: saved.template_id,
        enabled: saved.enabled,
        description: saved.description,
        region: saved.region,
        created_at: saved.created_at,
        updated_at: saved.updated_at,
      },
    });
    return true;
  });
  if (locked) webhooks.wake();
}
