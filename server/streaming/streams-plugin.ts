// The streams plugin: the live stream, recording and external stream lifecycles as `app.streams`,
// over the pipeline provider the caller gives (none: every start answers 404, no session).
import fp from 'fastify-plugin';
import { StreamsService } from './streams-service.ts';
import { DownloadSigner } from './download-signing.ts';
import type { PipelineProvider } from './pipeline-types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    streams: StreamsService;
    /** Signs and checks recording asset download links. */
    downloadSigner: DownloadSigner;
  }
}

const NO_PIPELINES: PipelineProvider = { pipelineFor: async () => undefined };

export const streamsPlugin = fp<{ dataDir: string; pipelines?: PipelineProvider }>(
  async (app, options) => {
    const { storage } = app;
    // A previous process's ffmpeg went with it: its unfinished rows end as failed.
    await storage.streamJobs.failAbandoned('the server restarted while it was going on');
    const streams = new StreamsService({
      db: storage.db,
      jobs: storage.streamJobs,
      assets: storage.recordingAssets,
      rooms: storage.rooms,
      webhooks: app.webhooks,
      pipelines: options.pipelines ?? NO_PIPELINES,
      sessionOf: (roomId) => app.liveRooms.get(roomId)?.session.id,
      dataDir: options.dataDir,
      log: app.log.child({ module: 'streams' }),
    });
    app.decorate('streams', streams);
    app.decorate('downloadSigner', DownloadSigner.load(options.dataDir));
    // Before the rooms close: an output's last rows and webhooks need the room's session.
    app.addHook('preClose', () => streams.close());
  },
  {
    name: 'convene-streams',
    dependencies: ['convene-storage', 'convene-webhooks', 'convene-rooms'],
  },
);
