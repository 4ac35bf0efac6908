// RTMP out end to end: a host publishes with a fake camera, an external stream goes to two URLs,
// a local RTMP server (ffmpeg listening on loopback) and a dead one. The live URL gets frames;
// the dead one fails alone, listed with its reason, while the stream runs on; the stream's
// recording (one more branch of the same encode) is an MP4 with video and audio.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, openMeeting } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import { probeMedia } from '../../server/streaming/media-probe.ts';
import { useRtmpServers } from './support/rtmp-server.ts';

const fixture = useMeetingFixture({
  CONVENE_RECORDER_WIDTH: '640',
  CONVENE_RECORDER_HEIGHT: '360',
});
const startRtmpServer = useRtmpServers();

describe('RTMP out', () => {
  test('a local RTMP server gets frames while a dead URL fails alone, and the stream is recorded', async () => {
    const { server, browser } = fixture;
    const room = await server.createRoom('e2e-rtmp');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    try {
      const receiver = await startRtmpServer();
      const live = receiver.url;
      const dead = 'rtmp://127.0.0.1:9/live/dead';
      const askedAt = Date.now();
      const started = await eventually(
        () =>
          server
            .api('POST', `/v2/external-streams/room/${room.id}/start`, {
              rtmp_urls: [live, dead],
              recording: true,
            })
            .catch(() => undefined),
        (stream) => stream !== undefined,
        { what: 'the external stream to start once the host is in', timeoutMs: 30_000 },
      );
      await eventually(
        () => server.api('GET', `/v2/external-streams/${started.id}`).then(() => receiver.frames()),
        (frames) => frames > 30,
        { what: 'frames at the RTMP server', timeoutMs: 60_000 },
      );
      // Running is written when ffmpeg first reports progress, which a loaded machine delays.
      const going = await eventually(
        () => server.api('GET', `/v2/external-streams/${started.id}`),
        (stream) => stream.failed_rtmp_urls.length > 0 && stream.status !== 'starting',
        { what: 'the dead URL listed as failed, and the stream past starting' },
      );
      assert.equal(going.status, 'running', 'the dead URL did not take the live one down');
      assert.deepEqual(
        going.failed_rtmp_urls.map((failure: { url: string }) => failure.url),
        [dead],
      );
      assert.match(going.failed_rtmp_urls[0].message, /rtmp_urls\[1\]/);
      assert.doesNotMatch(going.failed_rtmp_urls[0].message, /live\/dead/, 'no stream key');
      await server.api('POST', `/v2/external-streams/${started.id}/stop`, {});
      const done = await eventually(
        () => server.api('GET', `/v2/external-streams/${started.id}`),
        (stream) => stream.status === 'completed' && stream.recording_assets.length > 0,
        { what: 'the external stream to complete with its recording' },
      );
      assert.equal(done.recording, true);
      const [asset] = done.recording_assets;
      assert.equal(asset.type, 'room-composite');
      const { streams, duration } = await probeMedia(asset.path);
      assert.deepEqual(streams, ['audio', 'video']);
      // Real media (over 30 frames reached the RTMP server first), and no longer than the test
      // itself took from the start request: the server's own span starts at `running`, which a
      // loaded machine writes seconds late, so it is no bound.
      const took = (Date.now() - askedAt) / 1000;
      assert.ok(duration > 0.9 && duration < took, `${duration} s recorded in a ${took} s test`);
    } finally {
      await ada.context().close();
    }
  });
});
