// The streams plugin: the live stream, recording and external stream lifecycles as `app.streams`,
// over the pipeline provider the caller gives (none: every start answers 404, no session).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { StreamingKind, StreamingState } from '../../src/protocol/streaming-schemas.ts';
import type { StreamJob, StreamKind } from '../storage/stream-jobs.ts';
import { hlsPlaybackPath } from './hls-publications.ts';
import { StreamsService } from './streams-service.ts';
import type { PipelineProvider } from './pipeline-types.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import { autoStartRecording } from './auto-start.ts';
import { downloadLink } from '../api/recording-assets.ts';
import type { WebhookLinks } from './stream-webhooks.ts';

/** How long the download link a webhook carries stays valid. */
const WEBHOOK_DOWNLOAD_SECONDS = 24 * 3600;

/** Absolute links for webhook payloads, on the public URL (or the address listened on). */
function webhookLinks(app: FastifyInstance, publicUrl: string | undefined): WebhookLinks {
  const base = () => {
    if (publicUrl) return publicUrl.replace(/\/+$/, '');
    const address = app.server.address() as AddressInfo | null;
    if (!address) return '';
    // Listening on every interface names none: the machine's own name is the best guess.
    const host = ['0.0.0.0', '::'].includes(address.address)
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
    return `http://${host}:${address.port}`;
  };
  return {
    playback: (streamId) => base() + hlsPlaybackPath(app.urlSigner, streamId),
    download: (assetId) =>
      base() +
      downloadLink(
        app.urlSigner,
        assetId,
        Math.floor(Date.now() / 1000) + WEBHOOK_DOWNLOAD_SECONDS,
      ),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    streams: StreamsService;
  }
}

/** A job as the room's peers see it; a finished one is simply stopped. */
function streamingOutput(job: StreamJob): StreamingState['recording'] {
  const status = job.status === 'completed' ? 'stopped' : job.status;
  return {
    status,
    ...(job.startedAt && status === 'running' ? { startedAt: job.startedAt } : {}),
    ...(job.error && status === 'failed' ? { error: job.error } : {}),
  };
}

function announceToRoom(app: FastifyInstance, job: StreamJob): void {
  if (job.kind === 'external_stream') return;
  const room = app.liveRooms.get(job.roomId);
  if (!room || room.workspaceId !== job.workspaceId || room.closed) return;
  const output = streamingOutput(job);
  room.setStreaming(
    job.kind === 'live_stream'
      ? {
          ...room.streaming,
          hls: {
            ...output,
            ...(output.status === 'running' ? { url: hlsPlaybackPath(app.urlSigner, job.id) } : {}),
          },
        }
      : { ...room.streaming, recording: output },
  );
}

/** The recording a room's template starts with its session (destinations, autoStart). */
async function autoStart(
  app: FastifyInstance,
  streams: StreamsService,
  room: LiveRoom,
  templateId: string,
): Promise<void> {
  const template = await app.storage.templates.get(room.workspaceId, templateId);
  const request = template && autoStartRecording(template.destinations);
  if (!request) return;
  await streams.start('recording', { workspaceId: room.workspaceId, roomId: room.id }, request);
}

/** What a peer's Go live and Record start (the signaling kinds) in the REST API's kinds. */
const STREAM_KIND: Record<StreamingKind, StreamKind> = {
  hls: 'live_stream',
  recording: 'recording',
};

const NO_PIPELINES: PipelineProvider = { pipelineFor: async () => undefined };

export const streamsPlugin = fp<{
  dataDir: string;
  pipelines?: PipelineProvider;
  publicUrl?: string;
}>(
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
      announce: (job) => announceToRoom(app, job),
      links: webhookLinks(app, options.publicUrl),
    });
    app.decorate('streams', streams);
    app.liveRooms.streamControl = {
      start: async (room, kind, peer) => {
        const ref = { workspaceId: room.workspaceId, roomId: room.id };
        await streams.startAsPeer(STREAM_KIND[kind], ref, peer);
      },
      stop: async (room, kind, peer) => {
        const ref = { workspaceId: room.workspaceId, roomId: room.id };
        await streams.stopAsPeer(STREAM_KIND[kind], ref, peer);
      },
      // The rooms call it as they close for shutdown: an output's last rows and webhooks need
      // the room's session.
      stopAll: () => streams.close(),
      roomOpened: (room, templateId) => {
        autoStart(app, streams, room, templateId).catch((error: unknown) =>
          app.log.error(
            { err: error, roomId: room.id },
            'could not start the template’s recording',
          ),
        );
      },
    };
  },
  {
    name: 'convene-streams',
    dependencies: ['convene-storage', 'convene-webhooks', 'convene-rooms', 'convene-streaming'],
  },
);
