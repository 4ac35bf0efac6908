// The playlists players read, made from ffmpeg's: every run of ffmpeg (a restart after a crash
// is a new run, with its own init segment) joins one media playlist per rendition, a
// discontinuity between runs; a sliding window at the live edge; a target duration the spec
// allows (ffmpeg 5.1 writes 0 for segments under a second); timed metadata as EXT-X-DATERANGE;
// blocking reload offered while live (server/api/hls.ts holds the request); and ENDLIST once
// the stream is over.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * How much a live playlist shows, in seconds of media, whatever the segments' length: enough
 * for a player to settle and step back, few enough lines to stay small.
 */
const WINDOW_SECONDS = 30;

/** The index of the oldest segment shown: the newest ones that together last WINDOW_SECONDS. */
function windowStart(all: Segment[]): number {
  let seconds = 0;
  let first = all.length;
  while (first > 0 && seconds + all[first - 1]!.seconds <= WINDOW_SECONDS) {
    first--;
    seconds += all[first]!.seconds;
  }
  return Math.min(first, all.length - 1);
}

export interface TimedMetadata {
  id: string;
  startDate: string;
  durationSeconds: number;
  payload: string;
}

export interface Segment {
  run: number;
  /** The run's EXT-X-MAP line, and the init segment's file name it names. */
  map: string;
  init: string;
  /** The segment's file name, relative to its rendition's folder. */
  uri: string;
  lines: string[];
  seconds: number;
  /** When its first frame was taken (EXT-X-PROGRAM-DATE-TIME), in ms; NaN without one. */
  startMs: number;
}

function runOf(file: string): number | undefined {
  const match = /^r(\d+)\.m3u8$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

async function runsIn(dir: string): Promise<number[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files
    .map(runOf)
    .filter((run): run is number => run !== undefined)
    .sort((a, b) => a - b);
}

function parseRun(text: string, run: number): Segment[] {
  const segments: Segment[] = [];
  let map = '';
  let init = '';
  let pending: string[] = [];
  let seconds = 0;
  let startMs = Number.NaN;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    if (line.startsWith('#EXT-X-MAP:')) {
      map = line;
      init = /URI="([^"]+)"/.exec(line)?.[1] ?? '';
    } else if (line.startsWith('#EXTINF:')) {
      seconds = Number.parseFloat(line.slice(8));
      pending.push(line);
    } else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      startMs = Date.parse(line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length));
      pending.push(line);
    } else if (!line.startsWith('#')) {
      segments.push({ run, map, init, uri: line, lines: [...pending, line], seconds, startMs });
      pending = [];
      startMs = Number.NaN;
    }
  }
  return segments;
}

/** The master playlist of the first run, pointing at our joined media playlists. */
export async function masterPlaylist(dir: string): Promise<string | undefined> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const master = files.filter((file) => /^r\d+_master\.m3u8$/.test(file)).sort()[0];
  if (!master) return undefined;
  const text = await readFile(path.join(dir, master), 'utf8');
  return text.replace(/^(\d+)\/r\d+\.m3u8$/gm, '$1/index.m3u8');
}

function quoted(value: string): string {
  // Quoted strings may not hold a quote or a line break: the payload travels percent-encoded.
  return `"${encodeURIComponent(value)}"`;
}

function dateRange(item: TimedMetadata): string {
  return (
    `#EXT-X-DATERANGE:ID="${item.id}",START-DATE="${item.startDate}",` +
    `DURATION=${item.durationSeconds.toFixed(3)},X-CONVENE-PAYLOAD=${quoted(item.payload)}`
  );
}

/** Every segment of a rendition written so far, all runs in order. */
export async function segmentsOf(variantDir: string): Promise<Segment[]> {
  const all: Segment[] = [];
  for (const run of await runsIn(variantDir)) {
    const text = await readFile(path.join(variantDir, `r${run}.m3u8`), 'utf8').catch(() => '');
    all.push(...parseRun(text, run));
  }
  return all;
}

/** A rendition's playlist as served, and where its live edge is. */
export interface MediaPlaylist {
  text: string;
  /** The media sequence number of its newest segment. */
  lastSequence: number;
  targetSeconds: number;
  ended: boolean;
}

/** Runs of consecutive segments, a discontinuity between runs, each init segment named once. */
function segmentLines(pieces: Segment[][]): string[] {
  const lines: string[] = [];
  let map = '';
  let last: Segment | undefined;
  for (const piece of pieces) {
    for (const segment of piece) {
      if (last && (segment.run !== last.run || segment === piece[0])) {
        lines.push('#EXT-X-DISCONTINUITY');
      }
      if (segment.map !== map) lines.push(segment.map);
      map = segment.map;
      last = segment;
      lines.push(...segment.lines);
    }
  }
  return lines;
}

/** A finished playlist of the pieces kept (a recording's `hls_vod`): every segment, ENDLIST. */
export function vodPlaylist(pieces: Segment[][]): string {
  const all = pieces.flat();
  const target = Math.max(1, Math.ceil(Math.max(...all.map((s) => s.seconds))));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...segmentLines(pieces),
    '#EXT-X-ENDLIST',
  ];
  return `${lines.join('\n')}\n`;
}

export async function mediaPlaylist(
  variantDir: string,
  state: { ended: boolean; metadata: readonly TimedMetadata[] },
): Promise<MediaPlaylist | undefined> {
  const all = await segmentsOf(variantDir);
  if (all.length === 0) return undefined;
  const first = windowStart(all);
  const shown = all.slice(first);
  let discontinuities = 0;
  for (let i = 1; i <= first; i++) if (all[i]!.run !== all[i - 1]!.run) discontinuities++;
  const target = Math.max(1, Math.ceil(Math.max(...shown.map((s) => s.seconds))));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuities}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    // A player may ask for the next segment's playlist and be answered once it is listed.
    ...(state.ended ? [] : ['#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES']),
  ];
  lines.push(...segmentLines([shown]));
  lines.push(...state.metadata.map(dateRange));
  if (state.ended) lines.push('#EXT-X-ENDLIST');
  return {
    text: `${lines.join('\n')}\n`,
    lastSequence: all.length - 1,
    targetSeconds: target,
    ended: state.ended,
  };
}
