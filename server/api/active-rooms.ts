// 100ms's active-room actions on a peer and on the room, with its paths, bodies and answers:
// retrieve and update a peer (name, role), remove peers by id or by role, end the room (with
// lock). A peer sees each exactly as it sees the same action from a host over signaling
// (server/rooms/room-actions.ts and role-change.ts do both). GET /v2/active-rooms/{room_id} and
// .../peers live with the sessions (sessions.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid, notFound } from '../../src/protocol/errors.ts';
import { ROLE_NAME_PATTERN } from '../../src/protocol/roles.ts';
import type { LivePeer } from '../rooms/live-peer.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import { endRoom, peerIn, removePeer } from '../rooms/room-actions.ts';
import { changeRole, roleNamed } from '../rooms/role-change.ts';
import { ErrorBody, Id } from './common-schemas.ts';

const TAGS = ['active rooms'];
const PeerId = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ maxLength: 500 });

/** A published track as 100ms shows it: `regular` for camera and microphone. */
const Track = Type.Object({
  id: Type.String(),
  stream_id: Type.String(),
  mute: Type.Boolean(),
  type: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
  source: Type.Union([Type.Literal('regular'), Type.Literal('screen')]),
  started_at: Type.String(),
  description: Type.String(),
});

const PeerWithTracks = Type.Object({
  id: Type.String(),
  name: Type.String(),
  user_id: Type.String(),
  metadata: Type.String(),
  role: Type.String(),
  joined_at: Type.String(),
  tracks: Type.Record(Type.String(), Track),
});

const Message = Type.Object({ message: Type.String() });
const Errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const RoomParams = Type.Object({ room_id: Id });
const PeerParams = Type.Object({ room_id: Id, peer_id: PeerId });

function peerWithTracks(peer: LivePeer) {
  const tracks = Object.fromEntries(
    [...peer.media.producers.values()].map((producer) => {
      const screen = producer.appData.source.startsWith('screen');
      return [
        producer.id,
        {
          id: producer.id,
          stream_id: `${peer.id}-${screen ? 'screen' : 'regular'}`,
          mute: producer.paused,
          type: producer.kind,
          source: screen ? ('screen' as const) : ('regular' as const),
          started_at: producer.appData.startedAt ?? peer.joinedAt,
          description: '',
        },
      ];
    }),
  );
  return {
    id: peer.id,
    name: peer.name,
    user_id: peer.userId,
    metadata: peer.metadata,
    role: peer.role.name,
    joined_at: peer.joinedAt,
    tracks,
  };
}

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const registry = app.liveRooms;

  /** The live room of this workspace's room `roomId`, or a 404 when nobody is in it. */
  function activeRoom(workspaceId: string, roomId: string): LiveRoom {
    const live = registry.get(roomId);
    if (!live || live.closed || live.workspaceId !== workspaceId) {
      throw notFound(`room ${roomId} is not active`, 'room_not_active');
    }
    return live;
  }

  api.get(
    '/v2/active-rooms/:room_id/peers/:peer_id',
    {
      schema: {
        tags: TAGS,
        summary: 'A peer in an active room, with its tracks',
        params: PeerParams,
        response: { 200: PeerWithTracks, 404: ErrorBody },
      },
    },
    async (request) => {
      const live = activeRoom(request.workspaceId, request.params.room_id);
      return peerWithTracks(peerIn(live, request.params.peer_id));
    },
  );

  api.post(
    '/v2/active-rooms/:room_id/peers/:peer_id',
    {
      schema: {
        tags: TAGS,
        summary:
          "Update a peer: its name, or its role (applied at once, as a host's forced change)",
        params: PeerParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            role: Type.Optional(Type.String({ pattern: ROLE_NAME_PATTERN })),
            metadata: Type.Optional(Type.String({ maxLength: 4096 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PeerWithTracks, ...Errors },
      },
    },
    async (request) => {
      const { name, role: roleName, metadata } = request.body;
      if (name === undefined && roleName === undefined && metadata === undefined) {
        throw invalid('send a name, a role or metadata to change', 'invalid_request');
      }
      const live = activeRoom(request.workspaceId, request.params.room_id);
      const peer = peerIn(live, request.params.peer_id);
      const role = roleName === undefined ? undefined : roleNamed(live, roleName);
      if (roleName !== undefined && !role) {
        throw notFound(`no role ${roleName} in this room's template`, 'role_not_found');
      }
      // Everything that can be refused is checked before anything changes, so a request is
      // never half applied (the role change, which may find the role full, goes first).
      if (metadata !== undefined) live.checkMetadata(metadata);
      if (role) await changeRole(live, peer, role, null);
      if (name !== undefined) await live.rename(peer, name);
      if (metadata !== undefined) await live.setMetadata(peer, metadata);
      return peerWithTracks(peer);
    },
  );

  api.post(
    '/v2/active-rooms/:room_id/remove-peers',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a peer (peer_id), or every peer of a role; peer_id wins if both are sent',
        params: RoomParams,
        body: Type.Object(
          {
            peer_id: Type.Optional(PeerId),
            role: Type.Optional(Type.String({ pattern: ROLE_NAME_PATTERN })),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: { 200: Message, ...Errors },
      },
    },
    async (request) => {
      const { peer_id: peerId, role, reason = '' } = request.body;
      if (peerId === undefined && role === undefined) {
        throw invalid('send the peer_id or the role of the peers to remove', 'invalid_request');
      }
      const live = activeRoom(request.workspaceId, request.params.room_id);
      let peers: LivePeer[];
      if (peerId !== undefined) {
        peers = [peerIn(live, peerId)];
      } else {
        if (!roleNamed(live, role!)) {
          throw notFound(`no role ${role} in this room's template`, 'role_not_found');
        }
        peers = [...live.peers.values()].filter((peer) => peer.role.name === role);
      }
      for (const peer of peers) await removePeer(live, peer, reason);
      return { message: 'peer remove request submitted' };
    },
  );

  api.post(
    '/v2/active-rooms/:room_id/end-room',
    {
      schema: {
        tags: TAGS,
        summary: 'End the session for everyone; with lock, disable the room until it is enabled',
        params: RoomParams,
        body: Type.Object(
          { reason: Type.Optional(Reason), lock: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Message, ...Errors },
      },
      // Both fields are optional, so a POST without a body (curl -X POST) ends the room too.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const live = activeRoom(request.workspaceId, request.params.room_id);
      await endRoom(live, request.body);
      return { message: 'session is ending' };
    },
  );
}

export const activeRoomRoutes = fp(routes, {
  name: 'convene-active-room-routes',
  dependencies: ['convene-rooms'],
  encapsulate: true,
});
