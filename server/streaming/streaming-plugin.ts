// The streaming plugin: each live room's media pipeline (made on its first output, closed with
// the room), the HLS publications the playback routes read, and the URL grants that sign
// playback and download links. The lifecycles (live streams, recordings, RTMP) use `pipelines`.
import type { AddressInfo } from 'node:net';
import fp from 'fastify-plugin';
import type { StreamingConfig } from '../config.ts';
import { UrlSigner } from '../auth/url-signer.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import { HlsPublications } from './hls-publications.ts';
import type { PipelineProvider } from './pipeline-types.ts';
import { RoomPipeline } from './room-pipeline.ts';

export interface Pipelines extends PipelineProvider {
  /** The pipeline a live room has now, if any (tests use it to crash its parts). */
  existing(roomId: string): RoomPipeline | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    pipelines: Pipelines;
    hlsPublications: HlsPublications;
    /** Signs and checks links: HLS playback, recording downloads. */
    urlSigner: UrlSigner;
  }
}

export const streamingPlugin = fp<{ streaming: StreamingConfig; dataDir: string }>(
  async (app, options) => {
    const hls = new HlsPublications();
    const byRoom = new Map<LiveRoom, RoomPipeline>();
    /** Pipelines of rooms that closed, still finishing their files. */
    const closing = new Set<Promise<void>>();
    const origin = () => {
      const address = app.server.address() as AddressInfo | null;
      if (!address) throw new Error('the server is not listening');
      const host = address.family === 'IPv6' ? '[::1]' : '127.0.0.1';
      return `http://${host}:${address.port}`;
    };
    const size = {
      width: options.streaming.recorderWidth,
      height: options.streaming.recorderHeight,
    };
    const pipelines: Pipelines = {
      async pipelineFor({ workspaceId, roomId }) {
        const room = app.liveRooms.get(roomId);
        if (!room || room.closed || room.workspaceId !== workspaceId) return undefined;
        let pipeline = byRoom.get(room);
        if (!pipeline) {
          pipeline = new RoomPipeline(room, {
            tokens: app.tokens,
            origin,
            size,
            hls,
            log: app.log.child({ module: 'streaming', roomId }),
          });
          byRoom.set(room, pipeline);
          const created = pipeline;
          room.once('close', () => {
            byRoom.delete(room);
            const closed = created
              .close()
              .catch((error: unknown) =>
                app.log.error({ err: error }, 'could not close a pipeline'),
              )
              .finally(() => closing.delete(closed));
            closing.add(closed);
          });
        }
        return pipeline;
      },
      existing(roomId) {
        const room = app.liveRooms.get(roomId);
        return room ? byRoom.get(room) : undefined;
      },
    };
    app.decorate('pipelines', pipelines);
    app.decorate('hlsPublications', hls);
    app.decorate('urlSigner', UrlSigner.load(options.dataDir));
    app.addHook('onClose', async () => hls.updates.close());
    app.addHook('preClose', async () => {
      await Promise.all([...byRoom.values()].map((pipeline) => pipeline.close()));
      await Promise.all(closing);
    });
  },
  { name: 'convene-streaming', dependencies: ['convene-rooms', 'convene-auth'] },
);
