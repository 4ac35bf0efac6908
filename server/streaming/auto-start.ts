// A template's browser recordings that start by themselves, as 100ms's
// `destinations.browserRecordings.<name>.autoStart` says: "recordings should automatically start
// on room join". The first such destination wins (a room records once); its `width` and `height`
// become the recording's resolution. The recording ends with the session, as one started by
// hand does when the room closes.
import type { StartRequest } from './stream-requests.ts';

interface BrowserRecordingDestination {
  autoStart?: unknown;
  width?: unknown;
  height?: unknown;
}

/** What to start when a session of a room with these template destinations opens, if anything. */
export function autoStartRecording(
  destinations: Record<string, unknown>,
): StartRequest | undefined {
  const recordings = destinations.browserRecordings;
  if (!recordings || typeof recordings !== 'object') return undefined;
  for (const destination of Object.values(recordings as Record<string, unknown>)) {
    if (!destination || typeof destination !== 'object') continue;
    const { autoStart, width, height } = destination as BrowserRecordingDestination;
    if (autoStart !== true) continue;
    return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0
      ? { resolution: { width, height } }
      : {};
  }
  return undefined;
}
