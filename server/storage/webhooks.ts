// Durable webhook endpoints and the delivery log. Events themselves are written by the outbox.
import type { Kysely } from 'kysely';
import type { Database, WebhookDeliveryTable, WebhookEndpointTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  source: 'env' | 'api';
  created_at: string;
}

export interface WebhookDelivery {
  id: string;
  event_id: string;
  type: string;
  room_id: string;
  endpoint_id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A delivery that is due, with what is needed to send it. */
export interface DueDelivery {
  id: string;
  event_id: string;
  body: string;
  url: string;
  secret: string;
  /** A tenant's endpoint ('api') is held to public addresses; the operator's ('env') is not. */
  source: WebhookEndpoint['source'];
  attempts: number;
  /** When the delivery was queued (a replay's is later than its event's); its retry window opens then. */
  created_at: string;
}

function presentEndpoint(row: WebhookEndpointTable): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    source: row.source as WebhookEndpoint['source'],
    created_at: row.created_at,
  };
}

type DeliveryRow = WebhookDeliveryTable & { event_id: string; type: string };

function presentDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    event_id: row.event_id,
    type: row.type,
    room_id: row.room_id,
    endpoint_id: row.endpoint_id,
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    next_attempt_at:
      row.status === 'pending' ? new Date(Number(row.next_attempt_at)).toISOString() : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: row.created_at,
    delivered_at: row.delivered_at,
  };
}

export class WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addEndpoint(
    workspaceId: string,
    url: string,
    secret: string,
    source: WebhookEndpoint['source'],
  ): Promise<WebhookEndpoint> {
    const row: WebhookEndpointTable = {
      id: newId(),
      workspace_id: workspaceId,
      url,
      secret,
      source,
      created_at: nowIso(),
    };
    await this.db.insertInto('webhook_endpoints').values(row).execute();
    return presentEndpoint(row);
  }

  async listEndpoints(workspaceId: string, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    let query = this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('workspace_id', '=', workspaceId);
    if (page.start) query = query.where('id', '>', page.start);
    const rows = await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, presentEndpoint);
  }

  /** Removes an endpoint; its pending deliveries end as failed so the log stays complete. */
  async removeEndpoint(workspaceId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('webhook_endpoints')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', last_error: 'endpoint removed' })
        .where('endpoint_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
      return true;
    });
  }

  /** Makes the endpoints configured by environment exactly `urls`, all signed with `secret`. */
  async syncEnvEndpoints(
    workspaceId: string,
    urls: string[],
    secret: string | undefined,
  ): Promise<void> {
    const current = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('source', '=', 'env')
      .execute();
    for (const row of current) {
      if (!urls.includes(row.url)) await this.removeEndpoint(workspaceId, row.id);
      else if (secret && row.secret !== secret) {
        await this.db
          .updateTable('webhook_endpoints')
          .set({ secret })
          .where('id', '=', row.id)
          .execute();
      }
    }
    // A URL listed twice is one endpoint, not two deliveries of every event.
    for (const url of new Set(urls)) {
      if (!current.some((row) => row.url === url))
        await this.addEndpoint(workspaceId, url, secret!, 'env');
    }
  }

  #deliveries() {
    return this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_events', 'webhook_events.seq', 'webhook_deliveries.event_seq')
      .selectAll('webhook_deliveries')
      .select(['webhook_events.id as event_id', 'webhook_events.type as type']);
  }

  async listDeliveries(
    workspaceId: string,
    filter: { status?: string; endpoint_id?: string; event_id?: string },
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    let query = this.#deliveries().where('webhook_deliveries.workspace_id', '=', workspaceId);
    if (filter.status) query = query.where('webhook_deliveries.status', '=', filter.status);
    if (filter.endpoint_id)
      query = query.where('webhook_deliveries.endpoint_id', '=', filter.endpoint_id);
    if (filter.event_id) query = query.where('webhook_events.id', '=', filter.event_id);
    if (page.start) query = query.where('webhook_deliveries.id', '>', page.start);
    const rows = await query
      .orderBy('webhook_deliveries.id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, presentDelivery);
  }

  /**
   * Queues the same event to the same endpoint again, as a new delivery in the log. Refused while
   * the delivery is still pending (it is being sent) and once its endpoint is gone (a new
   * delivery could never be sent and would stay pending forever).
   */
  async replay(
    workspaceId: string,
    deliveryId: string,
  ): Promise<WebhookDelivery | 'not_found' | 'still_pending' | 'endpoint_removed'> {
    const original = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!original) return 'not_found';
    if (original.status === 'pending') return 'still_pending';
    const endpoint = await this.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('id', '=', original.endpoint_id)
      .executeTakeFirst();
    if (!endpoint) return 'endpoint_removed';
    const id = newId();
    await this.db
      .insertInto('webhook_deliveries')
      .values({
        ...original,
        id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: Date.now(),
        last_status_code: null,
        last_error: null,
        created_at: nowIso(),
        delivered_at: null,
      })
      .execute();
    const row = await this.#deliveries()
      .where('webhook_deliveries.id', '=', id)
      .executeTakeFirstOrThrow();
    return presentDelivery(row);
  }

  /**
   * Deliveries whose turn it is: for each (endpoint, room) queue only the oldest pending one, so
   * a room's events arrive in order, and only once its retry time has come.
   */
  async due(now: number, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.seq', 'd.event_seq')
      .innerJoin('webhook_endpoints as p', 'p.id', 'd.endpoint_id')
      .select([
        'd.id',
        'd.attempts',
        'd.created_at',
        'e.id as event_id',
        'e.body',
        'p.url',
        'p.secret',
        'p.source',
      ])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where(({ eb, selectFrom }) =>
        eb(
          'd.event_seq',
          '=',
          selectFrom('webhook_deliveries as q')
            .select(({ fn }) => fn.min('q.event_seq').as('head'))
            .where('q.status', '=', 'pending')
            .whereRef('q.endpoint_id', '=', 'd.endpoint_id')
            .whereRef('q.room_id', '=', 'd.room_id'),
        ),
      )
      .orderBy('d.event_seq')
      .limit(limit)
      .execute();
    // Anything but 'env' is held to the tenant's rules: the policy fails closed.
    return rows.map((row) => ({ ...row, source: row.source === 'env' ? 'env' : 'api' }));
  }

  async markDelivered(id: string, statusCode: number): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: 'delivered',
        attempts: eb('attempts', '+', 1),
        last_status_code: statusCode,
        last_error: null,
        delivered_at: nowIso(),
      }))
      .where('id', '=', id)
      .execute();
  }

  async markAttemptFailed(
    id: string,
    outcome: { statusCode: number | null; error: string; nextAttemptAt: number | null },
  ): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: outcome.nextAttemptAt === null ? 'failed' : 'pending',
        attempts: eb('attempts', '+', 1),
        last_status_code: outcome.statusCode,
        last_error: outcome.error.slice(0, 500),
        next_attempt_at: outcome.nextAttemptAt ?? Date.now(),
      }))
      .where('id', '=', id)
      // Removing its endpoint may have ended the delivery while this attempt was in flight; it
      // must not come back as pending, with no endpoint left to send it.
      .where('status', '=', 'pending')
      .execute();
  }
}
