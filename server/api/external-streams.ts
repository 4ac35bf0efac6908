// REST v2 external streams (RTMP out to up to three destinations), in 100ms's shape.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { MeetingUrl, ResolutionBody, streamRoutes } from './stream-routes.ts';

async function routes(app: FastifyInstance) {
  streamRoutes(app, 'external_stream', '/v2/external-streams', 'external streams', {
    meeting_url: Type.Optional(MeetingUrl),
    rtmp_urls: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 10 }),
    recording: Type.Optional(Type.Boolean()),
    resolution: Type.Optional(ResolutionBody),
    destination: Type.Optional(Type.String({ maxLength: 256 })),
  });
}

export const externalStreamRoutes = fp(routes, {
  name: 'convene-external-stream-routes',
  dependencies: ['convene-storage', 'convene-streams'],
  encapsulate: true,
});
