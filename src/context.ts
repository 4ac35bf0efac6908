// The @lit/context keys through which <convene-room> hands its room client and room state to
// every element inside it.
import { createContext } from '@lit/context';
import type { RoomClientApi, RoomState } from './client/room-state.ts';

// Keys come from Symbol.for() so that two copies of the kit on one page still find each other's
// providers (a plain Symbol() would be unique to each copy).

/** The room client of the nearest <convene-room>; undefined until the room has one. */
export const roomClientContext = createContext<RoomClientApi | undefined>(
  Symbol.for('convene.room-client'),
);

/** The nearest room's current state snapshot: a new object on every change, never mutated. */
export const roomStateContext = createContext<RoomState>(Symbol.for('convene.room-state'));
