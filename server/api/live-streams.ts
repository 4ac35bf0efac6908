// REST v2 live streams (HLS), in 100ms's shape: the shared start/stop/list routes plus timed
// metadata and pausing the stream's recording.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from './common-schemas.ts';
import { MeetingUrl, present, streamRoutes } from './stream-routes.ts';

async function routes(app: FastifyInstance) {
  streamRoutes(app, 'live_stream', '/v2/live-streams', 'live streams', {
    meeting_url: Type.Optional(MeetingUrl),
    destination: Type.Optional(Type.String({ maxLength: 256 })),
    recording: Type.Optional(
      Type.Object(
        {
          hls_vod: Type.Optional(Type.Boolean()),
          single_file_per_layer: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  });
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/live-streams/:id/timed-metadata',
    {
      schema: {
        tags: ['live streams'],
        summary: 'Send timed metadata to the players of a running live stream',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            payload: Type.String({ minLength: 1, maxLength: 100 }),
            duration: Type.Integer({ minimum: 1, maximum: 3600 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { payload, duration } = request.body;
      const job = await app.streams.addTimedMetadata(
        request.workspaceId,
        request.params.id,
        payload,
        duration,
      );
      return present(app, job);
    },
  );

  for (const [action, paused] of [
    ['pause-recording', true],
    ['resume-recording', false],
  ] as const) {
    api.post(
      `/v2/live-streams/:id/${action}`,
      {
        schema: {
          tags: ['live streams'],
          summary: `${paused ? 'Pause' : 'Resume'} the recording of a running live stream`,
          params: Type.Object({ id: Id }),
        },
      },
      async (request) =>
        present(
          app,
          await app.streams.setRecordingPaused(request.workspaceId, request.params.id, paused),
        ),
    );
  }
}

export const liveStreamRoutes = fp(routes, {
  name: 'convene-live-stream-routes',
  dependencies: ['convene-storage', 'convene-streams'],
  encapsulate: true,
});
