// REST v2 room codes: one code per role of a room, listed, enabled and disabled.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLE_NAME_PATTERN, roleNamed } from '../../src/protocol/roles.ts';
import { forbidden, notFound } from '../../src/protocol/errors.ts';
import { Id, PageOf, PageQuery, pageRequest } from './common-schemas.ts';
import { jsonBodyParser } from './json-body.ts';

const RoomCodeObject = Type.Object({
  code: Type.String(),
  room_id: Type.String(),
  role: Type.String(),
  enabled: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const CODE = Type.String({ pattern: '^[a-z]{3,4}-[a-z]{3,4}-[a-z]{3,4}$' });
const TAGS = ['room codes'];

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rooms, roomCodes, templates } = app.storage;

  // 100ms's docs mark `Content-Type: application/json` as required on every POST, and the two
  // create endpoints take no body, so clients send that header with an empty body: read it as {}.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    jsonBodyParser({ emptyBody: () => ({}) }),
  );

  /** The room and its template's roles; room codes can only be made for an enabled room. */
  async function roomWithRoles(workspaceId: string, roomId: string) {
    const room = await rooms.get(workspaceId, roomId);
    if (!room) throw notFound(`room ${roomId} not found`, 'room_not_found');
    if (!room.enabled) throw forbidden(`room ${roomId} is disabled`, 'room_disabled');
    const template = await templates.get(workspaceId, room.template_id);
    return { room, roles: Object.keys(template?.roles ?? {}) };
  }

  api.post(
    '/v2/room-codes/room/:room_id',
    {
      schema: {
        tags: TAGS,
        summary:
          "Create a code for each of the room's roles that has none; disable codes of deleted roles",
        params: Type.Object({ room_id: Id }),
        response: { 200: Type.Object({ data: Type.Array(RoomCodeObject) }) },
      },
    },
    async (request) => {
      const workspaceId = request.workspaceId;
      const { room, roles } = await roomWithRoles(workspaceId, request.params.room_id);
      const existing = await roomCodes.forRoom(workspaceId, room.id);
      for (const code of existing) {
        if (code.enabled && !roles.includes(code.role))
          await roomCodes.setEnabled(workspaceId, code.code, false);
      }
      for (const role of roles) {
        if (!existing.some((code) => code.role === role))
          await roomCodes.create(workspaceId, room.id, role);
      }
      const codes = await roomCodes.forRoom(workspaceId, room.id);
      return { data: codes.filter((code) => roles.includes(code.role)) };
    },
  );

  api.post(
    '/v2/room-codes/room/:room_id/role/:role',
    {
      schema: {
        tags: TAGS,
        summary: 'Create one more code for one role of the room',
        params: Type.Object({ room_id: Id, role: Type.String({ pattern: ROLE_NAME_PATTERN }) }),
        response: { 200: RoomCodeObject },
      },
    },
    async (request) => {
      const { room, roles } = await roomWithRoles(request.workspaceId, request.params.room_id);
      if (!roles.includes(request.params.role)) {
        throw notFound(
          `role ${request.params.role} not found in the room's template`,
          'role_not_found',
        );
      }
      return roomCodes.create(request.workspaceId, room.id, request.params.role);
    },
  );

  api.get(
    '/v2/room-codes/room/:room_id',
    {
      schema: {
        tags: TAGS,
        summary: "List a room's codes",
        params: Type.Object({ room_id: Id }),
        querystring: Type.Object({
          ...PageQuery,
          role: Type.Optional(Type.String({ pattern: ROLE_NAME_PATTERN })),
          enabled: Type.Optional(Type.Boolean()),
        }),
        response: { 200: PageOf(RoomCodeObject) },
      },
    },
    async (request) => {
      const { room } = await roomWithRoles(request.workspaceId, request.params.room_id);
      const { role, enabled } = request.query;
      return roomCodes.list(
        request.workspaceId,
        room.id,
        { role, enabled },
        pageRequest(request.query),
      );
    },
  );

  api.post(
    '/v2/room-codes/code',
    {
      schema: {
        tags: TAGS,
        summary: 'Enable or disable a code',
        body: Type.Object({ code: CODE, enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: RoomCodeObject },
      },
    },
    async (request) => {
      const workspaceId = request.workspaceId;
      const { code, enabled } = request.body;
      const found = await roomCodes.find(code);
      if (!found || found.workspace_id !== workspaceId)
        throw notFound(`code ${code} not found`, 'code_not_found');
      if (enabled) {
        const room = await rooms.get(workspaceId, found.room_id);
        const template = room && (await templates.get(workspaceId, room.template_id));
        if (!template || !roleNamed(template.roles, found.role)) {
          throw forbidden(
            `code ${code} can not be enabled: its role or room no longer exists`,
            'role_not_found',
          );
        }
      }
      return (await roomCodes.setEnabled(workspaceId, code, enabled))!;
    },
  );
}

export const roomCodeRoutes = fp(routes, {
  name: 'convene-room-code-routes',
  dependencies: ['convene-storage'],
  encapsulate: true,
});
