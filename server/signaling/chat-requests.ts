// Chat requests: a message to the room, to roles or to one peer (the room hears of it, so it
// counts against the fan-out rate), and the pages of history this peer may see. The work is
// the room's chat (room-chat.ts).
import type { RoomRequests } from './room-request.ts';

export const CHAT_REQUESTS: RoomRequests<'sendMessage' | 'messageHistory'> = {
  sendMessage: {
    fansOut: true,
    handle: async (room, peer, data) => ({ message: await room.chat.send(peer, data) }),
  },
  messageHistory: {
    fansOut: false,
    handle: (room, peer, data) => room.chat.history(peer, data),
  },
};
