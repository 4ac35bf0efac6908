// Every request a joined peer can make, from the module of each concern. Typed as the whole
// protocol, so a method declared in src/protocol/signaling-schemas.ts without a handler here (or
// a handler for no method) fails to compile.
import type { RoomMethod, RoomRequests } from './room-request.ts';
import { MEDIA_REQUESTS } from './media-requests.ts';
import { PEER_REQUESTS } from './peer-requests.ts';
import { META_REQUESTS } from './meta-requests.ts';
import { ROOM_ACTION_REQUESTS } from './room-actions-requests.ts';
import { CHAT_REQUESTS } from './chat-requests.ts';
import { STREAMING_REQUESTS } from './streaming-requests.ts';

export const ROOM_REQUESTS: RoomRequests<RoomMethod> = {
  ...MEDIA_REQUESTS,
  ...PEER_REQUESTS,
  ...META_REQUESTS,
  ...ROOM_ACTION_REQUESTS,
  ...CHAT_REQUESTS,
  ...STREAMING_REQUESTS,
};
