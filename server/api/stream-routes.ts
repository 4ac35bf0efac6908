// The routes the three stream kinds share in 100ms's shape: start in a room, stop one, stop a
// room's, list by cursor, get one. live-streams.ts, recordings.ts and external-streams.ts use it.
import { hlsPlaybackPath } from '../streaming/hls-publications.ts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TProperties } from 'typebox';
import { notFound } from '../../src/protocol/errors.ts';
import type { StreamJob, StreamKind } from '../storage/stream-jobs.ts';
import { streamObject } from '../streaming/stream-objects.ts';
import type { StartRequest } from '../streaming/streams-service.ts';
import { Id, PageQuery, pageRequest } from './common-schemas.ts';

export const ResolutionBody = Type.Object(
  { width: Type.Integer(), height: Type.Integer() },
  { additionalProperties: false },
);

export const MeetingUrl = Type.String({ maxLength: 2048 });

const StatusFilter = Type.Union(
  ['starting', 'running', 'stopping', 'completed', 'failed'].map((s) => Type.Literal(s)),
);

/** The stream as 100ms answers it, with its recording assets. */
export async function present(app: FastifyInstance, job: StreamJob) {
  const links = { playback: (id: string) => hlsPlaybackPath(app.urlSigner, id) };
  return streamObject(job, links, await app.storage.recordingAssets.ofJob(job.id));
}

export function streamRoutes(
  app: FastifyInstance,
  kind: StreamKind,
  base: string,
  tag: string,
  startBody: TProperties,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { streams } = app;

  api.post(
    `${base}/room/:room_id/start`,
    {
      schema: {
        tags: [tag],
        summary: `Start a ${tag.replace(/s$/, '')} in a room's session`,
        params: Type.Object({ room_id: Id }),
        body: Type.Object(startBody, { additionalProperties: false }),
      },
    },
    async (request) => {
      const job = await streams.start(
        kind,
        { workspaceId: request.workspaceId, roomId: request.params.room_id },
        request.body as StartRequest,
      );
      return present(app, job);
    },
  );

  api.post(
    `${base}/:id/stop`,
    { schema: { tags: [tag], summary: 'Stop one by id', params: Type.Object({ id: Id }) } },
    async (request) =>
      present(app, await streams.stop(kind, request.workspaceId, request.params.id)),
  );

  api.post(
    `${base}/room/:room_id/stop`,
    {
      schema: {
        tags: [tag],
        summary: "Stop all of a room's",
        params: Type.Object({ room_id: Id }),
      },
    },
    async (request) => {
      const stopped = await streams.stopAll(kind, {
        workspaceId: request.workspaceId,
        roomId: request.params.room_id,
      });
      return { data: await Promise.all(stopped.map((job) => present(app, job))) };
    },
  );

  api.get(
    base,
    {
      schema: {
        tags: [tag],
        summary: 'List, oldest first, by cursor; filters room_id, session_id, status',
        querystring: Type.Object({
          ...PageQuery,
          room_id: Type.Optional(Id),
          session_id: Type.Optional(Id),
          status: Type.Optional(StatusFilter),
        }),
      },
    },
    async (request) => {
      const { room_id, session_id, status } = request.query;
      const page = await app.storage.streamJobs.list(
        request.workspaceId,
        kind,
        { room_id, session_id, status },
        pageRequest(request.query),
      );
      return { ...page, data: await Promise.all(page.data.map((job) => present(app, job))) };
    },
  );

  api.get(
    `${base}/:id`,
    { schema: { tags: [tag], summary: 'Get one', params: Type.Object({ id: Id }) } },
    async (request) => {
      const job = await app.storage.streamJobs.get(request.workspaceId, kind, request.params.id);
      if (!job)
        throw notFound(
          `${kind.replace('_', ' ')} ${request.params.id} not found`,
          `${kind}_not_found`,
        );
      return present(app, job);
    },
  );
}
