// Requests about a peer's own place in the room: its name, its liveness, its leaving.
import type { RoomRequests } from './room-request.ts';

export const PEER_REQUESTS: RoomRequests<'setName' | 'ping' | 'leave'> = {
  setName: {
    fansOut: true,
    handle: async (room, peer, { name }) => {
      await room.rename(peer, name);
      return {};
    },
  },
  ping: { fansOut: false, handle: () => ({}) },
  leave: {
    fansOut: false,
    handle: async (room, peer) => {
      await room.removePeer(peer, 'client request');
      return {};
    },
  },
};
