// The join request: the app token decides the workspace, room, user and role; the room must be
// enabled, the role must exist in its template and have room under its maxPeerCount. A peer that
// comes back within the grace period with its resume secret gets its place back.
import { randomUUID } from 'node:crypto';
import type { JoinRequest, JoinResponse } from '../../src/protocol/signaling.ts';
import { PROTOCOL_VERSION } from '../../src/protocol/signaling.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { RoomStore } from '../storage/rooms.ts';
import type { TemplateStore } from '../storage/templates.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import { LivePeer, type PeerConnection } from '../rooms/live-peer.ts';
import {
  ConveneError,
  conflict,
  forbidden,
  notFound,
  unauthorized,
} from '../../src/protocol/errors.ts';

export interface JoinDeps {
  tokens: TokenService;
  rooms: RoomStore;
  templates: TemplateStore;
  registry: RoomRegistry;
}

export interface Joined {
  room: LiveRoom;
  peer: LivePeer;
  response: JoinResponse;
}

async function verifyToken(tokens: TokenService, token: string) {
  try {
    return await tokens.verify(token, 'app');
  } catch (error) {
    if (error instanceof ConveneError) throw unauthorized(error.message);
    throw error;
  }
}

export async function joinRoom(
  deps: JoinDeps,
  request: JoinRequest,
  connection: PeerConnection,
): Promise<Joined> {
  const claims = await verifyToken(deps.tokens, request.token);
  const workspaceId = claims.access_key;
  const room = await deps.rooms.get(workspaceId, claims.room_id);
  if (!room) throw notFound(`room ${claims.room_id} does not exist`, 'room_not_found');
  if (!room.enabled) throw forbidden('this room is disabled', 'room_disabled');
  const template = await deps.templates.get(workspaceId, room.template_id);
  const role = template?.roles[claims.role];
  if (!template || !role)
    throw notFound(`the role ${claims.role} no longer exists`, 'role_not_found');

  const live = await deps.registry.open(workspaceId, room, template.roles);
  const previous = request.resume ? live.peers.get(request.resume.peerId) : undefined;
  if (
    previous &&
    request.resume &&
    previous.userId === claims.user_id &&
    previous.matchesSecret(request.resume.secret)
  ) {
    clearTimeout(previous.graceTimer);
    previous.graceTimer = undefined;
    previous.connection?.close(4001, 'replaced by a newer connection');
    previous.connection = connection;
    if (request.name) previous.name = request.name;
    live.resetMedia(previous);
    return { room: live, peer: previous, response: response(live, previous, room, true) };
  }

  if (role.maxPeerCount === -1) throw forbidden(`nobody may join as ${role.name}`);
  if (role.maxPeerCount > 0 && live.countRole(role.name) >= role.maxPeerCount) {
    throw conflict(`the room already has ${role.maxPeerCount} ${role.name} peers`, 'room_full');
  }
  const name = request.name?.trim() || claims.user_id;
  const peer = new LivePeer(randomUUID(), claims.user_id, name, role);
  peer.connection = connection;
  await live.addPeer(peer);
  return { room: live, peer, response: response(live, peer, room, false) };
}

function response(
  live: LiveRoom,
  peer: LivePeer,
  room: { id: string; name: string },
  resumed: boolean,
): JoinResponse {
  return {
    protocolVersion: PROTOCOL_VERSION,
    self: peer.info(),
    resumeSecret: peer.resumeSecret,
    resumed,
    room: { id: room.id, name: room.name },
    sessionId: live.session.id,
    role: peer.role,
    roles: live.roles,
    peers: [...live.peers.values()].filter((other) => other !== peer).map((other) => other.info()),
    activeSpeakerId: live.activeSpeakerId,
    routerRtpCapabilities: live.routerRtpCapabilities,
  };
}
