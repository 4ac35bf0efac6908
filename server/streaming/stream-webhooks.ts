// 100ms's webhook event names per stream kind and what each payload carries.
import type { StreamJob, StreamKind } from '../storage/stream-jobs.ts';
import type { RecordingAsset } from '../storage/recording-assets.ts';

type Moment = 'started' | 'stopped' | 'failed';

/** hls.* for live streams, beam.* for browser recordings, rtmp.* for external streams. */
const PREFIX: Record<StreamKind, string> = {
  live_stream: 'hls',
  recording: 'beam',
  external_stream: 'rtmp',
};

export function streamEventType(kind: StreamKind, moment: Moment): string {
  const prefix = PREFIX[kind];
  return moment === 'failed' ? `${prefix}.failure` : `${prefix}.${moment}.success`;
}

export function streamEventData(
  job: StreamJob,
  roomName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const idField = { live_stream: 'stream_id', recording: 'beam_id', external_stream: 'rtmp_id' }[
    job.kind
  ];
  const duration =
    job.startedAt && job.stoppedAt
      ? Math.round((Date.parse(job.stoppedAt) - Date.parse(job.startedAt)) / 1000)
      : undefined;
  return {
    room_id: job.roomId,
    room_name: roomName,
    session_id: job.sessionId,
    [idField]: job.id,
    job_id: job.id,
    ...(job.startedAt ? { started_at: job.startedAt } : {}),
    ...(job.stoppedAt ? { stopped_at: job.stoppedAt } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(job.kind === 'external_stream' ? { rtmp_urls: job.options.rtmp_urls ?? [] } : {}),
    ...(job.error ? { error_message: job.error, error_type: 'stream_failed' } : {}),
    ...extra,
  };
}

/** recording.success: the recording's assets, once they are written. */
export function recordingSuccessData(job: StreamJob, roomName: string, asset: RecordingAsset) {
  return {
    ...streamEventData(job, roomName),
    recording_id: job.id,
    recording_path: asset.path,
    size: asset.size,
    duration: asset.duration,
    asset_id: asset.id,
    recording_assets: [{ id: asset.id, type: asset.type, path: asset.path, size: asset.size }],
  };
}
