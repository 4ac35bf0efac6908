// The counters behind signaling's own limits: a token bucket for one socket's message rate, and
// the open sockets per client address. (Failed joins per address are counted by the FailureWindow
// of server/auth/failure-window.ts, which management authentication shares.) Both are plain
// objects with no timers, so they cost nothing when idle; the clock is passed in so tests need
// not wait for it.

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
