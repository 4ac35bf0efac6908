// A bounded in-memory cache for hot reads (a room read on every API call and every join).
// It is only coherent while this process is the only writer, which holds for the embedded SQLite
// file; with PostgreSQL (several nodes may write) storage passes no cache at all.
export class ReadCache<T> {
  readonly #entries = new Map<string, T>();
  /**
   * Bumped by every invalidation. A reader notes it before querying and stores its result only
   * if it is unchanged, so a read that raced a write never caches the old row.
   */
  #generation = 0;

  constructor(private readonly limit = 10_000) {}

  get(key: string): T | undefined {
    return this.#entries.get(key);
  }

  get generation(): number {
    return this.#generation;
  }

  /** Stores `value` unless something was invalidated since `generation` was read. */
  set(key: string, value: T, generation: number): void {
    if (generation !== this.#generation) return;
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }

  delete(key: string): void {
    this.#generation++;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
