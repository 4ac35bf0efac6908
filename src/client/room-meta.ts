// What the local peer keeps in the room besides media: its name, its metadata (an opaque string, as in
// 100ms), its hand (`isHandRaised` in that metadata, as 100ms's prebuilt keeps it), and the
// session store (100ms's `sessionStore.set` / `observe`), whose observed values live in the
// store's `sessionStore` map. Observed keys are observed again after every (re)join.
import type { Requests, SessionStoreEntry } from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';
import type { RoomStore } from './room-store.ts';
import type { SessionStoreApi } from './room-state.ts';

type MetaMethod =
  | 'setName'
  | 'setMetadata'
  | 'lowerHand'
  | 'setSessionStore'
  | 'observeSessionStore'
  | 'unobserveSessionStore';

export interface RoomMetaHost {
  store: RoomStore;
  /** Sends a request on the current connection; rejects when there is none. */
  request<M extends MetaMethod>(method: M, data: Requests[M][0]): Promise<Requests[M][1]>;
}

/** Whether a peer's metadata says its hand is raised (a JSON object with isHandRaised true). */
export function handRaisedIn(metadata: string | undefined): boolean {
  return metadataObject(metadata)?.isHandRaised === true;
}

/** The metadata as a JSON object, or undefined when it is empty, not JSON or not an object. */
export function metadataObject(metadata: string | undefined): Record<string, unknown> | undefined {
  if (!metadata) return undefined;
  try {
    const parsed: unknown = JSON.parse(metadata);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export class RoomMeta {
  readonly #host: RoomMetaHost;
  readonly #observed = new Set<string>();
  readonly sessionStore: SessionStoreApi;

  constructor(host: RoomMetaHost) {
    this.#host = host;
    this.sessionStore = {
      set: (key, value) => this.#set(key, value),
      observe: (keys) => this.#observe(typeof keys === 'string' ? [keys] : keys),
      unobserve: (keys) => this.#unobserve(typeof keys === 'string' ? [keys] : keys),
    };
  }

  /** Renames the local peer; everyone, this peer too, hears of it as peerUpdated. */
  async setName(name: string): Promise<void> {
    if (!name.trim()) throw new ConveneError('invalid_request', 'A name cannot be empty.');
    await this.#host.request('setName', { name });
  }

  /** Replaces the local peer's metadata; everyone, this peer too, hears of it as peerUpdated. */
  async setMetadata(metadata: string): Promise<void> {
    await this.#host.request('setMetadata', { metadata });
  }

  /** Sets isHandRaised in the local metadata, keeping its other fields (as 100ms's prebuilt). */
  async raiseHand(): Promise<void> {
    const { state } = this.#host.store;
    const own = state.localPeerId ? state.peers[state.localPeerId]?.metadata : undefined;
    await this.setMetadata(JSON.stringify({ ...metadataObject(own), isHandRaised: true }));
  }

  /** Lowers the local hand, or another peer's (the server allows that to roles with changeRole). */
  async lowerHand(peerId?: string): Promise<void> {
    const target = peerId ?? this.#host.store.state.localPeerId;
    if (!target) throw new ConveneError('invalid_state', 'Join a room before lowering a hand.');
    await this.#host.request('lowerHand', { peerId: target });
  }

  /** After a join or a rejoin: observe the keys again (a fresh place observes nothing). */
  async joined(): Promise<void> {
    if (this.#observed.size === 0) return;
    const { entries } = await this.#host.request('observeSessionStore', {
      keys: [...this.#observed],
    });
    this.#apply(entries);
  }

  /** A value we observe changed. */
  updated(entry: SessionStoreEntry): void {
    if (this.#observed.has(entry.key)) this.#apply([entry]);
  }

  /** Leaving: nothing is observed any more. */
  clear(): void {
    this.#observed.clear();
  }

  async #set(key: string, value: unknown): Promise<void> {
    const entry = await this.#host.request('setSessionStore', { key, value: value ?? null });
    if (this.#observed.has(key)) this.#apply([entry]);
  }

  async #observe(keys: string[]): Promise<void> {
    const { entries } = await this.#host.request('observeSessionStore', { keys });
    for (const key of keys) this.#observed.add(key);
    this.#apply(entries);
  }

  async #unobserve(keys: string[]): Promise<void> {
    for (const key of keys) this.#observed.delete(key);
    this.#host.store.update((state) => {
      const next = new Map(state.sessionStore);
      for (const key of keys) next.delete(key);
      return next.size === state.sessionStore.size ? state : { ...state, sessionStore: next };
    });
    await this.#host.request('unobserveSessionStore', { keys });
  }

  /** Newer entries win: an update may overtake the answer to an observe. */
  #apply(entries: SessionStoreEntry[]): void {
    this.#host.store.update((state) => {
      let next: Map<string, SessionStoreEntry> | undefined;
      for (const entry of entries) {
        const known = (next ?? state.sessionStore).get(entry.key);
        if (known?.updatedAt && entry.updatedAt && known.updatedAt > entry.updatedAt) continue;
        // The same write heard twice (its answer and its broadcast); two writes in one
        // millisecond share a time, so the value tells them apart.
        if (
          known &&
          known.updatedAt === entry.updatedAt &&
          known.updatedBy === entry.updatedBy &&
          JSON.stringify(known.value) === JSON.stringify(entry.value)
        )
          continue;
        next ??= new Map(state.sessionStore);
        next.set(entry.key, entry);
      }
      return next ? { ...state, sessionStore: next } : state;
    });
  }
}
