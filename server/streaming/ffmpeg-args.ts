// ffmpeg's command line for each output, from the recorder's SDP. One encoder settings table, so
// the HLS renditions, the MP4 and RTMP (and the latency bench's anchor) agree.
import path from 'node:path';
import type { OutputSpec, Resolution } from './pipeline-types.ts';
import { recordingPart } from './recording-parts.ts';

export const FRAME_RATE = 30;
/**
 * HLS segment length: one key frame each (GOP = segment). Half a second, so a player held a
 * second from the edge keeps two segments in hand: with 1 s segments it ran dry whenever one
 * came late, 5-6 stalls a minute each (bench hls-latency), none at 0.5 s, p50 alike (1.5 s).
 */
export const SEGMENT_SECONDS = 0.5;
/** Key frames of the recording and RTMP: a second apart, where nobody waits on a segment. */
const KEY_FRAME_SECONDS = 1;

/** The HLS ladder: the recorder's picture as it is, and half its height for weak links. */
export const HLS_RENDITIONS = [
  { scale: 'null', videoKbps: 2500 },
  { scale: 'scale=-2:ih/2', videoKbps: 700 },
] as const;

const INPUT = (sdpFile: string) => [
  '-hide_banner',
  '-loglevel',
  'warning',
  '-nostats',
  '-progress',
  'pipe:1',
  '-protocol_whitelist',
  'file,udp,rtp',
  '-fflags',
  '+genpts+nobuffer',
  '-flags',
  'low_delay',
  '-reorder_queue_size',
  '64',
  '-i',
  sdpFile,
];

const X264 = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-tune',
  'zerolatency',
  '-pix_fmt',
  'yuv420p',
];
const AAC = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'];
/** Key frames on a fixed grid, so every segment (and RTMP viewer) can start at once. */
const gop = (seconds: number) => [
  '-g',
  String(FRAME_RATE * seconds),
  '-keyint_min',
  String(FRAME_RATE * seconds),
  '-sc_threshold',
  '0',
];
const GOP = gop(KEY_FRAME_SECONDS);
/**
 * An MP4 a crash cannot spoil: fragmented, so every second is written whole, and flushed as it
 * comes, so a crash loses at most the fragment being written. As option/value pairs, for the
 * command line and for a tee branch alike.
 */
const CRASH_SAFE_MP4 = [
  ['movflags', '+frag_keyframe+empty_moov+default_base_moof'],
  ['frag_duration', '1000000'],
  ['flush_packets', '1'],
] as const;

/** DTX leaves holes in the Opus timeline: fill them with silence rather than drift. */
const AUDIO_FILTER = 'aresample=async=1:first_pts=0';

function scale(resolution: Resolution | undefined): string {
  return resolution
    ? `fps=${FRAME_RATE},scale=${resolution.width}:${resolution.height}:force_original_aspect_ratio=decrease,pad=${resolution.width}:${resolution.height}:(ow-iw)/2:(oh-ih)/2`
    : `fps=${FRAME_RATE}`;
}

/** `run` numbers the files of each ffmpeg run (a restart after a crash starts a new run). */
export function ffmpegArgs(spec: OutputSpec, sdpFile: string, run: number): string[] {
  switch (spec.kind) {
    case 'hls':
      return hlsArgs(spec.dir, sdpFile, run);
    case 'recording':
      return [
        ...INPUT(sdpFile),
        ...(spec.audioOnly
          ? ['-vn']
          : ['-map', '0:v', '-vf', scale(spec.resolution), ...X264, '-b:v', '2500k', ...GOP]),
        '-map',
        '0:a',
        '-af',
        AUDIO_FILTER,
        ...AAC,
        ...CRASH_SAFE_MP4.flatMap(([option, value]) => [`-${option}`, value]),
        '-f',
        'mp4',
        '-y',
        recordingPart(spec.file, run),
      ];
    case 'rtmp':
      return [
        ...INPUT(sdpFile),
        '-map',
        '0:v',
        '-map',
        '0:a',
        '-vf',
        scale(spec.resolution),
        ...X264,
        '-b:v',
        '2500k',
        ...GOP,
        '-af',
        AUDIO_FILTER,
        ...AAC,
        // tee: one encode to every URL; a URL that fails is dropped, the others go on. The
        // recording, when asked for, is one more branch of the same encode.
        '-f',
        'tee',
        '-flags',
        '+global_header',
        [
          ...spec.urls.map((url) => `[f=flv:onfail=ignore:flvflags=no_duration_filesize]${url}`),
          ...(spec.recordFile
            ? [
                `[f=mp4:${CRASH_SAFE_MP4.map(([option, value]) => `${option}=${value}`).join(':')}]${recordingPart(spec.recordFile, run)}`,
              ]
            : []),
        ].join('|'),
      ];
  }
}

/**
 * What the HLS encode reads: by default the recorder's one picture and one mix (`[0:v]`, `[0:a]`).
 * The compose-cost bench gives its own graph that lays out many peers' streams and names its two
 * results, so both designs encode the same way.
 */
export interface HlsSource {
  graph?: string;
  video: string;
  audio: string;
}

const RECORDER_SOURCE: HlsSource = { video: '[0:v]', audio: '[0:a]' };

export function hlsArgs(
  dir: string,
  sdpFile: string,
  run: number,
  source: HlsSource = RECORDER_SOURCE,
): string[] {
  const split = HLS_RENDITIONS.map((_, i) => `[v${i}]`).join('');
  const scales = HLS_RENDITIONS.map((rendition, i) => `[v${i}]${rendition.scale}[out${i}]`).join(
    ';',
  );
  const filter = `${source.graph ? `${source.graph};` : ''}${source.video}fps=${FRAME_RATE},split=${HLS_RENDITIONS.length}${split};${scales};${source.audio}${AUDIO_FILTER},asplit=${HLS_RENDITIONS.length}${HLS_RENDITIONS.map((_, i) => `[a${i}]`).join('')}`;
  const maps = HLS_RENDITIONS.flatMap((_, i) => ['-map', `[out${i}]`, '-map', `[a${i}]`]);
  const rates = HLS_RENDITIONS.flatMap((rendition, i) => [
    `-b:v:${i}`,
    `${rendition.videoKbps}k`,
    `-maxrate:v:${i}`,
    `${Math.round(rendition.videoKbps * 1.2)}k`,
    `-bufsize:v:${i}`,
    `${rendition.videoKbps}k`,
  ]);
  return [
    ...INPUT(sdpFile),
    '-filter_complex',
    filter,
    ...maps,
    ...X264,
    ...rates,
    ...gop(SEGMENT_SECONDS),
    ...AAC,
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_list_size',
    '0',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    'independent_segments+program_date_time',
    '-hls_fmp4_init_filename',
    `r${run}_init_%v.mp4`,
    '-hls_segment_filename',
    path.join(dir, '%v', `r${run}_%05d.m4s`),
    '-master_pl_name',
    `r${run}_master.m3u8`,
    '-var_stream_map',
    HLS_RENDITIONS.map((_, i) => `v:${i},a:${i}`).join(' '),
    path.join(dir, '%v', `r${run}.m3u8`),
  ];
}
