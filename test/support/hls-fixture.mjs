// A real fMP4 HLS stream for the player's element tests, made by Debian's ffmpeg when the test
// runner starts: 4 s of a test picture and a tone, two renditions (180p and 90p) in 1 s
// segments with program dates, ENDLIST (so it ends), and one EXT-X-DATERANGE carrying
// Convene's X-CONVENE-PAYLOAD, as the server writes timed metadata. Served under /__hls/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HLS_FIXTURE_PATH = '/__hls/';
/** The payload of the fixture's timed metadata, percent-encoded in the playlist as the server does. */
export const HLS_FIXTURE_PAYLOAD = 'poll:7 "hi"';

export function makeHlsFixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-hls-fixture-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  execFileSync('/usr/bin/ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=4'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4'],
    ...['-filter_complex', '[0:v]split=2[big][small0];[small0]scale=160:90[small]'],
    ...['-map', '[big]', '-map', '[small]', '-map', '1:a', '-map', '1:a'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30'],
    ...['-c:a', 'aac', '-b:a', '64k'],
    ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod'],
    ...['-hls_segment_type', 'fmp4', '-hls_flags', 'program_date_time+independent_segments'],
    ...['-master_pl_name', 'master.m3u8', '-var_stream_map', 'v:0,a:0 v:1,a:1'],
    ...['-hls_segment_filename', path.join(dir, '%v', 'seg_%03d.m4s')],
    path.join(dir, '%v', 'index.m3u8'),
  ]);
  for (const variant of ['0', '1']) {
    const file = path.join(dir, variant, 'index.m3u8');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const first = lines.findIndex((line) => line.startsWith('#EXT-X-PROGRAM-DATE-TIME:'));
    const start = new Date(Date.parse(lines[first].split(':').slice(1).join(':')) + 1000);
    const payload = encodeURIComponent(HLS_FIXTURE_PAYLOAD);
    lines.splice(
      lines.findIndex((line) => line.startsWith('#EXTINF:')),
      0,
      `#EXT-X-DATERANGE:ID="m1",START-DATE="${start.toISOString()}",DURATION=1,X-CONVENE-PAYLOAD="${payload}"`,
    );
    fs.writeFileSync(file, lines.join('\n'));
  }
  return dir;
}

const TYPES = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
};

/** Koa middleware for web-test-runner: the fixture's files under HLS_FIXTURE_PATH. */
export function hlsFixtureMiddleware(dir) {
  return async (context, next) => {
    if (!context.path.startsWith(HLS_FIXTURE_PATH)) return next();
    const file = path.join(dir, path.normalize(context.path.slice(HLS_FIXTURE_PATH.length)));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      context.status = 404;
      return;
    }
    context.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    context.body = fs.readFileSync(file);
  };
}
