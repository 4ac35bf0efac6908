// Sends outbox deliveries: signed as the Standard Webhooks spec says, in order per room and
// endpoint, retried with exponential backoff (first retry after `firstRetryMs`, doubling up to
// `maxRetryIntervalMs`) until `retryWindowMs` after the delivery was queued, then marked failed.
// A tenant's endpoint reaches public addresses only, unless the operator allows private ones.
import { Webhook } from 'standardwebhooks';
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookConfig } from '../config.ts';
import type { DueDelivery, WebhookStore } from '../storage/webhooks.ts';
import { DeliveryClient, type HostResolver } from './delivery-client.ts';

/** How often the outbox is checked when nothing wakes the dispatcher. */
const POLL_INTERVAL_MS = 1_000;
const BATCH = 50;

export function retryDelay(config: WebhookConfig, attemptsSoFar: number): number {
  return Math.min(
    config.firstRetryMs * 2 ** Math.max(0, attemptsSoFar - 1),
    config.maxRetryIntervalMs,
  );
}

/**
 * When to try a delivery again after its `attemptsSoFar`-th failed attempt at `now`, or null
 * when that would fall outside the retry window that opened when the delivery was queued.
 */
export function nextAttemptAt(
  config: WebhookConfig,
  attemptsSoFar: number,
  queuedAt: number,
  now: number,
): number | null {
  const next = now + retryDelay(config, attemptsSoFar);
  return next <= queuedAt + config.retryWindowMs ? next : null;
}

/**
 * What a tenant's delivery log says whenever no HTTP answer came: refused by policy, no DNS
 * answer, connection refused, unreachable or timed out all read the same, or the log would tell
 * a tenant which ports are open on hosts it cannot reach itself. The server log has the detail.
 */
export const COULD_NOT_CONNECT = 'could not connect to the endpoint';

/** An error and its cause (`The operation was aborted: ... due to timeout`), for the operator. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export class WebhookDispatcher {
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #ticking: Promise<void> | undefined;
  #again = false;
  /** The soonest retry this process scheduled, so a short backoff is not rounded up to a poll. */
  #soonestRetry = Infinity;
  /**
   * Aborts deliveries in flight when the server stops, so a slow endpoint cannot hold a shutdown
   * for its whole timeout; each aborted one stays pending and is sent again by the next run.
   */
  readonly #stopping = new AbortController();

  readonly #client: DeliveryClient;

  constructor(
    private readonly store: WebhookStore,
    private readonly config: WebhookConfig,
    private readonly log: FastifyBaseLogger,
    /** Resolves endpoint host names; the system resolver unless one is given (tests give one). */
    resolveHost?: HostResolver,
  ) {
    this.#client = new DeliveryClient(resolveHost);
  }

  start(): void {
    this.#running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#stopping.abort();
    await this.#ticking;
    this.#client.close();
  }

  /** Called after an event is written, so it goes out now rather than at the next poll. */
  wake(): void {
    if (!this.#running) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = undefined;
      if (!this.#running) return;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else {
        const wait = Math.max(0, Math.min(POLL_INTERVAL_MS, this.#soonestRetry - Date.now()));
        this.#timer = setTimeout(() => this.wake(), wait);
      }
    });
  }

  async #tick(): Promise<void> {
    const now = Date.now();
    // Retries due by now are picked up by this tick; later ones keep the timer short.
    if (this.#soonestRetry <= now) this.#soonestRetry = Infinity;
    let due: DueDelivery[];
    try {
      due = await this.store.due(now, BATCH);
    } catch (error) {
      this.log.error({ err: error }, 'could not read the webhook outbox');
      return;
    }
    // Ticks never overlap, so no delivery is sent twice at once. Heads of different queues go
    // out in parallel; a queue's next event waits for its head to be settled.
    await Promise.all(due.map((delivery) => this.#deliver(delivery)));
    if (due.length > 0) this.#again = true;
  }

  async #deliver(delivery: DueDelivery): Promise<void> {
    let statusCode: number;
    try {
      // One instant for the signature and the header: read twice, they can straddle a second
      // and the receiver would reject the signature.
      const sentAt = new Date();
      const signature = new Webhook(delivery.secret).sign(delivery.event_id, sentAt, delivery.body);
      statusCode = await this.#client.post({
        url: delivery.url,
        publicOnly: delivery.source === 'api' && !this.config.allowPrivate,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Convene-Webhooks/1',
          'webhook-id': delivery.event_id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
        signal: AbortSignal.any([
          AbortSignal.timeout(this.config.requestTimeoutMs),
          this.#stopping.signal,
        ]),
      });
    } catch (cause) {
      this.log.debug(
        { deliveryId: delivery.id, cause: describe(cause) },
        'webhook delivery got no answer',
      );
      // The operator's own endpoints (CONVENE_WEBHOOK_URL) may say why in the log; a tenant's not.
      const error = delivery.source === 'env' ? describe(cause) : COULD_NOT_CONNECT;
      await this.#scheduleRetry(delivery, null, error);
      return;
    }
    if (statusCode < 200 || statusCode >= 300) {
      await this.#scheduleRetry(delivery, statusCode, `endpoint answered ${statusCode}`);
      return;
    }
    try {
      await this.store.markDelivered(delivery.id, statusCode);
    } catch (cause) {
      // It stays pending and goes out again: at least once, as the spec allows.
      this.log.error({ err: cause }, 'could not record a webhook delivery');
    }
  }

  async #scheduleRetry(
    delivery: DueDelivery,
    statusCode: number | null,
    error: string,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    // The window opens when the delivery is queued, so a replay of an old event is retried too.
    const retryAt = nextAttemptAt(
      this.config,
      attempts,
      Date.parse(delivery.created_at),
      Date.now(),
    );
    if (retryAt !== null) this.#soonestRetry = Math.min(this.#soonestRetry, retryAt);
    this.log.warn(
      {
        deliveryId: delivery.id,
        eventId: delivery.event_id,
        attempts,
        statusCode,
        error,
        gaveUp: retryAt === null,
      },
      'webhook delivery failed',
    );
    try {
      await this.store.markAttemptFailed(delivery.id, {
        statusCode,
        error,
        nextAttemptAt: retryAt,
      });
    } catch (cause) {
      this.log.error({ err: cause }, 'could not record a webhook attempt');
    }
  }
}
