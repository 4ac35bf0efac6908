// Blocking playlist reload: a live media playlist offers it, a request for the next segment is
// held until ffmpeg lists it (and answered then, not on a timer), a segment that does not come in
// three target durations is a 503, and directives that cannot be met are 400s at once. The
// playlists are written here as ffmpeg writes them (one line per segment), so the test controls
// when each segment appears.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import { hlsDir, hlsPlaybackPath } from '../../server/streaming/hls-publications.ts';
import { assertError } from './api-assertions.ts';

let server: TestServer;
const STREAM = 'blocking-reload';
let variantDir: string;
let playlistUrl: string;

/** ffmpeg's own playlist for run 0 with `count` one-second segments, replaced in one rename. */
function writeSegments(count: number) {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1'];
  lines.push('#EXT-X-MAP:URI="r0_init_0.mp4"');
  for (let i = 0; i < count; i++) {
    lines.push('#EXTINF:1.000000,', `r0_${String(i).padStart(5, '0')}.m4s`);
  }
  const file = path.join(variantDir, 'r0.m3u8');
  writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Resolves once the server holds `count` playlist requests. */
const heldRequests = (count: number) =>
  waitFor(() => server.app.hlsPublications.updates.held === count || undefined, {
    what: `${count} held playlist request(s)`,
  });

const listed = (text: string) => text.split('\n').filter((line) => line.endsWith('.m4s')).length;

before(async () => {
  server = await startTestServer();
  const dir = hlsDir(server.dataDir, STREAM);
  variantDir = path.join(dir, '0');
  mkdirSync(variantDir, { recursive: true });
  server.app.hlsPublications.open(dir);
  writeSegments(3);
  const master = hlsPlaybackPath(server.app.urlSigner, STREAM);
  playlistUrl = server.url + master.replace(/master\.m3u8$/, '0/index.m3u8');
});
after(async () => {
  await server.close();
});

test('a live playlist offers blocking reload', async () => {
  const response = await fetch(playlistUrl);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.match(text, /^#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES$/m);
  assert.equal(listed(text), 3);
});

test('a request for a segment already listed is answered at once', async () => {
  const response = await fetch(`${playlistUrl}?_HLS_msn=2`);
  assert.equal(response.status, 200);
  assert.equal(listed(await response.text()), 3);
});

test('a request for the next segment is held until it is listed, then answered', async () => {
  writeSegments(3);
  const asked = Date.now();
  const pending = fetch(`${playlistUrl}?_HLS_msn=3`);
  // Written once the server holds the request, so an answer without the hold would list three.
  await heldRequests(1);
  writeSegments(4);
  const wroteAt = Date.now();
  const response = await pending;
  const answered = Date.now();
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.equal(listed(text), 4, text);
  assert.ok(answered >= wroteAt, 'answered before the segment was written');
  // Woken by the write, not by the three-second timeout.
  assert.ok(answered - asked < 2_000, `held ${answered - asked} ms`);
});

test('a segment that is not written in three target durations is a 503', async () => {
  writeSegments(4);
  const asked = Date.now();
  const response = await fetch(`${playlistUrl}?_HLS_msn=4`);
  const held = Date.now() - asked;
  assertError({ status: response.status, body: await response.json() }, 503, 'segment_not_ready');
  assert.ok(held >= 2_900, `answered after ${held} ms, before three target durations`);
});

test('directives that cannot be met are refused at once with a 400', async () => {
  writeSegments(4);
  for (const query of ['_HLS_msn=7', '_HLS_msn=-1', '_HLS_msn=abc', '_HLS_part=0']) {
    const response = await fetch(`${playlistUrl}?${query}`);
    const body = await response.json();
    assertError({ status: response.status, body }, 400, 'invalid_delivery_directive');
  }
});

test('a held request is answered when the stream ends', async () => {
  writeSegments(4);
  const pending = fetch(`${playlistUrl}?_HLS_msn=4`);
  await heldRequests(1);
  const asked = Date.now();
  server.app.hlsPublications.end(hlsDir(server.dataDir, STREAM));
  const response = await pending;
  assert.equal(response.status, 200);
  assert.match(await response.text(), /^#EXT-X-ENDLIST$/m);
  assert.ok(Date.now() - asked < 2_000, 'answered by the end, not by the timeout');
  assert.equal(server.app.hlsPublications.updates.held, 0);
});

test('an ended stream does not offer blocking reload and answers a held request at once', async () => {
  server.app.hlsPublications.end(hlsDir(server.dataDir, STREAM));
  const response = await fetch(`${playlistUrl}?_HLS_msn=4`);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.doesNotMatch(text, /CAN-BLOCK-RELOAD/);
  assert.match(text, /^#EXT-X-ENDLIST$/m);
});
