// The @lit/context key through which <convene-room> hands its room client to every element
// inside it. There is no context for the room state: elements read the slices they render from
// the client's store with StoreController, so a change re-renders only those it concerns.
import { createContext } from '@lit/context';
import type { RoomClientApi } from './client/room-state.ts';

// Keys come from Symbol.for() so that two copies of the kit on one page still find each other's
// providers (a plain Symbol() would be unique to each copy).

/** The room client of the nearest <convene-room>; undefined until the room has one. */
export const roomClientContext = createContext<RoomClientApi | undefined>(
  Symbol.for('convene.room-client'),
);
