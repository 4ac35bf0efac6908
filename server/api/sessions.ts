// REST v2 sessions and active rooms, in 100ms's shapes: past and present sessions with their
// peers, and who is in a room right now.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../src/protocol/errors.ts';
import { Id, PageOf, PageQuery, pageRequest, storedTime } from './common-schemas.ts';

const SessionPeer = Type.Object({
  id: Type.String(),
  session_id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  user_id: Type.String(),
  joined_at: Type.String(),
  left_at: Type.Optional(Type.String()),
});

const Session = Type.Object({
  id: Type.String(),
  room_id: Type.String(),
  customer_id: Type.String(),
  active: Type.Boolean(),
  peers: Type.Record(Type.String(), SessionPeer),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const ActivePeer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  user_id: Type.String(),
  role: Type.String(),
  joined_at: Type.String(),
  metadata: Type.String(),
});

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rooms, sessions } = app.storage;
  const registry = app.liveRooms;

  api.get(
    '/v2/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'List sessions, oldest first, by cursor',
        querystring: Type.Object({
          ...PageQuery,
          room_id: Type.Optional(Id),
          active: Type.Optional(Type.Boolean()),
          after: Type.Optional(Type.String({ format: 'date-time' })),
          before: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: PageOf(Session) },
      },
    },
    async (request) => {
      const { room_id, active, after, before } = request.query;
      return sessions.list(
        request.workspaceId,
        {
          room_id,
          active,
          after: storedTime('after', after),
          before: storedTime('before', before),
        },
        pageRequest(request.query),
      );
    },
  );

  api.get(
    '/v2/sessions/:session_id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Get a session with its peers',
        params: Type.Object({ session_id: Id }),
        response: { 200: Session },
      },
    },
    async (request) => {
      const session = await sessions.get(request.workspaceId, request.params.session_id);
      if (!session)
        throw notFound(`session ${request.params.session_id} not found`, 'session_not_found');
      return session;
    },
  );

  /** The live room of a room of this workspace, or a 404 when nobody is in it. */
  async function activeRoom(workspaceId: string, roomId: string) {
    const room = await rooms.get(workspaceId, roomId);
    const live = room && registry.get(room.id);
    if (!room || !live || live.closed)
      throw notFound(`room ${roomId} is not active`, 'room_not_active');
    return { room, live };
  }

  api.get(
    '/v2/active-rooms/:room_id',
    {
      schema: {
        tags: ['active rooms'],
        summary: 'The session going on in a room, with the ids of its peers',
        params: Type.Object({ room_id: Id }),
        response: {
          200: Type.Object({
            id: Type.String(),
            name: Type.String(),
            customer_id: Type.String(),
            session: Type.Object({
              id: Type.String(),
              created_at: Type.String(),
              peers: Type.Array(Type.String()),
            }),
          }),
        },
      },
    },
    async (request) => {
      const { room, live } = await activeRoom(request.workspaceId, request.params.room_id);
      return {
        id: room.id,
        name: room.name,
        customer_id: room.customer_id,
        session: {
          id: live.session.id,
          created_at: live.session.startedAt,
          peers: [...live.peers.keys()],
        },
      };
    },
  );

  api.get(
    '/v2/active-rooms/:room_id/peers',
    {
      schema: {
        tags: ['active rooms'],
        summary: 'The peers in a room now; filters user_id, role',
        params: Type.Object({ room_id: Id }),
        querystring: Type.Object({
          user_id: Type.Optional(Type.String({ maxLength: 256 })),
          role: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Type.Object({ peers: Type.Record(Type.String(), ActivePeer) }) },
      },
    },
    async (request) => {
      const { live } = await activeRoom(request.workspaceId, request.params.room_id);
      const { user_id: userId, role } = request.query;
      const matching = [...live.peers.values()].filter(
        (peer) =>
          (userId === undefined || peer.userId === userId) &&
          (role === undefined || peer.role.name === role),
      );
      const peers = Object.fromEntries(
        matching.map((peer) => [
          peer.id,
          {
            id: peer.id,
            name: peer.name,
            user_id: peer.userId,
            role: peer.role.name,
            joined_at: peer.joinedAt,
            metadata: peer.metadata,
          },
        ]),
      );
      return { peers };
    },
  );
}

export const sessionRoutes = fp(routes, {
  name: 'convene-session-routes',
  dependencies: ['convene-storage', 'convene-rooms'],
  encapsulate: true,
});
