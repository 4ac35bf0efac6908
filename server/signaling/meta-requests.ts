// Requests about what peers keep in the room besides media: their own metadata (and hands, a
// field in it), and the session store's keys.
import type { RoomRequests } from './room-request.ts';

export const META_REQUESTS: RoomRequests<
  'setMetadata' | 'lowerHand' | 'setSessionStore' | 'observeSessionStore' | 'unobserveSessionStore'
> = {
  setMetadata: {
    fansOut: true,
    handle: async (room, peer, { metadata }) => {
      await room.setMetadata(peer, metadata);
      return {};
    },
  },
  lowerHand: {
    fansOut: true,
    handle: async (room, peer, { peerId }) => {
      await room.lowerHand(peer, peerId);
      return {};
    },
  },
  // 100ms gives no role permission for the session store: every peer may set it, under the
  // fan-out rate like anything that reaches other peers.
  setSessionStore: {
    fansOut: true,
    handle: (room, peer, { key, value }) => room.sessionStore.set(peer, key, value),
  },
  observeSessionStore: {
    fansOut: false,
    handle: (room, peer, { keys }) => ({ entries: room.sessionStore.observe(peer, keys) }),
  },
  unobserveSessionStore: {
    fansOut: false,
    handle: (room, peer, { keys }) => {
      room.sessionStore.unobserve(peer, keys);
      return {};
    },
  },
};
