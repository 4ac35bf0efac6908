// The join request: the app token decides the workspace, room, user and role; the room must be
// enabled, the role must exist in its template and have room under its maxPeerCount. A peer that
// comes back within the grace period with its resume secret gets its place back. The answer
// carries everything the client needs to start media: the router's capabilities and its
// transports.
import type { JoinRequest, JoinResponse } from '../../src/protocol/signaling.ts';
import { PROTOCOL_VERSION } from '../../src/protocol/signaling.ts';
import {
  ConveneError,
  conflict,
  forbidden,
  notFound,
  unauthorized,
} from '../../src/protocol/errors.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Room, RoomStore } from '../storage/rooms.ts';
import type { TemplateStore } from '../storage/templates.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { Entered, LiveRoom } from '../rooms/live-room.ts';
import type { LivePeer, PeerConnection } from '../rooms/live-peer.ts';
import { RECORDER_ROLE, recorderRole } from '../rooms/recorder-role.ts';
import type { Role } from '../../src/protocol/roles.ts';

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
  if (!template) throw notFound(`the role ${claims.role} no longer exists`, 'role_not_found');
  if (claims.role === RECORDER_ROLE) {
    const target = { workspaceId, room, roles: template.roles };
    return joinAsRecorder(deps, target, claims, request, connection);
  }
  // An own property only: a role claim named like an Object member (`toString`, `__proto__`)
  // must find nothing, not the prototype's function.
  const role = Object.hasOwn(template.roles, claims.role) ? template.roles[claims.role] : undefined;
  if (!role) throw notFound(`the role ${claims.role} no longer exists`, 'role_not_found');

  const live = await deps.registry.open(workspaceId, room, template.roles);
  const name = request.name?.trim();
  const resumed = request.resume
    ? await live.resume(request.resume, claims.user_id, connection, name)
    : undefined;
  if (resumed) return joined(live, resumed, room, true, request);

  if (role.maxPeerCount === -1) throw forbidden(`nobody may join as ${role.name}`);
  if (role.maxPeerCount > 0 && live.countRole(role.name) >= role.maxPeerCount) {
    throw conflict(`the room already has ${role.maxPeerCount} ${role.name} peers`, 'room_full');
  }
  const entered = await live.admit(
    { userId: claims.user_id, name: name || claims.user_id, role },
    connection,
  );
  return joined(live, entered, room, false, request);
}

/**
 * The recorder joins only a room that is live and launched it: it never opens a session, and a
 * token that merely names its role is refused like a role that does not exist.
 */
async function joinAsRecorder(
  deps: JoinDeps,
  { workspaceId, room, roles }: { workspaceId: string; room: Room; roles: Record<string, Role> },
  claims: { user_id: string },
  request: JoinRequest,
  connection: PeerConnection,
): Promise<Joined> {
  const found = deps.registry.get(room.id);
  const live = found?.workspaceId === workspaceId ? found : undefined;
  if (live && request.resume) {
    const resumed = await live.resume(request.resume, claims.user_id, connection);
    if (resumed) return joined(live, resumed, room, true, request);
  }
  const size = live?.takeExpectedRecorder(claims.user_id);
  if (!live || !size) throw notFound(`the role ${RECORDER_ROLE} does not exist`, 'role_not_found');
  const role = recorderRole(roles, size);
  const entered = await live.admit({ userId: claims.user_id, name: 'Recorder', role }, connection);
  return joined(live, entered, room, false, request);
}

function joined(
  live: LiveRoom,
  { peer, transports }: Entered,
  room: { id: string; name: string },
  resumed: boolean,
  request: JoinRequest,
): Joined {
  // Capabilities sent with the join: consumers are made now, and arrive after this answer.
  if (request.rtpCapabilities) live.media.setRtpCapabilities(peer, request.rtpCapabilities);
  const response: JoinResponse = {
    protocolVersion: PROTOCOL_VERSION,
    self: peer.info(),
    resumeSecret: peer.resumeSecret,
    resumed,
    room: { id: room.id, name: room.name },
    sessionId: live.session.id,
    role: peer.role,
    roles: live.roles,
    peers: live.othersInfo(peer),
    activeSpeakerId: live.activeSpeakerId,
    routerRtpCapabilities: live.media.routerRtpCapabilities,
    transports,
    streaming: live.streaming,
  };
  return { room: live, peer, response };
}
