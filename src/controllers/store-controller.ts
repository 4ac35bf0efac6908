// Connects an element to one slice of the room store: the element re-renders only when what its
// selector returns changes, and holds a subscription only while it is in the document.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { INITIAL_ROOM_STATE } from '../client/room-state.ts';
import type { RoomState, RoomStoreApi } from '../client/room-state.ts';

export type Selector<T> = (state: RoomState) => T;
export type Equality<T> = (previous: T, next: T) => boolean;

export interface StoreControllerOptions<T> {
  /**
   * The store to read, asked again before every host update so that a store arriving later
   * (through context or a `client` property) or replaced is picked up. Undefined: the slice is
   * read from the initial room state.
   */
  store: () => RoomStoreApi | undefined;
  /** Picks the slice the element renders. Called on every store change: keep it cheap. */
  select: Selector<T>;
  /** When two slices count as the same. Default `Object.is`; `shallowEqual` for derived lists. */
  equals?: Equality<T>;
}

/**
 * Equal when both are the same value, or arrays with the same items, or plain objects with the
 * same keys and values (each compared with `Object.is`). Enough for selectors that build a new
 * array or record from unchanged immutable snapshots.
 */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export class StoreController<T> implements ReactiveController {
  /** The current slice. */
  value: T;

  private readonly host: ReactiveControllerHost;
  private readonly options: StoreControllerOptions<T>;
  private readonly equals: Equality<T>;
  private store: RoomStoreApi | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, options: StoreControllerOptions<T>) {
    this.host = host;
    this.options = options;
    this.equals = options.equals ?? Object.is;
    this.value = options.select(INITIAL_ROOM_STATE);
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind(this.options.store());
  }

  hostUpdate(): void {
    // A host can update while disconnected (a property set on a removed element): subscribing
    // then would leak, so only a connected host follows a store change.
    if (!this.connected) return;
    const store = this.options.store();
    if (store !== this.store) this.bind(store);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
  }

  private bind(store: RoomStoreApi | undefined): void {
    this.unsubscribe?.();
    this.store = store;
    this.unsubscribe = store?.subscribe((state) => this.take(state));
    // The state may have moved on while this host was away or before the store arrived.
    this.take(store?.state ?? INITIAL_ROOM_STATE);
  }

  private take(state: RoomState): void {
    const next = this.options.select(state);
    if (this.equals(this.value, next)) return;
    this.value = next;
    this.host.requestUpdate();
  }
}
