// The other design for a room's picture (docs/architecture.md, "Streaming"): ffmpeg itself lays
// out every peer's camera in a grid with its name and mixes every microphone, from one plain-RTP
// input with a video and an audio stream per peer. Only the compose-cost bench runs it.
import { existsSync } from 'node:fs';
import type { HlsSource } from '../server/streaming/ffmpeg-args.ts';
import { FRAME_RATE } from '../server/streaming/ffmpeg-args.ts';
import type { Resolution } from '../server/streaming/pipeline-types.ts';

/** Debian's fonts that Chromium pulls in; names are left off if neither is there. */
const FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];
export const NAME_FONT = FONTS.find((file) => existsSync(file));

const even = (value: number) => Math.floor(value / 2) * 2;

/** Columns and rows for `count` tiles, as close to square as the count allows. */
export function gridOf(count: number): { columns: number; rows: number } {
  const columns = Math.ceil(Math.sqrt(count));
  return { columns, rows: Math.ceil(count / columns) };
}

/** drawtext's text is a filter option: quote what would end it or start an expansion. */
function drawtextText(name: string): string {
  return name.replace(/[\\':%]/g, (c) => `\\${c}`);
}

/**
 * The graph for `names.length` peers (their video streams 0:v:i and audio streams 0:a:i, in the
 * same order), ending in `[composed]` and `[mixed]`: a picture of `size` and one sound.
 */
export function composeGraph(names: string[], size: Resolution): HlsSource {
  const count = names.length;
  const { columns, rows } = gridOf(count);
  const tile = { width: even(size.width / columns), height: even(size.height / rows) };
  const tiles = names.map((name, i) => {
    const fit =
      `fps=${FRAME_RATE},scale=${tile.width}:${tile.height}:force_original_aspect_ratio=decrease,` +
      `pad=${tile.width}:${tile.height}:(ow-iw)/2:(oh-ih)/2`;
    const label = NAME_FONT
      ? `,drawtext=fontfile=${NAME_FONT}:text='${drawtextText(name)}':x=8:y=h-th-8:` +
        'fontsize=16:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4'
      : '';
    return `[0:v:${i}]${fit}${label}[tile${i}]`;
  });
  const positions = names.map((_, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    return `${column * tile.width}_${row * tile.height}`;
  });
  const inputs = names.map((_, i) => `[tile${i}]`).join('');
  // The grid is padded to the full size, so a missing last tile leaves black, not a smaller frame.
  const layout =
    count === 1
      ? `${inputs}pad=${size.width}:${size.height}[composed]`
      : `${inputs}xstack=inputs=${count}:layout=${positions.join('|')}:fill=black,` +
        `pad=${size.width}:${size.height}[composed]`;
  const sounds = names.map((_, i) => `[0:a:${i}]`).join('');
  const mix =
    count === 1 ? `${sounds}anull[mixed]` : `${sounds}amix=inputs=${count}:normalize=0[mixed]`;
  return { graph: [...tiles, layout, mix].join(';'), video: '[composed]', audio: '[mixed]' };
}
