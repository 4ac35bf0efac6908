// Sends outbox deliveries: signed as the Standard Webhooks spec says, in order per room and
// endpoint, retried with exponential backoff (first retry after `firstRetryMs`, doubling up to
// `maxRetryIntervalMs`) until `retryWindowMs` after the delivery was queued, then marked failed.
import { Webhook } from 'standardwebhooks';
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookConfig } from '../config.ts';
import type { DueDelivery, WebhookStore } from '../storage/webhooks.ts';

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

/** `fetch failed` alone says nothing; its cause (`connect ECONNREFUSED ...`) is what helps. */
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

  constructor(
    private readonly store: WebhookStore,
    private readonly config: WebhookConfig,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.#running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#stopping.abort();
    await this.#ticking;
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
    let statusCode: number | null = null;
    let error: string;
    try {
      // One instant for the signature and the header: read twice, they can straddle a second
      // and the receiver would reject the signature.
      const sentAt = new Date();
      const signature = new Webhook(delivery.secret).sign(delivery.event_id, sentAt, delivery.body);
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Convene-Webhooks/1',
          'webhook-id': delivery.event_id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([
          AbortSignal.timeout(this.config.requestTimeoutMs),
          this.#stopping.signal,
        ]),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (response.ok) {
        await this.store.markDelivered(delivery.id, statusCode);
        return;
      }
      error = `endpoint answered ${statusCode}`;
    } catch (cause) {
      error = describe(cause);
    }
    await this.#scheduleRetry(delivery, statusCode, error);
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
