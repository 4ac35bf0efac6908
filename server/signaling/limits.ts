// The counters behind signaling's limits: a token bucket for one socket's message rate, and a
// window of failures per client address (failed joins). Both are plain objects with no timers,
// so they cost nothing when idle; the clock is passed in so tests need not wait for it.

/** Allows `burst` events at once, refilled at `ratePerSecond`. */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token: 0 if allowed, else the milliseconds until one is there again. */
  take(now = Date.now()): number {
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#updatedAt) / 1000) * this.ratePerSecond,
    );
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.#tokens) / this.ratePerSecond) * 1000);
  }
}

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

/** Open sockets per client address, to cap how many one address may hold. */
export class SocketCounter {
  readonly #open = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** Counts a socket in, or answers false when the address holds its maximum already. */
  tryOpen(address: string): boolean {
    const open = this.#open.get(address) ?? 0;
    if (this.maxPerAddress > 0 && open >= this.maxPerAddress) return false;
    this.#open.set(address, open + 1);
    return true;
  }

  closed(address: string): void {
    const open = (this.#open.get(address) ?? 1) - 1;
    if (open <= 0) this.#open.delete(address);
    else this.#open.set(address, open);
  }

  isFull(address: string): boolean {
    return this.maxPerAddress > 0 && (this.#open.get(address) ?? 0) >= this.maxPerAddress;
  }
}
