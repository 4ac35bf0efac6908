// 100ms's webhook event names per stream kind and what each payload carries, as its webhook
// reference lists them: `hls.*` for live streams (and `hls.recording.success` for their
// recording), `beam.*` for browser recordings and RTMP streams alike (100ms runs both on its
// "beam"), `beam.recording.success` when a recording's file is written.
import type { StreamJob, StreamKind } from '../storage/stream-jobs.ts';
import type { RecordingAsset } from '../storage/recording-assets.ts';

type Moment = 'started' | 'stopped' | 'failed';

const PREFIX: Record<StreamKind, 'hls' | 'beam'> = {
  live_stream: 'hls',
  recording: 'beam',
  external_stream: 'beam',
};

export function streamEventType(kind: StreamKind, moment: Moment): string {
  const prefix = PREFIX[kind];
  return moment === 'failed' ? `${prefix}.failure` : `${prefix}.${moment}.success`;
}

/** What the job was asked to record: a live stream's or an RTMP stream's optional recording. */
export function recordingEnabled(job: StreamJob): boolean {
  return job.kind === 'recording' || job.options.recording === true;
}

/** Links a payload carries: the live stream's playback URL, an asset's download URL. */
export interface WebhookLinks {
  playback(streamId: string): string;
  download(assetId: string): string;
}

export function streamEventData(
  job: StreamJob,
  roomName: string,
  links: WebhookLinks,
): Record<string, unknown> {
  const duration =
    job.startedAt && job.stoppedAt
      ? Math.round((Date.parse(job.stoppedAt) - Date.parse(job.startedAt)) / 1000)
      : undefined;
  const resolution = job.options.resolution as { width: number; height: number } | undefined;
  const ended = job.status === 'completed' || job.status === 'failed';
  return {
    beam_id: job.id,
    job_id: job.id,
    room_id: job.roomId,
    room_name: roomName,
    session_id: job.sessionId,
    meeting_url: job.meetingUrl,
    ...(resolution ? { max_width: resolution.width, max_height: resolution.height } : {}),
    ...(job.startedAt ? { started_at: job.startedAt } : {}),
    ...(job.stoppedAt ? { stopped_at: job.stoppedAt } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(job.kind === 'live_stream'
      ? {
          stream_id: job.id,
          recording_single_file_per_layer_enabled: job.options.single_file_per_layer === true,
          recording_vod_playlist_enabled: job.options.hls_vod === true,
          ...(ended ? {} : { url: links.playback(job.id) }),
        }
      : {
          recording_enabled: recordingEnabled(job),
          ...(job.kind === 'external_stream'
            ? {
                rtmp: ((job.options.rtmp_urls as string[] | undefined) ?? []).map((url) => ({
                  url,
                })),
              }
            : {}),
        }),
    ...(job.status === 'completed' ? { reason: 'client request' } : {}),
    ...(job.error ? { error_message: job.error, error_type: errorType(job.error) } : {}),
  };
}

/** 100ms's error types: the recorder that never joined, or anything else. */
function errorType(message: string): string {
  return /recorder did not publish/.test(message) ? 'MAX_RETRIES_REACHED' : 'INTERNAL_ERROR';
}

/** `beam.recording.success`: a browser or RTMP stream's recording, once its file is written. */
export function beamRecordingData(
  job: StreamJob,
  roomName: string,
  asset: RecordingAsset,
  links: WebhookLinks,
) {
  return {
    ...streamEventData(job, roomName, links),
    recording_id: job.id,
    created_at: asset.createdAt,
    recording_path: asset.path,
    recording_presigned_url: links.download(asset.id),
    size: asset.size,
    duration: asset.duration,
    asset_id: asset.id,
    recording_assets: [{ id: asset.id, type: asset.type, path: asset.path, size: asset.size }],
  };
}

/** `hls.recording.success`: a live stream's recording, one MP4 per layer (layer "0" the best). */
export function hlsRecordingData(
  job: StreamJob,
  roomName: string,
  assets: RecordingAsset[],
  links: WebhookLinks,
) {
  // The MP4s (the hls_vod ZIP is an asset of its own, listed with the stream's).
  const files = assets.filter((asset) => asset.metadata.media_type !== 'application/zip');
  const best = files[0];
  return {
    ...streamEventData(job, roomName, links),
    ...(best
      ? {
          recording_path: best.path,
          recording_presigned_url: links.download(best.id),
          duration: best.duration,
          recording_created_at: best.createdAt,
        }
      : {}),
    recording_single_files: files.map((asset) => ({
      asset_id: asset.id,
      layer: String(asset.metadata.layer ?? 0),
      recording_path: asset.path,
      recording_presigned_url: links.download(asset.id),
      size: asset.size,
      ...((asset.metadata.resolution as object | undefined) ?? {}),
    })),
  };
}
