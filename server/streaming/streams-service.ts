// The lifecycles of live streams (HLS), recordings (MP4) and external streams (RTMP) on a room's
// media pipeline: rows written before answers, status starting -> running -> stopping ->
// completed (or failed with its reason), webhooks through the outbox, assets when a recording ends.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { conflict, forbidden, notFound } from '../../src/protocol/errors.ts';
import type { Database } from '../storage/schema.ts';
import type {
  StreamJob,
  StreamJobChange,
  StreamJobStore,
  StreamKind,
} from '../storage/stream-jobs.ts';
import type { RecordingAsset, RecordingAssetStore } from '../storage/recording-assets.ts';
import type { RoomStore, Room } from '../storage/rooms.ts';
import { nowIso } from '../storage/ids.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import type { OutputGap, OutputSpec, PipelineOutput, PipelineProvider } from './pipeline-types.ts';
import {
  beamRecordingData,
  hlsRecordingData,
  recordingEnabled,
  streamEventData,
  streamEventType,
  type WebhookLinks,
} from './stream-webhooks.ts';
import { probeMedia } from './media-probe.ts';
import { writeHlsVod } from './hls-vod.ts';
import { HLS_RENDITIONS } from './ffmpeg-args.ts';
import { recordRendition, type PausedStretch } from './live-stream-recording.ts';
import type { FailedRtmpUrl } from './stream-objects.ts';
import { checkStartRequest, type StartRequest } from './stream-requests.ts';

export type { StartRequest } from './stream-requests.ts';

/** Who started or stopped it: the REST API (by workspace) or a peer over signaling. */
export type Actor = { kind: 'api' } | { kind: 'peer'; peerId: string };

export interface RoomRef {
  workspaceId: string;
  roomId: string;
}

/** A peer asking over signaling: its id and its role's permissions. */
export interface PeerActor {
  id: string;
  role: {
    permissions: { hlsStreaming?: boolean; browserRecording?: boolean; rtmpStreaming?: boolean };
  };
}

export interface StreamsServiceOptions {
  db: Kysely<Database>;
  jobs: StreamJobStore;
  assets: RecordingAssetStore;
  rooms: RoomStore;
  webhooks: WebhookDispatcher;
  pipelines: PipelineProvider;
  /** The live session of a room, if one is going on ('' when the pipeline has no session). */
  sessionOf: (roomId: string) => string | undefined;
  dataDir: string;
  log: FastifyBaseLogger;
  /** A job moved on: the room's peers hear of it (a live badge, the viewers' player). */
  announce?: (job: StreamJob) => void;
  /** The absolute links webhook payloads carry. */
  links: WebhookLinks;
}

const NAMES: Record<StreamKind, string> = {
  live_stream: 'live stream',
  recording: 'recording',
  external_stream: 'external stream',
};

export class StreamsService {
  readonly #outputs = new Map<string, PipelineOutput>();
  /** kind:room pairs with a start in flight, so two concurrent starts cannot both pass the check. */
  readonly #starting = new Set<string>();
  /** Ended handlers still writing, so close() can wait for them. */
  readonly #settling = new Set<Promise<void>>();

  constructor(private readonly options: StreamsServiceOptions) {}

  async #room(ref: RoomRef): Promise<Room> {
    const room = await this.options.rooms.get(ref.workspaceId, ref.roomId);
    if (!room) throw notFound(`room ${ref.roomId} not found`, 'room_not_found');
    return room;
  }

  /**
   * Moves a job on and queues its webhook in one transaction: a crash between the two can
   * neither lose the event nor send one for a change that was not written.
   */
  async #transition(
    job: StreamJob,
    room: Room | undefined,
    change: StreamJobChange,
    type: string,
  ): Promise<StreamJob> {
    const updated = await this.options.db.transaction().execute(async (trx) => {
      const next = await this.options.jobs.update(job.id, change, trx);
      if (room) {
        await enqueueWebhookEvent(trx, {
          workspaceId: job.workspaceId,
          roomId: job.roomId,
          templateId: room.template_id,
          type,
          data: streamEventData(next, room.name, this.options.links),
        });
      }
      return next;
    });
    this.options.webhooks.wake();
    this.options.announce?.(updated);
    return updated;
  }

  #spec(job: StreamJob, request: StartRequest): OutputSpec {
    const { dataDir } = this.options;
    if (job.kind === 'live_stream') return { kind: 'hls', dir: path.join(dataDir, 'live', job.id) };
    if (job.kind === 'recording') {
      return {
        kind: 'recording',
        file: this.#recordingFile(job.id),
        resolution: request.resolution,
        audioOnly: request.audio_only,
      };
    }
    return {
      kind: 'rtmp',
      urls: request.rtmp_urls ?? [],
      resolution: request.resolution,
      // An RTMP stream's recording is one more output of the same encode.
      ...(request.recording === true ? { recordFile: this.#recordingFile(job.id) } : {}),
    };
  }

  #recordingFile(jobId: string, suffix = '', extension = '.mp4'): string {
    return path.join(this.options.dataDir, 'recordings', `${jobId}${suffix}${extension}`);
  }

  /** Starts a `kind` in a room: 409 if one is going on, 404 if the room has no session. */
  async start(
    kind: StreamKind,
    ref: RoomRef,
    request: StartRequest,
    actor: Actor = { kind: 'api' },
  ): Promise<StreamJob> {
    checkStartRequest(kind, request);
    const room = await this.#room(ref);
    const slot = `${kind}:${room.id}`;
    if (
      this.#starting.has(slot) ||
      (await this.options.jobs.active(ref.workspaceId, kind, room.id)).length > 0
    )
      throw conflict(
        `a ${NAMES[kind]} is already going on in room ${room.id}`,
        `${kind}_already_running`,
      );
    this.#starting.add(slot);
    try {
      const pipeline = await this.options.pipelines.pipelineFor(ref);
      if (!pipeline)
        throw notFound(`room ${room.id} has no active session: join it first`, 'room_not_active');
      const job = await this.options.jobs.create({
        workspaceId: ref.workspaceId,
        kind,
        roomId: room.id,
        sessionId: this.options.sessionOf(room.id) ?? '',
        meetingUrl: request.meeting_url ?? '',
        startedBy: actor.kind === 'peer' ? actor.peerId : ref.workspaceId,
        options: {
          ...(request.resolution ? { resolution: request.resolution } : {}),
          ...(request.audio_only !== undefined ? { audio_only: request.audio_only } : {}),
          ...(request.rtmp_urls ? { rtmp_urls: request.rtmp_urls } : {}),
          ...(request.destination ? { destination: request.destination } : {}),
          ...recordingOptions(request.recording),
        },
      });
      let output: PipelineOutput;
      try {
        output = await pipeline.startOutput(this.#spec(job, request));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await this.#transition(
          job,
          room,
          { status: 'failed', error: reason, stoppedAt: nowIso() },
          streamEventType(kind, 'failed'),
        );
        throw error;
      }
      this.#watch(job, room, output);
      return job;
    } finally {
      this.#starting.delete(slot);
    }
  }

  #watch(job: StreamJob, room: Room, output: PipelineOutput): void {
    this.#outputs.set(job.id, output);
    const track = (work: Promise<void>) => {
      const settled: Promise<void> = work
        .catch((error: unknown) =>
          this.options.log.error({ err: error, job: job.id }, 'recording a stream change failed'),
        )
        .then(() => {
          this.#settling.delete(settled);
        });
      this.#settling.add(settled);
    };
    // The output's events change the row one after another, in the order they came: a `running`
    // still being written must not land after the `ended` of an output stopped at once.
    let previous: Promise<void> = Promise.resolve();
    const inOrder = (change: () => Promise<void>) => {
      const work = previous.then(change);
      previous = work.catch(() => undefined);
      track(work);
    };
    output.once('running', () =>
      inOrder(async () => {
        const current = await this.options.jobs.get(job.workspaceId, job.kind, job.id);
        if (current?.status !== 'starting') return;
        await this.#transition(
          job,
          room,
          { status: 'running', startedAt: nowIso() },
          streamEventType(job.kind, 'started'),
        );
      }),
    );
    // One dead RTMP URL fails alone: the stream goes on, and its object says which URL and why.
    output.on('destinationFailed', ({ url, reason }) =>
      inOrder(async () => {
        const current = await this.options.jobs.get(job.workspaceId, job.kind, job.id);
        if (!current) return;
        const failedUrls = (current.options.failed_rtmp_urls as FailedRtmpUrl[] | undefined) ?? [];
        const failure: FailedRtmpUrl = { url, message: reason, failed_at: nowIso() };
        await this.options.jobs.update(job.id, {
          options: { ...current.options, failed_rtmp_urls: [...failedUrls, failure] },
        });
        this.options.log.warn({ job: job.id, reason }, 'an RTMP URL failed; the others go on');
      }),
    );
    output.once('ended', ({ failed, gaps }) => {
      this.#outputs.delete(job.id);
      inOrder(() => this.#ended(job, room, output, failed, gaps));
    });
  }

  async #ended(
    job: StreamJob,
    room: Room,
    output: PipelineOutput,
    failed: string | undefined,
    gaps: OutputGap[],
  ) {
    const ended = await this.#transition(
      job,
      room,
      {
        status: failed ? 'failed' : 'completed',
        stoppedAt: nowIso(),
        ...(failed ? { error: failed } : {}),
      },
      streamEventType(job.kind, failed ? 'failed' : 'stopped'),
    );
    const assets = await this.#recordedFiles(ended, output.spec);
    if (assets.length === 0) return;
    await this.options.db.transaction().execute(async (trx) => {
      const added = [];
      for (const asset of assets)
        added.push(
          await this.options.assets.add(
            {
              workspaceId: job.workspaceId,
              jobId: job.id,
              roomId: job.roomId,
              sessionId: job.sessionId,
              status: 'completed',
              ...asset,
              metadata: { ...asset.metadata, gaps },
            },
            trx,
          ),
        );
      const { links } = this.options;
      await enqueueWebhookEvent(trx, {
        workspaceId: job.workspaceId,
        roomId: job.roomId,
        templateId: room.template_id,
        ...(job.kind === 'live_stream'
          ? {
              type: 'hls.recording.success',
              data: hlsRecordingData(ended, room.name, added, links),
            }
          : {
              type: 'beam.recording.success',
              data: beamRecordingData(ended, room.name, added[0]!, links),
            }),
      });
    });
    this.options.webhooks.wake();
  }

  /**
   * The files an ended output leaves: a recording's MP4, an RTMP stream's recording, a live
   * stream's recording made from its segments (one MP4 per layer when asked, else the best).
   */
  async #recordedFiles(job: StreamJob, spec: OutputSpec): Promise<RecordedFile[]> {
    const files: { path: string; metadata: Record<string, unknown>; seconds?: number }[] = [];
    if (spec.kind === 'recording')
      files.push({
        path: spec.file,
        metadata: {
          ...(spec.resolution ? { resolution: spec.resolution } : {}),
          media_type: spec.audioOnly ? 'audio/mp4' : 'video/mp4',
        },
      });
    else if (spec.kind === 'rtmp' && spec.recordFile)
      files.push({ path: spec.recordFile, metadata: { media_type: 'video/mp4' } });
    else if (spec.kind === 'hls' && recordingEnabled(job)) {
      const layers = job.options.single_file_per_layer === true ? HLS_RENDITIONS.length : 1;
      const paused = (job.options.paused_stretches as PausedStretch[] | undefined) ?? [];
      for (let layer = 0; layer < layers; layer++) {
        const file = this.#recordingFile(job.id, `-layer${layer}`);
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        const recorded = await recordRendition(
          path.join(spec.dir, String(layer)),
          file,
          paused,
        ).catch((error: unknown) => {
          this.options.log.error(
            { err: error, job: job.id },
            'could not write the stream’s recording',
          );
          return false;
        });
        if (recorded) files.push({ path: file, metadata: { layer, media_type: 'video/mp4' } });
      }
      if (job.options.hls_vod === true) {
        const zip = await this.#hlsVod(job, spec.dir, paused);
        if (zip) files.push(zip);
      }
    }
    const found: RecordedFile[] = [];
    for (const file of files) {
      const stat = await fs.promises.stat(file.path).catch(() => undefined);
      if (!stat) continue;
      if (file.seconds !== undefined) {
        // Not a media file (the hls_vod ZIP): its length is its playlists'.
        found.push({
          type: 'room-vod',
          path: file.path,
          size: stat.size,
          duration: Math.round(file.seconds),
          metadata: file.metadata,
        });
        continue;
      }
      const media = await probeMedia(file.path);
      found.push({
        type: spec.kind === 'hls' ? 'room-vod' : 'room-composite',
        path: file.path,
        size: stat.size,
        duration: Math.round(media.duration),
        metadata: {
          ...(media.width && media.height && !file.metadata.resolution
            ? { resolution: { width: media.width, height: media.height } }
            : {}),
          ...file.metadata,
        },
      });
    }
    return found;
  }

  /** The hls_vod ZIP of a live stream's playlists and segments, if anything was recorded. */
  async #hlsVod(job: StreamJob, streamDir: string, paused: readonly PausedStretch[]) {
    const file = this.#recordingFile(job.id, '-vod', '.zip');
    const seconds = await writeHlsVod(streamDir, HLS_RENDITIONS.length, file, paused).catch(
      (error: unknown) => {
        this.options.log.error({ err: error, job: job.id }, 'could not write the stream’s VOD');
        return undefined;
      },
    );
    if (seconds === undefined) return undefined;
    return { path: file, seconds, metadata: { media_type: 'application/zip', hls_vod: true } };
  }

  /** Stops one by id: 404 if unknown, 409 if it is not going on any more. */
  async stop(
    kind: StreamKind,
    workspaceId: string,
    id: string,
    actor: Actor = { kind: 'api' },
  ): Promise<StreamJob> {
    const job = await this.options.jobs.get(workspaceId, kind, id);
    if (!job) throw notFound(`${NAMES[kind]} ${id} not found`, `${kind}_not_found`);
    if (job.status !== 'starting' && job.status !== 'running')
      throw conflict(
        `${NAMES[kind]} ${id} is not running (it is ${job.status})`,
        `${kind}_not_running`,
      );
    return this.#stop(job, actor);
  }

  async #stop(job: StreamJob, actor: Actor): Promise<StreamJob> {
    const stopping = await this.options.jobs.update(job.id, {
      status: 'stopping',
      stoppedBy: actor.kind === 'peer' ? actor.peerId : job.workspaceId,
    });
    this.options.announce?.(stopping);
    const output = this.#outputs.get(job.id);
    if (output) await output.stop();
    else {
      // This process never had its output (it was started by one before a restart).
      const room = await this.options.rooms.get(job.workspaceId, job.roomId);
      return this.#transition(
        job,
        room,
        { status: 'failed', error: 'its output is gone', stoppedAt: nowIso() },
        streamEventType(job.kind, 'failed'),
      );
    }
    return (await this.options.jobs.get(job.workspaceId, job.kind, job.id)) ?? stopping;
  }

  /** Stops every one of a room's `kind`: 404 if none is going on. */
  async stopAll(
    kind: StreamKind,
    ref: RoomRef,
    actor: Actor = { kind: 'api' },
  ): Promise<StreamJob[]> {
    const room = await this.#room(ref);
    const active = (await this.options.jobs.active(ref.workspaceId, kind, room.id)).filter(
      (job) => job.status !== 'stopping',
    );
    if (active.length === 0)
      throw notFound(`no ${NAMES[kind]} is going on in room ${room.id}`, `${kind}_not_running`);
    return Promise.all(active.map((job) => this.#stop(job, actor)));
  }

  async #runningLiveStream(workspaceId: string, id: string): Promise<StreamJob> {
    const job = await this.options.jobs.get(workspaceId, 'live_stream', id);
    if (!job) throw notFound(`live stream ${id} not found`, 'live_stream_not_found');
    if (job.status !== 'running')
      throw conflict(
        `live stream ${id} is not running (it is ${job.status})`,
        'live_stream_not_running',
      );
    return job;
  }

  /** Timed metadata players receive at the live edge. */
  async addTimedMetadata(
    workspaceId: string,
    id: string,
    payload: string,
    duration: number,
  ): Promise<StreamJob> {
    const job = await this.#runningLiveStream(workspaceId, id);
    const output = this.#outputs.get(id);
    if (!output?.addTimedMetadata)
      throw conflict(`live stream ${id} takes no timed metadata now`, 'live_stream_not_running');
    output.addTimedMetadata(payload, duration);
    return job;
  }

  /**
   * Pauses or resumes the live stream's recording. The stream itself goes on; the stretch is
   * written on the row (so a restart loses none) and cut out when the recording is made.
   */
  async setRecordingPaused(workspaceId: string, id: string, paused: boolean): Promise<StreamJob> {
    const job = await this.#runningLiveStream(workspaceId, id);
    if (!recordingEnabled(job))
      throw conflict(
        `live stream ${id} is not recorded: start it with a recording to pause one`,
        'recording_not_enabled',
      );
    if (Boolean(job.options.recording_paused) === paused)
      throw conflict(
        `the recording of live stream ${id} is already ${paused ? 'paused' : 'going'}`,
        paused ? 'recording_already_paused' : 'recording_not_paused',
      );
    const stretches = [...((job.options.paused_stretches as PausedStretch[] | undefined) ?? [])];
    const now = nowIso();
    if (paused) stretches.push({ from: now });
    else stretches[stretches.length - 1] = { ...stretches.at(-1)!, to: now };
    return this.options.jobs.update(id, {
      options: { ...job.options, recording_paused: paused, paused_stretches: stretches },
    });
  }

  // Signaling: a peer whose role allows it starts and stops its own room's streams.
  async startAsPeer(kind: StreamKind, room: RoomRef, peer: PeerActor, request: StartRequest = {}) {
    checkPermission(peer, PEER_PERMISSION[kind]);
    return this.start(kind, room, request, { kind: 'peer', peerId: peer.id });
  }
  async stopAsPeer(kind: StreamKind, room: RoomRef, peer: PeerActor) {
    checkPermission(peer, PEER_PERMISSION[kind]);
    return this.stopAll(kind, room, { kind: 'peer', peerId: peer.id });
  }

  /** Stops every output this process runs and waits for their rows and assets. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#outputs.values()].map((output) => output.stop()));
    await Promise.allSettled([...this.#settling]);
  }
}

type RecordedFile = Pick<RecordingAsset, 'type' | 'path' | 'size' | 'duration' | 'metadata'>;

/**
 * What a start asks to record, as the row keeps it: a live stream's `recording` object
 * (100ms's hls_vod and single_file_per_layer) or an RTMP stream's `recording: true`.
 */
function recordingOptions(recording: StartRequest['recording']): Record<string, unknown> {
  if (recording === undefined) return {};
  if (typeof recording === 'boolean') return { recording };
  return {
    recording: true,
    hls_vod: Boolean(recording.hls_vod),
    single_file_per_layer: Boolean(recording.single_file_per_layer),
  };
}

/** The role permission (100ms's names) a peer needs to start or stop each kind. */
const PEER_PERMISSION = {
  live_stream: 'hlsStreaming',
  recording: 'browserRecording',
  external_stream: 'rtmpStreaming',
} as const;

const REFUSED: Record<(typeof PEER_PERMISSION)[StreamKind], string> = {
  hlsStreaming: 'stream HLS',
  browserRecording: 'record',
  rtmpStreaming: 'stream RTMP',
};

function checkPermission(peer: PeerActor, permission: (typeof PEER_PERMISSION)[StreamKind]) {
  if (!peer.role.permissions[permission])
    throw forbidden(`your role may not ${REFUSED[permission]}`, 'forbidden');
}
