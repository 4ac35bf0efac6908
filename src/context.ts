// The @lit/context key through which <convene-room> hands its room client to every element
// inside it. There is no context for the room state: elements read the slices they render from
// the client's store with StoreController, so a change re-renders only those it concerns.
import { ContextRoot, createContext } from '@lit/context';
import type { RoomClientApi } from './client/room-state.ts';

// Keys come from Symbol.for() so that two copies of the kit on one page still find each other's
// providers (a plain Symbol() would be unique to each copy).

/** The room client of the nearest <convene-room>; undefined until the room has one. */
export const roomClientContext = createContext<RoomClientApi | undefined>(
  Symbol.for('convene.room-client'),
);

/**
 * Markup already in the page when the kit's script runs upgrades in definition order, so a
 * <convene-grid> may ask for the room client before its <convene-room> can answer. A ContextRoot
 * on the document keeps such requests and asks again when the provider appears (its
 * `context-provider` event). One per page, even with two copies of the kit; defineElement attaches
 * it, so it is there before any element upgrades (and class modules stay free of side effects).
 */
export function attachContextRoot(): void {
  if (typeof document === 'undefined') return;
  const marker = Symbol.for('convene.context-root');
  const page = document as unknown as Record<symbol, true | undefined>;
  if (page[marker]) return;
  page[marker] = true;
  new ContextRoot().attach(document.documentElement);
}
