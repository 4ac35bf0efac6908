// Failures per client address in fixed windows, behind the limits on guessing: failed
// management authentications (management-auth.ts) and failed signaling joins. A plain object with
// no timers, so it costs nothing when idle; the clock is passed in so tests need not wait for it.

/**
 * Counts failures per key (a client address) in fixed windows of `windowMs`. Keys past their
 * window are forgotten as new ones arrive, and at most `maxKeys` are kept, so a stranger with
 * many addresses cannot grow it without bound (the oldest windows go first).
 */
export class FailureWindow {
  readonly #windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  record(key: string, now = Date.now()): void {
    const window = this.#current(key, now);
    if (window) {
      window.failures++;
      return;
    }
    this.#forgetExpired(now);
    if (this.#windows.size >= this.maxKeys) {
      this.#windows.delete(this.#windows.keys().next().value!);
    }
    this.#windows.set(key, { startedAt: now, failures: 1 });
  }

  /** 0 while `key` is under its limit, else the milliseconds until its window ends. */
  retryAfterMs(key: string, now = Date.now()): number {
    const window = this.#current(key, now);
    if (!window || window.failures < this.limit) return 0;
    return window.startedAt + this.windowMs - now;
  }

  #current(key: string, now: number) {
    const window = this.#windows.get(key);
    if (window && now - window.startedAt >= this.windowMs) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Windows are kept in the order they started: drop expired ones from the front. */
  #forgetExpired(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt < this.windowMs) return;
      this.#windows.delete(key);
    }
  }
}
