// A live stream's recording from its own segments: real fMP4 HLS written by ffmpeg in the
// server's layout (a rendition folder, one playlist, init segment and segments per ffmpeg run),
// two runs as after a crash, and paused stretches cut out by the segments' program dates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { segmentsOf, type Segment } from '../../server/streaming/hls-playlists.ts';
import { recordedPieces, recordRendition } from '../../server/streaming/live-stream-recording.ts';
import { probeMedia } from '../../server/streaming/media-probe.ts';
import { writeHlsVod } from '../../server/streaming/hls-vod.ts';

let dir: string;
let variant: string;

/** One ffmpeg run of `seconds` of picture and tone, in 1 s segments, as the server names them. */
function writeRun(run: number, seconds: number): void {
  execFileSync('/usr/bin/ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc=size=320x180:rate=30:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...['-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '64k'],
    ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_segment_type', 'fmp4'],
    ...['-hls_flags', 'independent_segments+program_date_time'],
    ...['-hls_fmp4_init_filename', `r${run}_init_0.mp4`],
    ...['-hls_segment_filename', path.join(variant, `r${run}_%05d.m4s`)],
    path.join(variant, `r${run}.m3u8`),
  ]);
}

/**
 * ffmpeg dates segments from the clock it starts at, plus their lengths: lavfi runs faster than
 * real time, so the second run is moved to start after the first ends, as a live one would.
 */
function shiftDates(run: number, ms: number): void {
  const file = path.join(variant, `r${run}.m3u8`);
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(
      /^#EXT-X-PROGRAM-DATE-TIME:(.+)$/gm,
      (_, date: string) =>
        `#EXT-X-PROGRAM-DATE-TIME:${new Date(Date.parse(date) + ms).toISOString()}`,
    );
  fs.writeFileSync(file, text);
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-live-recording-'));
  variant = path.join(dir, '0');
  fs.mkdirSync(variant);
  writeRun(0, 6);
  writeRun(1, 4);
  shiftDates(1, 7000);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the segments of both runs are read in order, with their init segments and dates', async () => {
  const segments = await segmentsOf(variant);
  assert.equal(segments.length, 10);
  assert.deepEqual(
    segments.map((s) => s.run),
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
  );
  assert.equal(segments[0]!.init, 'r0_init_0.mp4');
  assert.equal(segments[6]!.init, 'r1_init_0.mp4');
  assert.ok(segments.every((s) => Number.isFinite(s.startMs)));
});

test('a pause cuts the segments that start inside it; a run is a piece of its own', () => {
  const at = (run: number, i: number, startMs: number): Segment => ({
    run,
    map: '',
    init: `r${run}_init_0.mp4`,
    uri: `r${run}_${i}.m4s`,
    lines: [],
    seconds: 1,
    startMs,
  });
  const segments = [at(0, 0, 0), at(0, 1, 1000), at(0, 2, 2000), at(0, 3, 3000), at(1, 0, 5000)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const pieces = recordedPieces(segments, [{ from: iso(900), to: iso(2500) }]);
  assert.deepEqual(
    pieces.map((piece) => piece.map((s) => s.uri)),
    [['r0_0.m4s'], ['r0_3.m4s'], ['r1_0.m4s']],
  );
  // A pause never resumed cuts to the end.
  assert.deepEqual(
    recordedPieces(segments, [{ from: iso(3000) }]).map((p) => p.length),
    [3],
  );
  assert.deepEqual(recordedPieces(segments, [{ from: iso(0) }]), []);
});

test('the recording joins the kept pieces into one MP4 with video and audio, without the pause', async () => {
  const segments = await segmentsOf(variant);
  // Pause over the third and fourth segments of the first run.
  const from = new Date(segments[2]!.startMs - 10).toISOString();
  const to = new Date(segments[4]!.startMs - 10).toISOString();
  const file = path.join(dir, 'recording.mp4');
  assert.equal(await recordRendition(variant, file, [{ from, to }]), true);
  const media = await probeMedia(file);
  const kept = segments.filter((_, i) => i !== 2 && i !== 3).reduce((sum, s) => sum + s.seconds, 0);
  assert.ok(Math.abs(media.duration - kept) < 0.5, `${media.duration} s, ${kept} s kept`);
  assert.deepEqual({ width: media.width, height: media.height }, { width: 320, height: 180 });
  assert.deepEqual(media.streams, ['audio', 'video']);
  // The pieces are gone; the segments the live stream serves are untouched.
  assert.deepEqual(
    fs.readdirSync(dir).filter((name) => name.includes('piece')),
    [],
  );
  assert.equal((await segmentsOf(variant)).length, 10);
});

test('a stream paused from the start records nothing and writes no file', async () => {
  const file = path.join(dir, 'nothing.mp4');
  assert.equal(await recordRendition(variant, file, [{ from: new Date(0).toISOString() }]), false);
  assert.equal(fs.existsSync(file), false);
});

test('hls_vod: one ZIP of a master, a finished playlist and the files it names, without the pause', async () => {
  // ffmpeg's master playlist for the stream, as -master_pl_name writes it.
  fs.writeFileSync(
    path.join(dir, 'r0_master.m3u8'),
    '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=320x180\n0/r0.m3u8\n',
  );
  const segments = await segmentsOf(variant);
  const from = new Date(segments[2]!.startMs - 10).toISOString();
  const to = new Date(segments[4]!.startMs - 10).toISOString();
  const file = path.join(dir, 'vod.zip');
  const seconds = await writeHlsVod(dir, 1, file, [{ from, to }]);
  const kept = segments.filter((_, i) => i !== 2 && i !== 3);
  assert.equal(
    seconds,
    kept.reduce((sum, s) => sum + s.seconds, 0),
  );

  const listed = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(
    listed.filter((name) => !name.endsWith('/')).sort(),
    [
      '0/index.m3u8',
      ...['r0_init_0.mp4', 'r1_init_0.mp4', ...kept.map((s) => s.uri)].map((n) => `0/${n}`),
      'master.m3u8',
    ].sort(),
  );
  // Unpacked, it plays: ffprobe reads the master to its end, picture and sound, the pause cut.
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-vod-'));
  try {
    execFileSync('unzip', ['-q', file, '-d', unpacked]);
    const playlist = fs.readFileSync(path.join(unpacked, '0', 'index.m3u8'), 'utf8');
    assert.match(playlist, /^#EXT-X-PLAYLIST-TYPE:VOD$/m);
    assert.match(playlist, /^#EXT-X-ENDLIST$/m);
    // One discontinuity at the cut, one between the runs.
    assert.equal(playlist.match(/^#EXT-X-DISCONTINUITY$/gm)?.length, 2);
    const media = await probeMedia(path.join(unpacked, 'master.m3u8'));
    assert.ok(Math.abs(media.duration - seconds!) < 0.5, `${media.duration} s, ${seconds} s kept`);
    assert.deepEqual(media.streams, ['audio', 'video']);
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
  // Only the ZIP is left: no staging folder beside it.
  assert.deepEqual(
    fs.readdirSync(dir).filter((name) => name.includes('staging')),
    [],
  );
});
