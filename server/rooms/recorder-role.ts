// The recorder: a hidden peer the server lets into a room to compose what a viewer of the meeting
// sees (every publishing role's tiles, the screen share as the stage, the mixed audio) and to
// publish that one picture and sound back for ffmpeg. Nobody sees it in the room: it is not in
// peer lists, never the active speaker, and does not keep the room open. Its role is made here,
// not in the template, and only a recorder the room's pipeline launched may take it.
import type { Role } from '../../src/protocol/roles.ts';
import { NO_PERMISSIONS } from '../../src/protocol/role-defaults.ts';

/** 100ms's name for the role its recorders and HLS composers join with. */
export const RECORDER_ROLE = '__internal_recorder';

/** The composite is one stream, encoded at the size ffmpeg wants. */
export function recorderRole(
  roles: Record<string, Role>,
  size: { width: number; height: number },
): Role {
  const publishing = Object.values(roles)
    .filter((role) => role.publishParams.allowed.length > 0)
    .map((role) => role.name);
  return {
    name: RECORDER_ROLE,
    publishParams: {
      allowed: ['audio', 'video'],
      audio: { bitRate: 96, codec: 'opus' },
      video: { bitRate: 3000, codec: 'vp8', frameRate: 30, ...size },
      screen: { bitRate: 1500, codec: 'vp8', frameRate: 10, width: 1920, height: 1080 },
      // One layer is one encoding: no simulcast for a picture only ffmpeg receives.
      simulcast: {
        video: {
          layers: [{ rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 3000, maxFramerate: 30 }],
        },
        screen: {},
      },
    },
    subscribeParams: { subscribeToRoles: publishing, maxSubsBitRate: 20_000 },
    permissions: { ...NO_PERMISSIONS },
    priority: 0,
    maxPeerCount: 1,
  };
}
