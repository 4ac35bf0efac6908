// REST v2 chat: a session's stored messages (ours: 100ms keeps no such list), and 100ms's
// send-message, by which the app's backend says something in a live room. A peer sees such a
// message exactly as one from the server: `sender: null`.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid, notFound } from '../../src/protocol/errors.ts';
import { CHAT_TEXT_MAX_LENGTH } from '../../src/protocol/chat.ts';
import { MessageCursor } from '../../src/protocol/chat-schemas.ts';
import { ErrorBody, Id, PageOf, PageQuery, pageRequest } from './common-schemas.ts';

const StoredMessage = Type.Object({
  id: Type.String(),
  room_id: Type.String(),
  session_id: Type.String(),
  sender: Type.Union([
    Type.Object({
      peer_id: Type.String(),
      user_id: Type.String(),
      name: Type.String(),
      role: Type.String(),
    }),
    Type.Null(),
  ]),
  recipient_peer_id: Type.Optional(Type.String()),
  recipient_roles: Type.Optional(Type.Array(Type.String())),
  type: Type.String(),
  message: Type.String(),
  created_at: Type.String(),
});

const PeerIdField = Type.String({ maxLength: 64 });

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rooms, sessions, chat } = app.storage;
  const registry = app.liveRooms;

  api.get(
    '/v2/sessions/:session_id/messages',
    {
      schema: {
        tags: ['sessions'],
        summary: "A session's chat messages, oldest first, by cursor (reactions are not kept)",
        params: Type.Object({ session_id: Id }),
        querystring: Type.Object({ ...PageQuery, start: Type.Optional(MessageCursor) }),
        response: { 200: PageOf(StoredMessage), 404: ErrorBody },
      },
    },
    async (request) => {
      const { session_id: sessionId } = request.params;
      const session = await sessions.get(request.workspaceId, sessionId);
      if (!session) throw notFound(`session ${sessionId} not found`, 'session_not_found');
      return chat.listSession(request.workspaceId, sessionId, pageRequest(request.query));
    },
  );

  api.post(
    '/v2/active-rooms/:room_id/send-message',
    {
      schema: {
        tags: ['active rooms'],
        summary:
          'Send a message to one peer (peer_id), the peers of a role (role), or everyone in the room',
        params: Type.Object({ room_id: Id }),
        body: Type.Object({
          message: Type.String({ minLength: 1, maxLength: CHAT_TEXT_MAX_LENGTH }),
          peer_id: Type.Optional(PeerIdField),
          /** The spelling of @100mslive/server-sdk's RoomMessageParams. */
          peerId: Type.Optional(PeerIdField),
          role: Type.Optional(Type.String({ maxLength: 128 })),
          type: Type.Optional(Type.String({ pattern: '^([A-Za-z0-9_.:-]{1,32})?$' })),
        }),
        response: {
          200: Type.Object({ message: Type.String() }),
          400: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
        },
      },
    },
    async (request) => {
      const { room_id: roomId } = request.params;
      const { message, peer_id: peerId, peerId: sdkPeerId, role, type } = request.body;
      if (peerId && sdkPeerId && peerId !== sdkPeerId) {
        throw invalid('peer_id and peerId name different peers', 'invalid_field:peer_id');
      }
      const room = await rooms.get(request.workspaceId, roomId);
      const live = room && registry.get(room.id);
      if (!room || !live || live.closed)
        throw notFound(`room ${roomId} is not active`, 'room_not_active');
      // As 100ms documents: a peer_id wins over a role; neither sends to everyone.
      const recipientPeer = peerId || sdkPeerId || undefined;
      await live.chat.send(null, {
        message,
        ...(type ? { type } : {}),
        ...(recipientPeer ? { recipientPeer } : role ? { recipientRoles: [role] } : {}),
      });
      return { message: 'message sent' };
    },
  );
}

export const messageRoutes = fp(routes, {
  name: 'convene-message-routes',
  dependencies: ['convene-storage', 'convene-rooms'],
  encapsulate: true,
});
