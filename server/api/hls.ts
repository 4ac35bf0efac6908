// HLS playback: the master playlist, each rendition's joined media playlist, and the segments,
// under a path that carries a grant (`/hls/{stream_id}/{grant}/...`), so the segments a
// playlist names relatively carry it too. Playlists are never cached; segments forever.
// A live media playlist asked for with `_HLS_msn=N` (blocking reload, RFC 8216bis 6.2.5.2) is
// held until segment N is listed, at most three target durations (then 503), so a player hears
// of each segment as it is written rather than on its next poll.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { forbidden, invalid, notFound, unavailable } from '../../src/protocol/errors.ts';
import { hlsDir, hlsResource } from '../streaming/hls-publications.ts';
import { masterPlaylist, mediaPlaylist, type MediaPlaylist } from '../streaming/hls-playlists.ts';
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

/** The blocking-reload directive: the segment a player wants listed, if it asked for one. */
function requestedSegment(query: { _HLS_msn?: string; _HLS_part?: string }): number | undefined {
  const { _HLS_msn: msn, _HLS_part: part } = query;
  if (msn === undefined) {
    if (part !== undefined) throw invalid('_HLS_part needs _HLS_msn', 'invalid_delivery_directive');
    return undefined;
  }
  if (!/^\d{1,9}$/.test(msn)) {
    throw invalid('_HLS_msn must be a media sequence number', 'invalid_delivery_directive');
  }
  // No partial segments here: a part of segment N is there once N is.
  return Number(msn);
}

export async function hlsRoutes(app: FastifyInstance, options: { dataDir: string }) {
  const { updates } = app.hlsPublications;

  /** The playlist once it lists segment `wanted` (or the stream ended), held as the spec says. */
  async function heldPlaylist(
    variantDir: string,
    read: () => Promise<MediaPlaylist | undefined>,
    wanted: number,
    reply: FastifyReply,
  ): Promise<MediaPlaylist | undefined> {
    let current = await read();
    if (!current || current.ended || current.lastSequence >= wanted) return current;
    if (wanted > current.lastSequence + 2) {
      throw invalid(
        `segment ${wanted} is more than two past the newest (${current.lastSequence})`,
        'invalid_delivery_directive',
      );
    }
    const deadline = Date.now() + 3 * current.targetSeconds * 1000;
    // Past the cap, answered as it stands: the player polls on its timer, as without the directive.
    if (!updates.canHold) return current;
    const gone = new AbortController();
    const onClose = () => gone.abort();
    reply.raw.once('close', onClose);
    try {
      while (!current.ended && current.lastSequence < wanted) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw unavailable(`segment ${wanted} is not written yet`, 'segment_not_ready');
        }
        // Nothing to wait on (the folder went, or the player): what there is, now.
        if (!(await updates.nextChange(variantDir, left, gone.signal))) return current;
        current = (await read()) ?? current;
      }
      return current;
    } finally {
      reply.raw.off('close', onClose);
    }
  }

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

  app.get<{
    Params: { stream_id: string; grant: string; variant: string };
    Querystring: { _HLS_msn?: string; _HLS_part?: string };
  }>(
    '/hls/:stream_id/:grant/:variant/index.m3u8',
    { schema: { hide: true } },
    async (request, reply) => {
      const dir = dirOf(request.params);
      if (!VARIANT.test(request.params.variant)) throw notFound('no such rendition');
      const wanted = requestedSegment(request.query);
      const variantDir = path.join(dir, request.params.variant);
      // Read each time: the stream may end while a request is held.
      const read = () => mediaPlaylist(variantDir, app.hlsPublications.state(dir));
      const current =
        wanted === undefined ? await read() : await heldPlaylist(variantDir, read, wanted, reply);
      return playlist(reply, current?.text);
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
