// Go live and Record from inside the room: allowed by the role's `hlsStreaming` and
// `browserRecording` permissions (refused with `forbidden` otherwise, whatever the client shows),
// and done by the same lifecycles as the REST API's, so both see one stream and one recording.
import { unavailable } from '../../src/protocol/errors.ts';
import type { StreamingKind } from '../../src/protocol/streaming-schemas.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import type { LivePeer } from '../rooms/live-peer.ts';
import type { RoomRequests } from './room-request.ts';
import { requirePermission } from './room-actions-requests.ts';

const PERMISSION = { hls: 'hlsStreaming', recording: 'browserRecording' } as const;

function control(room: LiveRoom, peer: LivePeer, kind: StreamingKind) {
  requirePermission(peer, PERMISSION[kind]);
  const streamControl = room.streamControl;
  if (!streamControl) throw unavailable('streaming is not available on this server');
  return streamControl;
}

export const STREAMING_REQUESTS: RoomRequests<'startStreaming' | 'stopStreaming'> = {
  startStreaming: {
    fansOut: true,
    handle: async (room, peer, { kind }) => {
      await control(room, peer, kind).start(room, kind, peer);
      return {};
    },
  },
  stopStreaming: {
    fansOut: true,
    handle: async (room, peer, { kind }) => {
      await control(room, peer, kind).stop(room, kind, peer);
      return {};
    },
  },
};
