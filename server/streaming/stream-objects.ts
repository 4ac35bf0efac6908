// Rows as 100ms's REST objects (the server SDK's LiveStream, Recording, ExternalStream and
// RecordingAsset types).
import type { StreamJob } from '../storage/stream-jobs.ts';
import type { RecordingAsset } from '../storage/recording-assets.ts';

/**
 * An RTMP URL that failed while the stream went on to the others. Convene's addition to the
 * external stream object: 100ms's has no place for one URL failing alone.
 */
export interface FailedRtmpUrl {
  url: string;
  message: string;
  failed_at: string;
}

export function assetObject(asset: RecordingAsset) {
  return {
    id: asset.id,
    job_id: asset.jobId,
    room_id: asset.roomId,
    session_id: asset.sessionId,
    type: asset.type,
    path: asset.path,
    size: asset.size,
    duration: asset.duration,
    status: asset.status,
    metadata: asset.metadata,
    created_at: asset.createdAt,
  };
}

function beamObject(job: StreamJob) {
  return {
    id: job.id,
    room_id: job.roomId,
    session_id: job.sessionId,
    status: job.status,
    created_at: job.createdAt,
    ...(job.startedAt ? { started_at: job.startedAt } : {}),
    updated_at: job.updatedAt,
    ...(job.stoppedAt ? { stopped_at: job.stoppedAt } : {}),
    meeting_url: job.meetingUrl,
    started_by: job.startedBy,
    stopped_by: job.stoppedBy,
    ...(job.error ? { error: { message: job.error } } : {}),
  };
}

export function streamObject(
  job: StreamJob,
  links: { playback: (id: string) => string },
  assets: RecordingAsset[] = [],
) {
  const base = { ...beamObject(job), recording_assets: assets.map(assetObject) };
  const options = job.options;
  if (job.kind === 'live_stream') {
    return {
      ...base,
      destination: (options.destination as string | undefined) ?? '',
      recording: {
        hls_vod: Boolean(options.hls_vod),
        single_file_per_layer: Boolean(options.single_file_per_layer),
      },
      playback: { url: links.playback(job.id) },
      recording_paused: Boolean(options.recording_paused),
    };
  }
  if (job.kind === 'recording') {
    return {
      ...base,
      asset_types: ['room-composite'],
      ...(options.resolution ? { resolution: options.resolution } : {}),
      audio_only: Boolean(options.audio_only),
    };
  }
  return {
    ...base,
    destination: (options.destination as string | undefined) ?? '',
    rtmp_urls: (options.rtmp_urls as string[] | undefined) ?? [],
    failed_rtmp_urls: (options.failed_rtmp_urls as FailedRtmpUrl[] | undefined) ?? [],
    recording: Boolean(options.recording),
    resolution: options.resolution ?? { width: 1280, height: 720 },
  };
}
