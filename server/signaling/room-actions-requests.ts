// Requests that act on others in the room, each allowed only by the actor's role permissions from
// the template (mute, unmute, changeRole, removeOthers, endRoom) and refused with `forbidden`
// otherwise, whatever the client shows; and the answer to a request aimed at oneself.
import { forbidden, invalid, notFound } from '../../src/protocol/errors.ts';
import type { Permissions } from '../../src/protocol/roles.ts';
import type { ActionActor, RoomActionMethod } from '../../src/protocol/room-actions-schemas.ts';
import { SOURCE_PERMISSION } from '../../src/protocol/signaling.ts';
import type { LivePeer } from '../rooms/live-peer.ts';
import { answer, ask } from '../rooms/action-requests.ts';
import { endRoom, muteRole, mutePeer, peerIn, removePeer } from '../rooms/room-actions.ts';
import { changeRole, checkRoleHasRoom, roleNamed } from '../rooms/role-change.ts';
import type { RoomRequests } from './room-request.ts';

const WHAT: Record<keyof Permissions, string> = {
  mute: 'mute others',
  unmute: 'ask others to unmute',
  changeRole: "change others' roles",
  removeOthers: 'remove others',
  endRoom: 'end the room',
  sendRoomState: 'send room state',
  pollRead: 'read polls',
  pollWrite: 'write polls',
  hlsStreaming: 'stream HLS',
  browserRecording: 'record',
  rtmpStreaming: 'stream RTMP',
};

export function requirePermission(peer: LivePeer, permission: keyof Permissions): void {
  if (peer.role.permissions[permission]) return;
  throw forbidden(`your role (${peer.role.name}) may not ${WHAT[permission]}`);
}

function actor(peer: LivePeer): ActionActor {
  return { peerId: peer.id, name: peer.name, role: peer.role.name };
}

export const ROOM_ACTION_REQUESTS: RoomRequests<RoomActionMethod> = {
  mutePeer: {
    fansOut: true,
    handle: async (room, peer, { peerId, source }) => {
      requirePermission(peer, 'mute');
      await mutePeer(room, peerIn(room, peerId), source);
      return {};
    },
  },
  muteRole: {
    fansOut: true,
    handle: async (room, peer, { role, source }) => {
      requirePermission(peer, 'mute');
      if (!roleNamed(room, role)) throw notFound(`no role ${role} in this room`, 'role_not_found');
      return { muted: await muteRole(room, role, source) };
    },
  },
  requestUnmute: {
    fansOut: false,
    handle: (room, peer, { peerId, source }) => {
      requirePermission(peer, 'unmute');
      const target = peerIn(room, peerId);
      if (!target.role.publishParams.allowed.includes(SOURCE_PERMISSION[source])) {
        throw invalid(`the role ${target.role.name} may not publish the ${source}`);
      }
      return { requestId: ask(room, actor(peer), target, { kind: 'unmute', source }) };
    },
  },
  changeRole: {
    fansOut: true,
    handle: async (room, peer, { peerId, role: roleName, force }) => {
      requirePermission(peer, 'changeRole');
      const target = peerIn(room, peerId);
      const role = roleNamed(room, roleName);
      if (!role) throw notFound(`no role ${roleName} in this room`, 'role_not_found');
      if (force) {
        await changeRole(room, target, role, actor(peer));
        return {};
      }
      if (target.role.name !== role.name) checkRoleHasRoom(room, role); // Say so now, not later.
      return { requestId: ask(room, actor(peer), target, { kind: 'changeRole', role }) };
    },
  },
  answerRequest: {
    fansOut: false,
    handle: async (room, peer, { requestId, accept }) => {
      await answer(room, peer, requestId, accept);
      return {};
    },
  },
  removePeer: {
    fansOut: true,
    handle: async (room, peer, { peerId, reason }) => {
      requirePermission(peer, 'removeOthers');
      const target = peerIn(room, peerId);
      if (target === peer) throw invalid('to leave the room, send leave');
      await removePeer(room, target, reason ?? '');
      return {};
    },
  },
  endRoom: {
    fansOut: true,
    handle: async (room, peer, { reason, lock }) => {
      requirePermission(peer, 'endRoom');
      await endRoom(room, { reason, lock });
      return {};
    },
  },
};
