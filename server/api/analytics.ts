// REST v2 analytics, in 100ms's shape: GET /v2/analytics/events lists a room's track events
// (added, muted or unmuted, removed), oldest first, `{limit, total, next, events}` by cursor.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TRACK_EVENT_TYPES } from '../storage/track-events.ts';
import { Id } from './common-schemas.ts';

const [ADD, UPDATE, REMOVE] = TRACK_EVENT_TYPES;
const TrackEventType = Type.Union([Type.Literal(ADD), Type.Literal(UPDATE), Type.Literal(REMOVE)]);

const TrackEvent = Type.Object({
  version: Type.String(),
  id: Type.String(),
  timestamp: Type.String(),
  type: TrackEventType,
  data: Type.Object({
    room_id: Type.String(),
    session_id: Type.String(),
    room_name: Type.String(),
    peer_id: Type.String(),
    user_id: Type.String(),
    user_name: Type.String(),
    joined_at: Type.String(),
    role: Type.String(),
    track_id: Type.String(),
    stream_id: Type.String(),
    type: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
    source: Type.Union([Type.Literal('regular'), Type.Literal('screen')]),
    mute: Type.Boolean(),
    started_at: Type.String(),
    stopped_at: Type.Optional(Type.String()),
  }),
});

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { trackEvents } = app.storage;

  api.get(
    '/v2/analytics/events',
    {
      schema: {
        tags: ['analytics'],
        summary: "A room's track events, oldest first, by cursor",
        querystring: Type.Object({
          // Repeatable (type=track.add.success&type=track.remove.success), as in 100ms.
          type: Type.Array(TrackEventType, { minItems: 1, maxItems: 3 }),
          room_id: Id,
          session_id: Type.Optional(Id),
          peer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
          start: Type.Optional(
            Type.String({
              pattern: '^[0-9]{1,15}$',
              description: 'the `next` of the previous page',
            }),
          ),
        }),
        response: {
          200: Type.Object({
            limit: Type.Integer(),
            total: Type.Integer(),
            next: Type.String(),
            events: Type.Array(TrackEvent),
          }),
        },
      },
    },
    async (request) => {
      const { type, room_id, session_id, peer_id, user_id, limit, start } = request.query;
      return trackEvents.list(
        request.workspaceId,
        { room_id, types: [...new Set(type)], session_id, peer_id, user_id },
        { limit: limit ?? 10, start: start ? Number(start) : undefined },
      );
    },
  );
}

export const analyticsRoutes = fp(routes, {
  name: 'convene-analytics-routes',
  dependencies: ['convene-storage'],
  encapsulate: true,
});
