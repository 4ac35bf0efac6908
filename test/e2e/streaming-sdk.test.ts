// 100ms's Node server SDK drives Convene's live streams, external streams (RTMP), recordings and
// recording assets unchanged (only its base URL points here), on a room where a host publishes
// a fake camera: every start runs the real recorder and ffmpeg. The RTMP stream goes to a local
// ffmpeg listening on loopback and a dead URL, which fails alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as Hms from '@100mslive/server-sdk/dist/types/index.js';
import { eventually, openMeeting } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import { useRtmpServers } from './support/rtmp-server.ts';

const require = createRequire(import.meta.url);
const hms = require('@100mslive/server-sdk') as typeof Hms;

const fixture = useMeetingFixture({
  CONVENE_RECORDER_WIDTH: '640',
  CONVENE_RECORDER_HEIGHT: '360',
});
const startRtmpServer = useRtmpServers();

function sdk(): Hms.SDK {
  const { accessKey, secret } = fixture.server.workspace;
  const client = new hms.SDK(accessKey, secret);
  // As in test/server/server-sdk.test.ts: the SDK hard-codes 100ms's base URL.
  (client.api as unknown as { axios: { defaults: { baseURL?: string } } }).axios.defaults.baseURL =
    `${fixture.server.url}/v2`;
  client.setLogLevel('silent');
  return client;
}

async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('the 100ms server SDK on streams and recordings', () => {
  test('live streams, RTMP with a dead URL, recordings and their assets', async () => {
    const { server, browser } = fixture;
    const room = await server.createRoom('e2e-sdk-streams');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    const hmsSdk = sdk();
    const meeting_url = server.meetingLink(room.codes.host!, 'Recorder');
    const poll = <T>(read: () => Promise<T>, check: (value: T) => boolean, what: string) =>
      eventually(read, check, { what, timeoutMs: 60_000 });
    try {
      // The room is live once Ada is in: a start before that has no session.
      const live = await poll(
        () => hmsSdk.liveStreams.start(room.id, { meeting_url }).catch(() => undefined),
        (stream) => stream !== undefined,
        'a live stream to start once the host is in',
      );
      assert.equal(live!.status, 'starting');
      await poll(
        () => hmsSdk.liveStreams.retrieve(live!.id),
        (s) => s.status === 'running',
        'HLS running',
      );
      const sent = await hmsSdk.liveStreams.sendTimedMetadata(live!.id, {
        payload: 'hi',
        duration: 2,
      });
      assert.equal(sent.id, live!.id);
      const listed = await all(hmsSdk.liveStreams.list({ room_id: room.id }));
      assert.deepEqual(
        listed.map((s) => s.id),
        [live!.id],
      );
      await hmsSdk.liveStreams.stop(live!.id);
      await poll(
        () => hmsSdk.liveStreams.retrieve(live!.id),
        (s) => s.status === 'completed',
        'HLS completed',
      );

      // Frames at a local RTMP server are checked in rtmp-out.test.ts; here the SDK drives it.
      const receiver = await startRtmpServer();
      const external = await hmsSdk.externalStreams.start(room.id, {
        meeting_url,
        rtmp_urls: [receiver.url, 'rtmp://127.0.0.1:9/live/dead'],
      });
      assert.equal(external.status, 'starting');
      await poll(
        () => hmsSdk.externalStreams.retrieve(external.id),
        (s) => s.status === 'running',
        'RTMP running',
      );
      const going = await poll(
        () => server.api('GET', `/v2/external-streams/${external.id}`),
        (s: any) => s.failed_rtmp_urls.length > 0,
        'the dead URL to be listed as failed',
      );
      assert.equal(going.status, 'running', 'the dead URL did not take the live one down');
      assert.deepEqual(
        going.failed_rtmp_urls.map((failure: { url: string }) => failure.url),
        ['rtmp://127.0.0.1:9/live/dead'],
      );
      await hmsSdk.externalStreams.stop(external.id);
      await poll(
        () => hmsSdk.externalStreams.retrieve(external.id),
        (s) => s.status === 'completed',
        'RTMP completed',
      );

      const recording = await hmsSdk.recordings.start(room.id, { meeting_url });
      const running = await poll(
        () => hmsSdk.recordings.retrieve(recording.id),
        (r) => r.status === 'running',
        'the recording to run',
      );
      const runningAt = Date.now();
      await poll(
        () => hmsSdk.recordings.retrieve(recording.id).then(() => Date.now() - runningAt),
        (ms) => ms > 4_000,
        'four seconds of recording',
      );
      assert.ok(running.started_at);
      await hmsSdk.recordings.stop(recording.id);
      const done = await poll(
        () => hmsSdk.recordings.retrieve(recording.id),
        (r) => r.status === 'completed',
        'the recording to complete',
      );
      assert.equal(done.id, recording.id);
      const assets = await poll(
        () => all(hmsSdk.recordingAssets.list({ room_id: room.id })),
        (found) => found.length > 0,
        'the recording’s asset',
      );
      const asset = await hmsSdk.recordingAssets.retrieve(assets[0]!.id);
      assert.equal(asset.type, 'room-composite');
      const signed = await hmsSdk.recordingAssets.generatePreSignedURL(asset.id, 60);
      const download = await fetch(new URL(signed.url, server.url));
      assert.equal(download.status, 200);
      assert.ok((await download.arrayBuffer()).byteLength > 10_000);
    } finally {
      await ada.context().close();
    }
  });
});
