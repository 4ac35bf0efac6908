// What a start request of each stream kind may hold, checked as 100ms checks it: an http(s)
// meeting_url, a resolution within 480..1920 x 360..1080, one to three rtmp:// or rtmps:// URLs.
import { invalid } from '../../src/protocol/errors.ts';
import type { StreamKind } from '../storage/stream-jobs.ts';
import type { Resolution } from './pipeline-types.ts';

/** What a caller asks to start; each kind reads the fields it has. */
export interface StartRequest {
  meeting_url?: string;
  resolution?: Resolution;
  audio_only?: boolean;
  rtmp_urls?: string[];
  recording?: boolean | { hls_vod?: boolean; single_file_per_layer?: boolean };
  destination?: string;
}

const MAX_RTMP_URLS = 3;

/** Refuses, as a 400 naming the field, what 100ms refuses in a start request. */
export function checkStartRequest(kind: StreamKind, request: StartRequest): void {
  if (request.meeting_url !== undefined && request.meeting_url !== '') {
    let url: URL | undefined;
    try {
      url = new URL(request.meeting_url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw invalid('meeting_url must be an http:// or https:// URL', 'invalid_field:meeting_url');
  }
  const resolution = request.resolution;
  if (resolution) {
    const { width, height } = resolution;
    if (!Number.isInteger(width) || width < 480 || width > 1920)
      throw invalid(
        'resolution.width must be an integer from 480 to 1920',
        'invalid_field:resolution.width',
      );
    if (!Number.isInteger(height) || height < 360 || height > 1080)
      throw invalid(
        'resolution.height must be an integer from 360 to 1080',
        'invalid_field:resolution.height',
      );
  }
  if (kind === 'external_stream') {
    const urls = request.rtmp_urls ?? [];
    if (urls.length === 0)
      throw invalid('rtmp_urls needs at least one URL', 'invalid_field:rtmp_urls');
    if (urls.length > MAX_RTMP_URLS)
      throw invalid(`rtmp_urls takes at most ${MAX_RTMP_URLS} URLs`, 'invalid_field:rtmp_urls');
    for (const url of urls) {
      if (!/^rtmps?:\/\/[^/\s]+/.test(url))
        throw invalid(
          `rtmp_urls: ${url.slice(0, 100)} is not an rtmp:// or rtmps:// URL`,
          'invalid_field:rtmp_urls',
        );
    }
  }
}
