// The signaling messages of peer metadata, hands and the session store (100ms's
// `changeMetadata`, prebuilt's `isHandRaised`, and `sessionStore.set/observe`). Spread into
// REQUESTS and NOTIFICATIONS by signaling-schemas.ts. The sizes here are the wire's outer bounds;
// the server's configured limits (smaller by default) are checked by the room.
import { Type, type Static, type TSchema } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Empty = Type.Object({}, { additionalProperties: false });
/** Requests name every field they take: a stray one (a `peerId` on setMetadata) is refused. */
const Strict = { additionalProperties: false } as const;
const request = <D extends TSchema, R extends TSchema>(data: D, result: R) => ({ data, result });

/** A session-store key: any text, as in 100ms; the server bounds its length. */
export const SessionStoreKey = Type.String({ minLength: 1, maxLength: 1024 });

/** One key of the session store as it is now; `value` null when it is unset. */
export const SessionStoreEntry = Type.Object({
  key: Type.String(),
  /** Any JSON value; null when the key is unset. */
  value: Type.Unknown(),
  /** When it was last set; null for a key never set in this session. */
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  /** The peer who set it last; null when never set. */
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

export const META_REQUESTS = {
  /**
   * Replaces the sender's own metadata: an opaque string, as 100ms keeps it (its prebuilt stores
   * JSON such as `{"isHandRaised":true}` in it). Everyone hears of it as `peerUpdated`.
   */
  setMetadata: request(
    Type.Object({ metadata: Type.String({ maxLength: 16_384 }) }, Strict),
    Empty,
  ),
  /**
   * Sets `isHandRaised` to false in a peer's metadata: one's own, or another's for roles with
   * the `changeRole` permission (the roles 100ms's prebuilt shows "lower hand" to).
   */
  lowerHand: request(Type.Object({ peerId: Id }, Strict), Empty),
  /** Sets a session-store key for everyone observing it; a null value unsets it. */
  setSessionStore: request(
    Type.Object({ key: SessionStoreKey, value: Type.Unknown() }, Strict),
    SessionStoreEntry,
  ),
  /** Starts hearing of changes to `keys`; answers with their values now. */
  observeSessionStore: request(
    Type.Object({ keys: Type.Array(SessionStoreKey, { minItems: 1, maxItems: 100 }) }, Strict),
    Type.Object({ entries: Type.Array(SessionStoreEntry) }),
  ),
  unobserveSessionStore: request(
    Type.Object({ keys: Type.Array(SessionStoreKey, { minItems: 1, maxItems: 100 }) }, Strict),
    Empty,
  ),
};

export const META_NOTIFICATIONS = {
  /** A key this peer observes changed (or was unset: value null). */
  sessionStoreUpdated: SessionStoreEntry,
};

export type SessionStoreEntry = Static<typeof SessionStoreEntry>;
