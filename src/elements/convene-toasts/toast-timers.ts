// When each toast leaves: informational ones after a few seconds, paused together while a person
// points at or focuses the toasts (so what they are reading stays), requests when they expire
// (the server's deadline, never paused).
interface Timer {
  remaining: number;
  startedAt: number;
  pausable: boolean;
  handle: ReturnType<typeof setTimeout> | undefined;
}

export class ToastTimers {
  readonly #timers = new Map<string, Timer>();
  readonly #expire: (id: string) => void;
  #paused = false;

  constructor(expire: (id: string) => void) {
    this.#expire = expire;
  }

  /** (Re)starts `id`'s timer: it expires after `ms`, less while not paused if `pausable`. */
  start(id: string, ms: number, { pausable = true } = {}): void {
    this.stop(id);
    const timer: Timer = { remaining: ms, startedAt: 0, pausable, handle: undefined };
    this.#timers.set(id, timer);
    if (!pausable || !this.#paused) this.#run(id, timer);
  }

  stop(id: string): void {
    const timer = this.#timers.get(id);
    if (timer) clearTimeout(timer.handle);
    this.#timers.delete(id);
  }

  /** Holds every pausable timer where it is. */
  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    const now = performance.now();
    for (const timer of this.#timers.values()) {
      if (!timer.pausable || timer.handle === undefined) continue;
      clearTimeout(timer.handle);
      timer.handle = undefined;
      timer.remaining = Math.max(0, timer.remaining - (now - timer.startedAt));
    }
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    for (const [id, timer] of this.#timers) if (timer.handle === undefined) this.#run(id, timer);
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer.handle);
    this.#timers.clear();
    this.#paused = false;
  }

  #run(id: string, timer: Timer): void {
    timer.startedAt = performance.now();
    timer.handle = setTimeout(() => {
      this.#timers.delete(id);
      this.#expire(id);
    }, timer.remaining);
  }
}
