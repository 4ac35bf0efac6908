// REST v2 recording assets in 100ms's shape, their presigned URLs, and the signed download
// route those URLs point at (outside the management scope: the link is the credential).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { forbidden, notFound } from '../../src/protocol/errors.ts';
import { assetObject } from '../streaming/stream-objects.ts';
import { Id, PageQuery, pageRequest } from './common-schemas.ts';
import type { UrlSigner } from '../auth/url-signer.ts';

/** A recording asset's download path with its grant, relative to the server's public origin. */
export function downloadLink(signer: UrlSigner, assetId: string, expires: number): string {
  return `/v2/recording-assets/${assetId}/download?expires=${expires}&signature=${signer.sign(assetId, expires)}`;
}

/** 100ms's default presign duration, in seconds, and its longest. */
const DEFAULT_PRESIGN_SECONDS = 3600;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { recordingAssets } = app.storage;

  api.get(
    '/v2/recording-assets',
    {
      schema: {
        tags: ['recording assets'],
        summary: 'List recording assets, oldest first, by cursor',
        querystring: Type.Object({
          ...PageQuery,
          room_id: Type.Optional(Id),
          session_id: Type.Optional(Id),
          status: Type.Optional(Type.Union([Type.Literal('completed'), Type.Literal('failed')])),
        }),
      },
    },
    async (request) => {
      const { room_id, session_id, status } = request.query;
      const page = await recordingAssets.list(
        request.workspaceId,
        { room_id, session_id, status },
        pageRequest(request.query),
      );
      return { ...page, data: page.data.map(assetObject) };
    },
  );

  async function asset(workspaceId: string, id: string) {
    const found = await recordingAssets.get(workspaceId, id);
    if (!found) throw notFound(`recording asset ${id} not found`, 'recording_asset_not_found');
    return found;
  }

  api.get(
    '/v2/recording-assets/:id',
    {
      schema: {
        tags: ['recording assets'],
        summary: 'Get a recording asset',
        params: Type.Object({ id: Id }),
      },
    },
    async (request) => assetObject(await asset(request.workspaceId, request.params.id)),
  );

  api.get(
    '/v2/recording-assets/:id/presigned-url',
    {
      schema: {
        tags: ['recording assets'],
        summary: 'A time-limited download URL for a recording asset',
        params: Type.Object({ id: Id }),
        querystring: Type.Object({
          presign_duration: Type.Optional(
            Type.Integer({ minimum: 1, maximum: MAX_PRESIGN_SECONDS }),
          ),
        }),
      },
    },
    async (request) => {
      const found = await asset(request.workspaceId, request.params.id);
      const seconds = request.query.presign_duration ?? DEFAULT_PRESIGN_SECONDS;
      const expiry = Math.floor(Date.now() / 1000) + seconds;
      return {
        id: found.id,
        path: found.path,
        url: downloadLink(app.urlSigner, found.id, expiry),
        expiry,
      };
    },
  );
}

export const recordingAssetRoutes = fp(routes, {
  name: 'convene-recording-asset-routes',
  dependencies: ['convene-storage', 'convene-streams'],
  encapsulate: true,
});

/** One `bytes=a-b` range of a file of `size` bytes, or undefined when it cannot be served. */
function byteRange(header: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : undefined;
}

async function downloads(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/v2/recording-assets/:id/download',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Id }),
        querystring: Type.Object({
          expires: Type.Integer(),
          signature: Type.String({ maxLength: 128 }),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const verdict = app.urlSigner.check(id, request.query.expires, request.query.signature);
      if (verdict === 'expired')
        throw forbidden(
          'this download link has expired: ask for a new presigned URL',
          'link_expired',
        );
      if (verdict === 'altered')
        throw forbidden(
          'this download link is not valid: its signature does not match',
          'link_invalid',
        );
      const found = await app.storage.recordingAssets.find(id);
      const stat = found && (await fs.promises.stat(found.path).catch(() => undefined));
      if (!found || !stat)
        throw notFound(`the file of recording asset ${id} is gone`, 'recording_asset_not_found');
      // The type the asset was written as (an MP4, audio only, the hls_vod ZIP).
      const mediaType = found.metadata.media_type;
      reply
        .header('content-type', typeof mediaType === 'string' ? mediaType : 'video/mp4')
        .header('accept-ranges', 'bytes');
      const range = request.headers.range ? byteRange(request.headers.range, stat.size) : undefined;
      if (request.headers.range && !range) {
        return reply.status(416).header('content-range', `bytes */${stat.size}`).send();
      }
      if (range) {
        reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
          .header('content-length', range.end - range.start + 1);
        return reply.send(fs.createReadStream(found.path, range));
      }
      reply.header('content-length', stat.size);
      return reply.send(fs.createReadStream(found.path));
    },
  );
}

export const recordingDownloadRoutes = fp(downloads, {
  name: 'convene-recording-download-routes',
  dependencies: ['convene-storage', 'convene-streams'],
  encapsulate: true,
});
