// The durable outbox: an event is written, with one pending delivery per endpoint of its workspace,
// in the same transaction as the change it reports, before anything is acknowledged. The
// dispatcher (dispatcher.ts) sends from here, so nothing is lost to a crash.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { newId, nowIso } from '../storage/ids.ts';

/** 100ms's webhook envelope. */
export interface WebhookEnvelope<Data = Record<string, unknown>> {
  version: '2.0';
  id: string;
  account_id: string;
  app_id: string;
  template_id?: string;
  timestamp: string;
  type: string;
  data: Data;
}

export interface WebhookEventInput {
  workspaceId: string;
  /** Events of one room are delivered in the order they were written. */
  roomId: string | undefined;
  templateId?: string;
  type: string;
  data: Record<string, unknown>;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Writes an event and its deliveries; call inside the transaction of the change it reports. */
export async function enqueueWebhookEvent(
  db: Db,
  input: WebhookEventInput,
): Promise<WebhookEnvelope> {
  const now = new Date();
  const envelope: WebhookEnvelope = {
    version: '2.0',
    id: randomUUID(),
    account_id: input.workspaceId,
    app_id: input.workspaceId,
    ...(input.templateId ? { template_id: input.templateId } : {}),
    // 100ms sends the envelope time at second precision.
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    type: input.type,
    data: input.data,
  };
  const roomId = input.roomId ?? '';
  const event = await db
    .insertInto('webhook_events')
    .values({
      id: envelope.id,
      workspace_id: input.workspaceId,
      room_id: roomId,
      type: input.type,
      body: JSON.stringify(envelope),
      created_at: nowIso(),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('workspace_id', '=', input.workspaceId)
    .execute();
  if (endpoints.length > 0) {
    await db
      .insertInto('webhook_deliveries')
      .values(
        endpoints.map((endpoint) => ({
          id: newId(),
          event_seq: event.seq,
          endpoint_id: endpoint.id,
          workspace_id: input.workspaceId,
          room_id: roomId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now.getTime(),
          last_status_code: null,
          last_error: null,
          created_at: nowIso(),
          delivered_at: null,
        })),
      )
      .execute();
  }
  return envelope;
}
