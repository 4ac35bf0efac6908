// The live playlist's window is thirty seconds of media, whatever the segments' length: with
// half-second segments it lists sixty, and its media sequence numbers count the ones before.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mediaPlaylist } from '../../server/streaming/hls-playlists.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-hls-window-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** ffmpeg's playlist for run 0: `count` segments of `seconds` each. */
function writeRun(count: number, seconds: number) {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-MAP:URI="r0_init_0.mp4"'];
  for (let i = 0; i < count; i++) lines.push(`#EXTINF:${seconds.toFixed(6)},`, `r0_${i}.m4s`);
  fs.writeFileSync(path.join(dir, 'r0.m3u8'), `${lines.join('\n')}\n`);
}

const live = { ended: false, metadata: [] };

test('half-second segments: the newest sixty, numbered from the first segment of the stream', async () => {
  writeRun(80, 0.5);
  const playlist = (await mediaPlaylist(dir, live))!;
  const listed = playlist.text.split('\n').filter((line) => line.endsWith('.m4s'));
  assert.equal(listed.length, 60);
  assert.equal(listed[0], 'r0_20.m4s');
  assert.match(playlist.text, /^#EXT-X-MEDIA-SEQUENCE:20$/m);
  assert.equal(playlist.lastSequence, 79);
});

test('one-second segments: the newest thirty; a short stream: all of it', async () => {
  writeRun(45, 1);
  const long = (await mediaPlaylist(dir, live))!;
  assert.match(long.text, /^#EXT-X-MEDIA-SEQUENCE:15$/m);
  writeRun(8, 1);
  const short = (await mediaPlaylist(dir, live))!;
  assert.match(short.text, /^#EXT-X-MEDIA-SEQUENCE:0$/m);
  assert.equal(short.text.split('\n').filter((line) => line.endsWith('.m4s')).length, 8);
});
