// When to try reconnecting again: exponential backoff with jitter (so a room's peers do not all
// return at the same instant after a server restart), and a deadline after which to give up.

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** Give up once this long has passed since the connection was lost. */
  giveUpAfterMs?: number;
  /** Each delay is spread by up to this fraction either way. */
  jitter?: number;
}

export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #giveUpAfterMs: number;
  readonly #jitter: number;
  readonly #startedAt: number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}, now = Date.now()) {
    this.#initialMs = options.initialMs ?? 250;
    this.#maxMs = options.maxMs ?? 5_000;
    this.#giveUpAfterMs = options.giveUpAfterMs ?? 60_000;
    this.#jitter = options.jitter ?? 0.2;
    this.#startedAt = now;
  }

  /** How many delays have been handed out. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The wait before the next attempt, or undefined when it is time to give up. */
  next(now = Date.now(), random = Math.random): number | undefined {
    const left = this.#startedAt + this.#giveUpAfterMs - now;
    if (left <= 0) return undefined;
    const base = Math.min(this.#initialMs * 2 ** this.#attempt, this.#maxMs);
    const delay = Math.round(base * (1 + this.#jitter * (2 * random() - 1)));
    this.#attempt++;
    // The last attempt is made at the deadline rather than skipped.
    return Math.min(delay, left);
  }
}
