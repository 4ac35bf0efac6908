// The session store of one live room (100ms's `sessionStore`): small JSON values under keys,
// such as a pinned message or a spotlighted peer, that every peer may set and that reach the
// peers observing their key. It lives in memory with the room, so it ends with the session: the
// next session of the room starts empty. Keys come from peers, so they index Maps only.
import { invalid } from '../../src/protocol/errors.ts';
import type { SessionStoreEntry } from '../../src/protocol/room-meta-schemas.ts';
import type { RoomDataLimits } from '../config.ts';
import type { LivePeer } from './live-peer.ts';

interface Stored {
  value: unknown;
  updatedAt: string;
  updatedBy: string;
}

export class RoomSessionStore {
  readonly #limits: RoomDataLimits;
  readonly #values = new Map<string, Stored>();
  /** Key -> the peers observing it. */
  readonly #observers = new Map<string, Set<LivePeer>>();
  /** Peer -> the keys it observes, to bound them and to forget the peer when it leaves. */
  readonly #observed = new Map<LivePeer, Set<string>>();

  constructor(limits: RoomDataLimits) {
    this.#limits = limits;
  }

  /** Sets `key` (null unsets it) and tells its observers; returns the entry as it is now. */
  set(peer: LivePeer, key: string, value: unknown): SessionStoreEntry {
    this.#checkKey(key);
    const json = JSON.stringify(value ?? null);
    const { maxStoreValueBytes, maxStoreKeys } = this.#limits;
    if (Buffer.byteLength(json) > maxStoreValueBytes) {
      throw invalid(
        `a session-store value may hold at most ${maxStoreValueBytes} bytes of JSON`,
        'value_too_large',
      );
    }
    const stored: Stored = {
      // Stored as it parses back, so every observer gets what the JSON said, never a live object.
      value: JSON.parse(json) as unknown,
      updatedAt: new Date().toISOString(),
      updatedBy: peer.id,
    };
    if (stored.value === null) this.#values.delete(key);
    else {
      if (!this.#values.has(key) && this.#values.size >= maxStoreKeys) {
        throw invalid(
          `the session store holds at most ${maxStoreKeys} keys; unset one first`,
          'too_many_keys',
        );
      }
      this.#values.set(key, stored);
    }
    const entry: SessionStoreEntry = { key, ...stored };
    for (const observer of this.#observers.get(key) ?? []) {
      observer.notify('sessionStoreUpdated', entry);
    }
    return entry;
  }

  /** `peer` hears of changes to `keys` from now on; answers with their values now. */
  observe(peer: LivePeer, keys: string[]): SessionStoreEntry[] {
    for (const key of keys) this.#checkKey(key);
    const observed = this.#observed.get(peer) ?? new Set<string>();
    const added = new Set(keys.filter((key) => !observed.has(key)));
    if (observed.size + added.size > this.#limits.maxStoreKeys) {
      throw invalid(
        `a peer may observe at most ${this.#limits.maxStoreKeys} session-store keys`,
        'too_many_keys',
      );
    }
    for (const key of added) {
      observed.add(key);
      let observers = this.#observers.get(key);
      if (!observers) this.#observers.set(key, (observers = new Set()));
      observers.add(peer);
    }
    this.#observed.set(peer, observed);
    return [...new Set(keys)].map((key) => this.#entry(key));
  }

  unobserve(peer: LivePeer, keys: string[]): void {
    const observed = this.#observed.get(peer);
    if (!observed) return;
    for (const key of keys) {
      if (!observed.delete(key)) continue;
      const observers = this.#observers.get(key);
      observers?.delete(peer);
      if (observers?.size === 0) this.#observers.delete(key);
    }
    if (observed.size === 0) this.#observed.delete(peer);
  }

  /** The peer left the room: it observes nothing any more. */
  forget(peer: LivePeer): void {
    const observed = this.#observed.get(peer);
    if (observed) this.unobserve(peer, [...observed]);
  }

  #entry(key: string): SessionStoreEntry {
    const stored = this.#values.get(key);
    return stored ? { key, ...stored } : { key, value: null, updatedAt: null, updatedBy: null };
  }

  #checkKey(key: string): void {
    if (key.length > this.#limits.maxStoreKeyLength) {
      throw invalid(
        `a session-store key may be at most ${this.#limits.maxStoreKeyLength} characters`,
        'key_too_long',
      );
    }
  }
}
