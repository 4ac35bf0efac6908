// HLS playback: the master playlist, each rendition's joined media playlist, and the segments,
// under a path that carries a grant (`/hls/{stream_id}/{grant}/...`), so the segments a
// playlist names relatively carry it too. Playlists are never cached; segments forever.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { forbidden, notFound } from '../../src/protocol/errors.ts';
import { hlsDir, hlsResource } from '../streaming/hls-publications.ts';
import { masterPlaylist, mediaPlaylist } from '../streaming/hls-playlists.ts';
import type { UrlSigner } from '../auth/url-signer.ts';

const STREAM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const VARIANT = /^\d{1,2}$/;
const SEGMENT = /^r\d{1,4}_(init_\d{1,2}\.mp4|\d{1,9}\.m4s)$/;
const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

/** A path segment `expires.signature` that the server signed for this stream and is still valid. */
function granted(signer: UrlSigner, streamId: string, grant: string): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{1,100})$/.exec(grant);
  return !!match && signer.check(hlsResource(streamId), Number(match[1]), match[2]!) === 'valid';
}

const refuse = () => forbidden('this playback link is not valid or has expired');

function playlist(reply: FastifyReply, text: string | undefined) {
  if (text === undefined) throw notFound('the stream has not started yet', 'stream_not_ready');
  return reply.type(PLAYLIST_TYPE).header('cache-control', 'no-cache').send(text);
}

export async function hlsRoutes(app: FastifyInstance, options: { dataDir: string }) {
  const dirOf = (params: { stream_id: string; grant: string }) => {
    if (!STREAM_ID.test(params.stream_id)) throw refuse();
    if (!granted(app.urlSigner, params.stream_id, params.grant)) throw refuse();
    return hlsDir(options.dataDir, params.stream_id);
  };

  app.get<{ Params: { stream_id: string; grant: string } }>(
    '/hls/:stream_id/:grant/master.m3u8',
    { schema: { hide: true } },
    async (request, reply) => playlist(reply, await masterPlaylist(dirOf(request.params))),
  );

  app.get<{ Params: { stream_id: string; grant: string; variant: string } }>(
    '/hls/:stream_id/:grant/:variant/index.m3u8',
    { schema: { hide: true } },
    async (request, reply) => {
      const dir = dirOf(request.params);
      if (!VARIANT.test(request.params.variant)) throw notFound('no such rendition');
      const state = app.hlsPublications.state(dir);
      return playlist(reply, await mediaPlaylist(path.join(dir, request.params.variant), state));
    },
  );

  app.get<{ Params: { stream_id: string; grant: string; variant: string; file: string } }>(
    '/hls/:stream_id/:grant/:variant/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const dir = dirOf(request.params);
      const { variant, file } = request.params;
      if (!VARIANT.test(variant) || !SEGMENT.test(file)) throw notFound('no such segment');
      const full = path.join(dir, variant, file);
      const stat = await fs.promises.stat(full).catch(() => undefined);
      if (!stat) throw notFound('no such segment');
      return reply
        .type(file.endsWith('.m4s') ? 'video/iso.segment' : 'video/mp4')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-length', stat.size)
        .send(fs.createReadStream(full));
    },
  );
}
