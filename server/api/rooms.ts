// REST v2 rooms: create (an existing name updates that room, as 100ms documents), list with
// filters and cursor pagination, get, update, enable/disable. Each change writes its webhook
// event in the same transaction.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import { newRoomFields, roomFieldsOf, type Room, type RoomFields } from '../storage/rooms.ts';
import { DEFAULT_TEMPLATE_NAME } from '../../src/protocol/role-defaults.ts';
import { conflict, invalid, notFound } from '../../src/protocol/errors.ts';
import { FreeFormObject } from '../../src/protocol/free-form.ts';
import { Id, PageOf, PageQuery, pageRequest, storedTime } from './common-schemas.ts';

const RoomName = Type.String({ pattern: '^[a-zA-Z0-9.:_-]{1,100}$' });
const Region = Type.Union(['in', 'us', 'eu', 'auto'].map((r) => Type.Literal(r)));
const RecordingInfo = Type.Object(
  {
    enabled: Type.Boolean(),
    upload_info: Type.Optional(FreeFormObject()),
  },
  { additionalProperties: false },
);

const RoomObject = Type.Object({
  id: Type.String(),
  name: Type.String(),
  enabled: Type.Boolean(),
  description: Type.String(),
  customer_id: Type.String(),
  app_id: Type.String(),
  recording_info: RecordingInfo,
  template_id: Type.String(),
  template: Type.String(),
  region: Type.String(),
  size: Type.Optional(Type.Integer()),
  max_duration_seconds: Type.Optional(Type.Integer()),
  large_room: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const editable = {
  name: Type.Optional(RoomName),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  template_id: Type.Optional(Id),
  recording_info: Type.Optional(RecordingInfo),
  region: Type.Optional(Region),
  large_room: Type.Optional(Type.Boolean()),
  size: Type.Optional(Type.Integer({ minimum: 0, maximum: 20000 })),
  max_duration_seconds: Type.Optional(Type.Integer({ minimum: 120, maximum: 43200 })),
};

const CreateBody = Type.Object(editable, { additionalProperties: false });
const UpdateBody = Type.Object(
  { ...editable, enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
type RoomChanges = Partial<Omit<RoomFields, 'size' | 'max_duration_seconds'>> & {
  size?: number;
  max_duration_seconds?: number;
};

const ListQuery = Type.Object({
  ...PageQuery,
  name: Type.Optional(Type.String({ maxLength: 100 })),
  enabled: Type.Optional(Type.Boolean({ default: true })),
  template_id: Type.Optional(Id),
  after: Type.Optional(Type.String({ format: 'date-time' })),
  before: Type.Optional(Type.String({ format: 'date-time' })),
});

const RoomParams = Type.Object({ room_id: Id });

const TAGS = ['rooms'];

function webhookData(room: Room): Record<string, unknown> {
  return {
    room_id: room.id,
    room_name: room.name,
    template_id: room.template_id,
    enabled: room.enabled,
    description: room.description,
    region: room.region,
    created_at: room.created_at,
    updated_at: room.updated_at,
  };
}

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, rooms, templates } = app.storage;
  const { webhooks } = app;

  async function resolveTemplateId(
    workspaceId: string,
    templateId: string | undefined,
  ): Promise<string> {
    if (templateId) {
      if (!(await templates.get(workspaceId, templateId))) {
        throw invalid(
          `invalid field template_id: template ${templateId} not found`,
          'invalid_field:template_id',
        );
      }
      return templateId;
    }
    const fallback = await templates.findByName(workspaceId, DEFAULT_TEMPLATE_NAME);
    if (!fallback)
      throw invalid(
        'send a template_id: this workspace has no default template',
        'invalid_field:template_id',
      );
    return fallback.id;
  }

  /** Writes the room and its webhook event in one transaction, then wakes the dispatcher. */
  async function save(
    workspaceId: string,
    existing: Room | undefined,
    fields: RoomFields,
  ): Promise<Room> {
    const room = await db.transaction().execute(async (trx) => {
      const saved = existing
        ? await rooms.update(workspaceId, existing.id, fields, trx)
        : await rooms.insert(workspaceId, fields, trx);
      await enqueueWebhookEvent(trx, {
        workspaceId,
        roomId: saved.id,
        templateId: saved.template_id,
        type: existing ? 'room.update.success' : 'room.create.success',
        data: webhookData(saved),
      });
      return saved;
    });
    webhooks.wake();
    return room;
  }

  function merge(base: RoomFields, changes: RoomChanges): RoomFields {
    return {
      ...base,
      ...changes,
      size: changes.size ?? base.size,
      max_duration_seconds: changes.max_duration_seconds ?? base.max_duration_seconds,
    };
  }

  api.post(
    '/v2/rooms',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a room; a create with an existing name updates that room and returns it',
        body: CreateBody,
        response: { 200: RoomObject },
      },
    },
    async (request) => {
      const workspaceId = request.workspaceId;
      const body = request.body;
      const name = body.name ?? crypto.randomUUID();
      const existing = await rooms.findByName(workspaceId, name);
      const templateId = await resolveTemplateId(
        workspaceId,
        body.template_id ?? existing?.template_id,
      );
      const base = existing ? roomFieldsOf(existing) : newRoomFields(name, templateId);
      try {
        return await save(
          workspaceId,
          existing,
          merge(base, { ...body, name, template_id: templateId }),
        );
      } catch (error) {
        // Two creates with one new name raced; the loser updates the winner's room, as a
        // create with an existing name does.
        const winner = await rooms.findByName(workspaceId, name);
        if (existing || !winner) throw error;
        return save(
          workspaceId,
          winner,
          merge(roomFieldsOf(winner), { ...body, name, template_id: templateId }),
        );
      }
    },
  );

  api.get(
    '/v2/rooms',
    {
      schema: {
        tags: TAGS,
        summary: 'List rooms (enabled ones unless enabled=false), oldest first, by cursor',
        querystring: ListQuery,
        response: { 200: PageOf(RoomObject) },
      },
    },
    async (request) => {
      const { name, enabled, template_id, after, before } = request.query;
      return rooms.list(
        request.workspaceId,
        {
          name,
          enabled: enabled ?? true,
          template_id,
          after: storedTime('after', after),
          before: storedTime('before', before),
        },
        pageRequest(request.query),
      );
    },
  );

  api.get(
    '/v2/rooms/:room_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Get a room',
        params: RoomParams,
        response: { 200: RoomObject },
      },
    },
    async (request) => {
      const room = await rooms.get(request.workspaceId, request.params.room_id);
      if (!room) throw notFound(`room ${request.params.room_id} not found`, 'room_not_found');
      return room;
    },
  );

  api.post(
    '/v2/rooms/:room_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Update a room; {"enabled": false} disables it, {"enabled": true} enables it',
        params: RoomParams,
        body: UpdateBody,
        response: { 200: RoomObject },
      },
    },
    async (request) => {
      const workspaceId = request.workspaceId;
      const room = await rooms.get(workspaceId, request.params.room_id);
      if (!room) throw notFound(`room ${request.params.room_id} not found`, 'room_not_found');
      const body = request.body;
      const nameTaken = async (name: string | undefined) => {
        const holder = name === undefined ? undefined : await rooms.findByName(workspaceId, name);
        return holder !== undefined && holder.id !== room.id;
      };
      const taken = () => conflict(`a room named "${body.name}" already exists`, 'room_name_taken');
      if (await nameTaken(body.name)) throw taken();
      const templateId = body.template_id
        ? await resolveTemplateId(workspaceId, body.template_id)
        : room.template_id;
      try {
        return await save(
          workspaceId,
          room,
          merge(roomFieldsOf(room), { ...body, template_id: templateId }),
        );
      } catch (error) {
        // Another rename took the name between the check above and this write.
        if (await nameTaken(body.name)) throw taken();
        throw error;
      }
    },
  );
}

export const roomRoutes = fp(routes, {
  name: 'convene-room-routes',
  dependencies: ['convene-storage', 'convene-webhooks'],
  encapsulate: true,
});
