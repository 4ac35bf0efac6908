// Streams for the stories of <convene-hls-player> and <convene-stream-view>. Storybook has no HLS
// server, so these are the sources a real hls.js can be given without one: a server that is not
// there, and a stream whose playlists have no segment yet; and a wait for the player to show
// what it makes of them.
import type {
  ConveneHlsPlayer,
  HlsPlayerState,
} from '../../src/elements/convene-hls-player/convene-hls-player.ts';
import { afterFrames } from './simulated.ts';

/**
 * A stream on a server the browser will not reach: port 9 (discard) is one Chromium refuses to
 * connect to, so the load fails at once, on every machine, without a packet sent.
 */
export const UNREACHABLE_STREAM = 'http://127.0.0.1:9/hls/simulated-room/master.m3u8';

const playlistUrl = (lines: string[]) =>
  `data:application/vnd.apple.mpegurl,${encodeURIComponent([...lines, ''].join('\n'))}`;

/** A live media playlist before its first segment. */
const EMPTY_LIVE_PLAYLIST = playlistUrl([
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-MEDIA-SEQUENCE:0',
]);

/**
 * A stream whose encoder has only just started: its renditions' live playlists have no segment
 * yet. hls.js waits on each rendition in turn, then gives up (levelEmptyError).
 */
export const EMPTY_LIVE_STREAM = playlistUrl([
  '#EXTM3U',
  ...[1080, 720, 480, 360].flatMap((height) => [
    `#EXT-X-STREAM-INF:BANDWIDTH=${height * 4000},RESOLUTION=${Math.round((height * 16) / 9)}x${height}`,
    EMPTY_LIVE_PLAYLIST,
  ]),
]);

/**
 * Resolves once `player()` is in `state` and its bar is complete: the renditions hls.js found
 * are in the quality menu when `renditions` is set. Gives up after about ten seconds, so a
 * story never hangs its test.
 */
export async function playerShows(
  player: () => ConveneHlsPlayer | null | undefined,
  state: HlsPlayerState,
  { renditions = false } = {},
): Promise<void> {
  const shown = () => {
    const element = player();
    if (element?.state !== state) return false;
    return !renditions || !!element.shadowRoot?.querySelector('select');
  };
  for (let frame = 0; frame < 600 && !shown(); frame++) await afterFrames(1);
  await player()?.updateComplete;
}
