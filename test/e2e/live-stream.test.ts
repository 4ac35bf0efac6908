// Live streaming and recording end to end: a host publishes with a fake camera, goes live from
// the meeting's controls, and a viewer (hls-viewer) sees the player play it, receives chat and
// timed metadata sent over REST, plays on across an ffmpeg crash, and sees it end. A recording
// of the session made over REST is an MP4 with video and audio of about its length, after
// ffmpeg was killed in the middle of it; its asset downloads through its signed URL, and an
// altered URL is refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { eventually, openMeeting } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import { probeMedia } from '../../server/streaming/media-probe.ts';

// A small composite: two cores run the host, the viewer, the recorder and ffmpeg at once.
const fixture = useMeetingFixture({
  CONVENE_RECORDER_WIDTH: '640',
  CONVENE_RECORDER_HEIGHT: '360',
});

/** Runs `body` with the RoomClient of the page's <convene-meeting>. */
function withMeetingClient<T>(page: Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([source, value]) => {
      const meeting = document.querySelector('convene-meeting');
      const room = meeting?.shadowRoot?.querySelector('convene-room') as any;
      return new Function('client', 'arg', source)(room?.client, value);
    },
    [body, arg] as const,
  ) as Promise<T>;
}

const connected = (page: Page, what: string) =>
  eventually(
    () => withMeetingClient<string>(page, 'return client?.store.state.connection'),
    (state) => state === 'connected',
    { what, timeoutMs: 60_000 },
  );

/** The viewer's player: how far it has played, and the decoded picture's width. */
const playback = (page: Page) =>
  page.locator('convene-hls-player video').evaluate((video: HTMLVideoElement) => ({
    time: video.currentTime,
    width: video.videoWidth,
  }));

describe('live streaming and recording', () => {
  test('a host goes live; a viewer watches, gets chat and timed metadata, and sees it end', async () => {
    const { server, browser } = fixture;
    const room = await server.createRoom('e2e-live');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    const vic = await openMeeting(browser, server.meetingLink(room.codes['hls-viewer']!, 'Vic'));
    try {
      await connected(ada, 'the host to join');
      await connected(vic, 'the viewer to join');
      await vic
        .getByText('The stream has not started yet', { exact: false })
        .waitFor({ timeout: 30_000 });
      await vic.evaluate(() => {
        (window as any).metadata = [];
        document.addEventListener('convene-timed-metadata', (event) =>
          (window as any).metadata.push((event as CustomEvent).detail.payload),
        );
      });

      await ada.getByRole('button', { name: 'Go live', exact: true }).click();
      await ada.getByText('Live', { exact: true }).first().waitFor({ timeout: 60_000 });
      const first = await eventually(
        () => playback(vic).catch(() => ({ time: 0, width: 0 })),
        (state) => state.width > 0 && state.time > 0,
        { what: 'the viewer’s player to show frames', timeoutMs: 60_000 },
      );
      await eventually(
        () => playback(vic),
        (state) => state.time > first.time + 1,
        { what: 'the stream to keep playing', timeoutMs: 30_000 },
      );

      const { data: streams } = await server.api('GET', `/v2/live-streams?room_id=${room.id}`);
      const stream = streams.find((s: { status: string }) => s.status === 'running');
      assert.ok(stream, 'the live stream is listed as running');
      await server.api('POST', `/v2/live-streams/${stream.id}/timed-metadata`, {
        payload: 'poll:42 "now"',
        duration: 5,
      });
      await eventually(
        () => vic.evaluate(() => (window as any).metadata as string[]),
        (payloads) => payloads.includes('poll:42 "now"'),
        { what: 'the timed metadata to reach the viewer', timeoutMs: 30_000 },
      );

      // ffmpeg killed as a crash would: it starts again on a new run of files, and the viewer's
      // player goes on across the discontinuity.
      const firstRun = `${stream.id}/%v/r0_%05d.m4s`;
      assert.equal(pgrepCount(firstRun), 1, 'one ffmpeg writes the stream');
      execFileSync('pkill', ['-KILL', '-f', firstRun]);
      await eventually(
        () => Promise.resolve(pgrepCount(`${stream.id}/%v/r1_%05d.m4s`)),
        (count) => count === 1,
        { what: 'ffmpeg to be started again on a new run', timeoutMs: 30_000 },
      );
      const afterCrash = await playback(vic);
      await eventually(
        () => playback(vic),
        (state) => state.time > afterCrash.time + 3,
        { what: 'the viewer’s player to play on after the restart', timeoutMs: 45_000 },
      );

      await withMeetingClient(ada, 'return client.sendMessage(arg)', 'Welcome, viewers');
      await eventually(
        () =>
          withMeetingClient<string[]>(
            vic,
            'return client.store.state.messages.map((m) => m.message)',
          ),
        (messages) => messages.includes('Welcome, viewers'),
        { what: 'the host’s chat line on the viewer’s page' },
      );

      await ada.getByRole('button', { name: 'End stream', exact: true }).click();
      await vic.getByText('The stream has ended.', { exact: true }).waitFor({ timeout: 30_000 });
      await eventually(
        () => server.api('GET', `/v2/live-streams/${stream.id}`),
        (ended) => ended.status === 'completed',
        { what: 'the live stream to complete' },
      );
    } finally {
      await ada.context().close();
      await vic.context().close();
    }
  });

  test('a recording survives ffmpeg being killed, plays, and downloads through its signed URL', async () => {
    const { server, browser } = fixture;
    const room = await server.createRoom('e2e-record');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    try {
      await connected(ada, 'the host to join');
      const started = await server.api('POST', `/v2/recordings/room/${room.id}/start`, {});
      assert.equal(started.status, 'starting');
      const running = await eventually(
        () => server.api('GET', `/v2/recordings/${started.id}`),
        (recording) => recording.status === 'running',
        { what: 'the recording to run', timeoutMs: 60_000 },
      );
      const runningAt = Date.now();
      assert.ok(running.started_at);

      // Killed as a crash would: the part written so far stays, and a new part starts.
      const part = `${started.id}.mp4.part0.mp4`;
      // Each read asks the server, which paces the loop.
      const elapsed = () =>
        server.api('GET', `/v2/recordings/${started.id}`).then(() => Date.now() - runningAt);
      await eventually(elapsed, (ms) => ms > 5_000, {
        what: 'five seconds of recording',
        timeoutMs: 20_000,
      });
      execFileSync('pkill', ['-KILL', '-f', part]);
      await eventually(
        () => elapsed().then(() => pgrepCount(`${started.id}.mp4.part1.mp4`)),
        (count) => count > 0,
        { what: 'ffmpeg to be restarted on a new part', timeoutMs: 30_000 },
      );
      await eventually(elapsed, (ms) => ms > 14_000, {
        what: 'fourteen seconds of recording',
        timeoutMs: 30_000,
      });
      const seconds = (Date.now() - runningAt) / 1000;
      await server.api('POST', `/v2/recordings/${started.id}/stop`, {});
      const done = await eventually(
        () => server.api('GET', `/v2/recordings/${started.id}`),
        (recording) => recording.status === 'completed' && recording.recording_assets.length > 0,
        { what: 'the recording to complete with its asset', timeoutMs: 60_000 },
      );
      const asset = done.recording_assets[0];
      assert.equal(asset.type, 'room-composite');
      assert.ok(asset.metadata.gaps.length >= 1, 'the crash is recorded as a gap');

      const { streams, duration } = await probeMedia(asset.path);
      assert.deepEqual(streams, ['audio', 'video']);
      // About as long as it ran (from `running` to its end after the stop, as the server saw
      // it), less the restart's gap (a few seconds at most). A loaded machine takes a while to
      // stop ffmpeg, so the test's own clock undercounts; and it reports `running` late (its
      // first progress line), so up to 3 s more than the server's span is still about right.
      const ran = (Date.parse(done.stopped_at) - Date.parse(done.started_at)) / 1000;
      assert.ok(ran >= seconds - 1, `ran ${ran} s; the test waited ${seconds} s`);
      assert.ok(duration > ran - 6 && duration < ran + 3, `${duration} s of ${ran} s`);

      const { url } = await server.api(
        'GET',
        `/v2/recording-assets/${asset.id}/presigned-url?presign_duration=60`,
      );
      const download = await fetch(new URL(url, server.url));
      assert.equal(download.status, 200);
      assert.equal((await download.arrayBuffer()).byteLength, asset.size);
      const altered = await fetch(new URL(url.replace(/signature=./, 'signature=x'), server.url));
      assert.equal(altered.status, 403);
    } finally {
      await ada.context().close();
    }
  });
  test('a live stream’s recording is an MP4 per layer and an hls_vod ZIP, without the stretch it was paused for', async () => {
    const { server, browser } = fixture;
    const room = await server.createRoom('e2e-live-recording');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    try {
      await connected(ada, 'the host to join');
      const started = await server.api('POST', `/v2/live-streams/room/${room.id}/start`, {
        recording: { single_file_per_layer: true, hls_vod: true },
      });
      await eventually(
        () => server.api('GET', `/v2/live-streams/${started.id}`),
        (stream) => stream.status === 'running',
        { what: 'the live stream to run', timeoutMs: 60_000 },
      );
      // Each read asks the server, which paces the loop.
      const seconds = (what: string, from: number, wanted: number) =>
        eventually(
          () => server.api('GET', `/v2/live-streams/${started.id}`).then(() => Date.now() - from),
          (ms) => ms > wanted * 1000,
          { what, timeoutMs: wanted * 1000 + 20_000 },
        );
      await seconds('four seconds of stream', Date.now(), 4);
      // The server pauses and resumes at some moment while each request is out, so the paused
      // stretch is known between two bounds: a slow answer on a loaded machine widens them.
      const pauseAsked = Date.now();
      const paused = await server.api('POST', `/v2/live-streams/${started.id}/pause-recording`);
      const pauseAnswered = Date.now();
      assert.equal(paused.recording_paused, true);
      await seconds('six seconds paused', pauseAsked, 6);
      const resumeAsked = Date.now();
      await server.api('POST', `/v2/live-streams/${started.id}/resume-recording`);
      const resumeAnswered = Date.now();
      const pausedFor = {
        least: (resumeAsked - pauseAnswered) / 1000,
        most: (resumeAnswered - pauseAsked) / 1000,
      };
      await seconds('four more seconds of stream', Date.now(), 4);
      await server.api('POST', `/v2/live-streams/${started.id}/stop`, {});
      const done = await eventually(
        () => server.api('GET', `/v2/live-streams/${started.id}`),
        (stream) => stream.status === 'completed' && stream.recording_assets.length === 3,
        { what: 'the stream to complete with an asset per layer and the ZIP', timeoutMs: 60_000 },
      );
      const [best, small, vod] = done.recording_assets;
      assert.deepEqual([best.type, best.metadata.layer, small.metadata.layer], ['room-vod', 0, 1]);
      // The recorder's 640x360 picture, and the ladder's half-height rendition.
      assert.deepEqual(best.metadata.resolution, { width: 640, height: 360 });
      assert.deepEqual(small.metadata.resolution, { width: 320, height: 180 });
      const media = await probeMedia(best.path);
      assert.deepEqual(media.streams, ['audio', 'video']);
      // Everything the stream played, by its own playlist (still served, ended), less the
      // pause: segments are cut whole (half a second each), so within a segment either way.
      const playlist = await fetch(
        new URL(done.playback.url.replace('master.m3u8', '0/index.m3u8'), server.url),
      );
      assert.equal(playlist.status, 200);
      const streamed = [...(await playlist.text()).matchAll(/^#EXTINF:([\d.]+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      const { duration } = media;
      assert.ok(
        streamed - duration > pausedFor.least - 1.5 && streamed - duration < pausedFor.most + 1.5,
        `${duration} s recorded of ${streamed} s streamed, ${pausedFor.least}-${pausedFor.most} s of it paused`,
      );
      const { url } = await server.api(
        'GET',
        `/v2/recording-assets/${best.id}/presigned-url?presign_duration=60`,
      );
      const download = await fetch(new URL(url, server.url));
      assert.equal(download.status, 200);
      assert.equal((await download.arrayBuffer()).byteLength, best.size);

      // hls_vod: the playlists and their segments in one ZIP, as long as the MP4.
      assert.equal(vod.type, 'room-vod');
      assert.equal(vod.metadata.media_type, 'application/zip');
      assert.ok(Math.abs(vod.duration - duration) <= 1, `${vod.duration} s zipped, ${duration} s`);
      const listed = execFileSync('unzip', ['-Z1', vod.path], { encoding: 'utf8' }).split('\n');
      for (const playlist of ['master.m3u8', '0/index.m3u8', '1/index.m3u8'])
        assert.ok(listed.includes(playlist), `${playlist} is not in the ZIP`);
      const zipLink = await server.api(
        'GET',
        `/v2/recording-assets/${vod.id}/presigned-url?presign_duration=60`,
      );
      const zip = await fetch(new URL(zipLink.url, server.url));
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      assert.equal((await zip.arrayBuffer()).byteLength, vod.size);
    } finally {
      await ada.context().close();
    }
  });
});

function pgrepCount(pattern: string): number {
  try {
    return execFileSync('pgrep', ['-f', pattern]).toString().trim().split('\n').length;
  } catch {
    return 0;
  }
}
