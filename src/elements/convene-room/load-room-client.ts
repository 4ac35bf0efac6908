// Creates the real room client when a <convene-room> first needs one. The dynamic import keeps
// the client and mediasoup-client (about 40 KB gzip) out of a page's first download.
import type { RoomClientApi } from '../../client/room-state.ts';

export async function loadRoomClient(server: string): Promise<RoomClientApi> {
  const { RoomClient } = await import('../../client/room-client.ts');
  return new RoomClient({ server });
}
