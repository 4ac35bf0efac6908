// REST v2 recordings (MP4 of the composed room), in 100ms's shape.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { MeetingUrl, ResolutionBody, streamRoutes } from './stream-routes.ts';

async function routes(app: FastifyInstance) {
  streamRoutes(app, 'recording', '/v2/recordings', 'recordings', {
    meeting_url: Type.Optional(MeetingUrl),
    resolution: Type.Optional(ResolutionBody),
    audio_only: Type.Optional(Type.Boolean()),
  });
}

export const recordingRoutes = fp(routes, {
  name: 'convene-recording-routes',
  dependencies: ['convene-storage', 'convene-streams'],
  encapsulate: true,
});
