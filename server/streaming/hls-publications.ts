// What the HLS routes need to know of a stream beyond its files: whether it is over (ENDLIST),
// the timed metadata sent to it, and the playlist requests held for its next segment (woken
// when it ends). Kept in memory by the process that streams; a stream folder nobody streams to
// any more (after a restart) is an ended one.
import path from 'node:path';
import type { UrlSigner } from '../auth/url-signer.ts';
import type { TimedMetadata } from './hls-playlists.ts';
import { PlaylistUpdates } from './playlist-updates.ts';

export interface HlsPublication {
  ended: boolean;
  metadata: TimedMetadata[];
}

/** Metadata items kept per stream: the live window shows the recent ones anyway. */
const MAX_METADATA = 100;

/** The one place a live stream's files are: under the data folder, by stream id. */
export function hlsDir(dataDir: string, streamId: string): string {
  return path.join(dataDir, 'live', streamId);
}

/** The resource a stream's playback grant covers. */
export const hlsResource = (streamId: string) => `hls:${streamId}`;

/** How long a playback URL handed out (REST, signaling) opens the stream. */
export const PLAYBACK_GRANT_SECONDS = 24 * 3600;

/** The path of a stream's master playlist, with a grant valid for a day from now. */
export function hlsPlaybackPath(signer: UrlSigner, streamId: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PLAYBACK_GRANT_SECONDS;
  const grant = `${expires}.${signer.sign(hlsResource(streamId), expires)}`;
  return `/hls/${streamId}/${grant}/master.m3u8`;
}

export class HlsPublications {
  readonly #byDir = new Map<string, HlsPublication>();
  /** Blocking playlist reloads waiting on a rendition's folder (server/api/hls.ts). */
  readonly updates = new PlaylistUpdates();

  open(dir: string): HlsPublication {
    const publication: HlsPublication = { ended: false, metadata: [] };
    this.#byDir.set(dir, publication);
    return publication;
  }

  state(dir: string): HlsPublication {
    return this.#byDir.get(dir) ?? { ended: true, metadata: [] };
  }

  /** The stream is over: its playlists say so, and a request held for more is answered now. */
  end(dir: string): void {
    this.state(dir).ended = true;
    this.updates.wakeUnder(dir);
  }

  addMetadata(dir: string, item: TimedMetadata): void {
    const publication = this.#byDir.get(dir);
    if (!publication) return;
    publication.metadata.push(item);
    if (publication.metadata.length > MAX_METADATA) publication.metadata.shift();
  }
}
