// POST /v2/token: a room code becomes an app token, exactly as 100ms's auth service answers its
// web SDK's getAuthTokenByRoomCode({roomCode, userId}, {endpoint}). That SDK posts
// JSON.stringify({code, user_id}) with no headers, so the body arrives as text/plain; it is public
// (the code is the credential) and rate-limited per client address.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { forbidden, notFound } from '../../src/protocol/errors.ts';
import { roleNamed } from '../../src/protocol/roles.ts';
import { ErrorBody } from './common-schemas.ts';
import { jsonBodyParser } from './json-body.ts';

/** App tokens from room codes live as long as 100ms's do. */
const APP_TOKEN_TTL_SECONDS = 24 * 3600;

export interface TokenRouteOptions {
  /** Exchanges per minute and per client address. */
  publicRateLimitPerMinute: number;
}

async function routes(app: FastifyInstance, options: TokenRouteOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { roomCodes, rooms, templates } = app.storage;
  const { tokens } = app;

  // Only in this plugin's scope: the body is JSON whatever its content type says, since the SDK
  // sends text/plain and curl sends form-urlencoded by default.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, jsonBodyParser());

  api.post(
    '/v2/token',
    {
      config: { rateLimit: { max: options.publicRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a room code for an app token (public, rate-limited)',
        security: [],
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 64 }),
          user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
        }),
        response: { 200: Type.Object({ token: Type.String() }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { code, user_id: userId } = request.body;
      const roomCode = await roomCodes.find(code);
      // A code outlives its workspace's key pair when that is removed from the key file; without
      // the secret no token can be signed, so to the caller the code is gone.
      if (!roomCode || !tokens.hasWorkspace(roomCode.workspace_id)) {
        throw notFound('Room code does not exist', 'code_not_found');
      }
      if (!roomCode.enabled) throw forbidden('this room code is disabled', 'code_disabled');
      const room = await rooms.get(roomCode.workspace_id, roomCode.room_id);
      if (!room) throw notFound('Room code does not exist', 'room_not_found');
      if (!room.enabled) throw forbidden('this room is disabled', 'room_disabled');
      const template = await templates.get(roomCode.workspace_id, room.template_id);
      if (!template || !roleNamed(template.roles, roomCode.role)) {
        throw forbidden(
          `the role ${roomCode.role} of this code no longer exists`,
          'role_not_found',
        );
      }
      const token = await tokens.mint(roomCode.workspace_id, 'app', {
        ttlSeconds: APP_TOKEN_TTL_SECONDS,
        roomId: room.id,
        userId: userId ?? randomUUID(),
        role: roomCode.role,
      });
      return { token };
    },
  );
}

export const tokenRoutes = fp(routes, {
  name: 'convene-token-routes',
  dependencies: ['convene-storage', 'convene-auth'],
  encapsulate: true,
});
