// Live streams, recordings, recording assets and external streams over REST, in 100ms's shapes:
// validation, 404 without a session, auth, lifecycle, presigned downloads, pagination, webhooks.
//
// Isolation note: the media pipeline (recorder peer + ffmpeg) is NOT under test here. The server
// is given a small in-test PipelineProvider whose outputs are EventEmitters the tests drive
// (`running`, `ended`), so the lifecycle above the pipeline boundary is what is tested. The
// recording's MP4 is a real file made by the real ffmpeg; real-media e2e tests come on top.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { execFileSync } from 'node:child_process';
import { startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';
import { assertError } from './api-assertions.ts';
import { downloadLink } from '../../server/api/recording-assets.ts';
import type {
  OutputEvents,
  OutputSpec,
  PipelineOutput,
  PipelineProvider,
  RoomPipelineApi,
} from '../../server/streaming/pipeline-types.ts';

class DrivenOutput extends EventEmitter<OutputEvents> implements PipelineOutput {
  static count = 0;
  readonly id = `output-${++DrivenOutput.count}`;
  readonly metadata: [string, number][] = [];
  constructor(readonly spec: OutputSpec) {
    super();
  }
  async stop(): Promise<void> {
    // A recording's file is complete when stop resolves: a real 1 s MP4 from the real ffmpeg.
    // A live stream has written its segments: 2 s of real fMP4 HLS, in the server's layout.
    if (this.spec.kind === 'recording') writeMp4(this.spec.file);
    if (this.spec.kind === 'hls') writeHls(path.join(this.spec.dir, '0'));
    this.emit('ended', { gaps: [{ from: 'a', to: 'b', reason: 'test gap' }] });
  }
  addTimedMetadata(payload: string, duration: number): void {
    this.metadata.push([payload, duration]);
  }
}

function writeMp4(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('/usr/bin/ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=1'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', file],
  ]);
}

function writeHls(variantDir: string): void {
  fs.mkdirSync(variantDir, { recursive: true });
  execFileSync('/usr/bin/ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '10', '-f', 'hls', '-hls_time', '1'],
    ...['-hls_segment_type', 'fmp4', '-hls_flags', 'program_date_time'],
    ...['-hls_fmp4_init_filename', 'r0_init_0.mp4'],
    ...['-hls_segment_filename', path.join(variantDir, 'r0_%05d.m4s')],
    path.join(variantDir, 'r0.m3u8'),
  ]);
}

/** Rooms in `live` have a session; the outputs started, newest last. */
const live = new Set<string>();
const outputs: DrivenOutput[] = [];
const pipelines: PipelineProvider = {
  async pipelineFor({ roomId }): Promise<RoomPipelineApi | undefined> {
    if (!live.has(roomId)) return undefined;
    return {
      async startOutput(spec) {
        const output = new DrivenOutput(spec);
        outputs.push(output);
        return output;
      },
    };
  },
};

let server: TestServer;

before(async () => {
  server = await startTestServer({ pipelines });
});
after(async () => server.close());

async function liveRoom(name: string): Promise<string> {
  const created = await server.api('POST', '/v2/rooms', { name: `${name}-${Date.now()}` });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  live.add(created.body.id);
  return created.body.id;
}

async function eventsOf(roomId: string): Promise<{ type: string; data: any }[]> {
  const rows = await server.app.storage.db
    .selectFrom('webhook_events')
    .select(['type', 'body'])
    .where('room_id', '=', roomId)
    .orderBy('seq')
    .execute();
  return rows
    .map((row) => JSON.parse(row.body) as { type: string; data: any })
    .filter((event) => event.type !== 'room.create.success');
}

async function statusOf(base: string, id: string, status: string) {
  return waitFor(
    async () => {
      const got = await server.api('GET', `${base}/${id}`);
      return got.body.status === status ? got.body : undefined;
    },
    { what: `${base}/${id} ${status}` },
  );
}

test('the stream routes need a management token', async () => {
  for (const route of [
    '/v2/live-streams',
    '/v2/recordings',
    '/v2/recording-assets',
    '/v2/external-streams',
  ]) {
    const response = await server.api('GET', route, undefined, '');
    assertError(response, 401);
  }
});

test('starting in a room with no session answers 404 room_not_active, and writes no row', async () => {
  const created = await server.api('POST', '/v2/rooms', { name: `idle-${Date.now()}` });
  const response = await server.api('POST', `/v2/live-streams/room/${created.body.id}/start`, {});
  assertError(response, 404, 'room_not_active');
  const listed = await server.api('GET', `/v2/live-streams?room_id=${created.body.id}`);
  assert.deepEqual(listed.body.data, []);
});

test('starting in a room that does not exist answers 404 room_not_found', async () => {
  const response = await server.api('POST', '/v2/recordings/room/nosuchroom/start', {});
  assertError(response, 404, 'room_not_found');
});

test('a bad meeting_url, resolution or rtmp_urls is a 400 naming the field', async () => {
  const roomId = await liveRoom('validation');
  const cases: [string, unknown, string][] = [
    ['/v2/recordings', { meeting_url: 'ftp://x' }, 'invalid_field:meeting_url'],
    [
      '/v2/recordings',
      { resolution: { width: 320, height: 720 } },
      'invalid_field:resolution.width',
    ],
    [
      '/v2/recordings',
      { resolution: { width: 1280, height: 2000 } },
      'invalid_field:resolution.height',
    ],
    ['/v2/external-streams', { rtmp_urls: ['http://a/b'] }, 'invalid_field:rtmp_urls'],
    ['/v2/external-streams', { rtmp_urls: [] }, 'invalid_field:rtmp_urls'],
    [
      '/v2/external-streams',
      { rtmp_urls: ['rtmp://a/1', 'rtmp://a/2', 'rtmps://a/3', 'rtmp://a/4'] },
      'invalid_field:rtmp_urls',
    ],
  ];
  for (const [base, body, reason] of cases) {
    assertError(await server.api('POST', `${base}/room/${roomId}/start`, body), 400, reason);
  }
  assert.equal(outputs.filter((o) => o.spec.kind !== 'hls').length, 0);
});

test('a live stream goes starting -> running -> completed, once at a time, with hls webhooks', async () => {
  const roomId = await liveRoom('live');
  const started = await server.api('POST', `/v2/live-streams/room/${roomId}/start`, {
    meeting_url: 'https://example.com/meet',
    recording: { single_file_per_layer: false },
  });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const stream = started.body;
  assert.equal(stream.status, 'starting');
  assert.equal(stream.room_id, roomId);
  // Signed for a day: `/hls/{id}/{expires}.{signature}/master.m3u8`.
  assert.match(stream.playback.url, new RegExp(`^/hls/${stream.id}/\\d+\\.[\\w-]+/master\\.m3u8$`));
  assert.deepEqual(stream.recording, { hls_vod: false, single_file_per_layer: false });
  const output = outputs.at(-1)!;
  assert.equal(output.spec.kind, 'hls');

  assertError(await server.api('POST', `/v2/live-streams/room/${roomId}/start`, {}), 409);
  // Not running yet: no timed metadata.
  assertError(
    await server.api('POST', `/v2/live-streams/${stream.id}/timed-metadata`, {
      payload: 'x',
      duration: 5,
    }),
    409,
    'live_stream_not_running',
  );

  output.emit('running');
  const running = await statusOf('/v2/live-streams', stream.id, 'running');
  assert.ok(running.started_at);

  const sent = await server.api('POST', `/v2/live-streams/${stream.id}/timed-metadata`, {
    payload: 'poll:1',
    duration: 10,
  });
  assert.equal(sent.status, 200);
  assert.deepEqual(output.metadata, [['poll:1', 10]]);

  const paused = await server.api('POST', `/v2/live-streams/${stream.id}/pause-recording`);
  assert.equal(paused.body.recording_paused, true);
  assertError(await server.api('POST', `/v2/live-streams/${stream.id}/pause-recording`), 409);
  const resumed = await server.api('POST', `/v2/live-streams/${stream.id}/resume-recording`);
  assert.equal(resumed.body.recording_paused, false);
  assertError(
    await server.api('POST', `/v2/live-streams/${stream.id}/resume-recording`),
    409,
    'recording_not_paused',
  );

  const stopped = await server.api('POST', `/v2/live-streams/${stream.id}/stop`);
  assert.equal(stopped.status, 200);
  const completed = await statusOf('/v2/live-streams', stream.id, 'completed');
  assert.ok(completed.stopped_at);
  assertError(
    await server.api('POST', `/v2/live-streams/${stream.id}/stop`),
    409,
    'live_stream_not_running',
  );
  assertError(await server.api('POST', `/v2/live-streams/room/${roomId}/stop`), 404);

  const events = await waitFor(async () => {
    const all = await eventsOf(roomId);
    return all.length >= 3 ? all : undefined;
  });
  assert.deepEqual(
    events.map((e) => e.type),
    ['hls.started.success', 'hls.stopped.success', 'hls.recording.success'],
  );
  const [startedEvent, stoppedEvent, recordedEvent] = events.map((e) => e.data);
  assert.equal(startedEvent.beam_id, stream.id);
  assert.equal(startedEvent.stream_id, stream.id);
  assert.equal(startedEvent.meeting_url, 'https://example.com/meet');
  assert.equal(startedEvent.recording_single_file_per_layer_enabled, false);
  assert.ok(startedEvent.url.startsWith(`${server.url}/hls/${stream.id}/`), startedEvent.url);
  assert.equal(stoppedEvent.room_id, roomId);
  assert.equal(stoppedEvent.reason, 'client request');
  assert.equal(typeof stoppedEvent.duration, 'number');

  // The stream's recording: one MP4 (the best layer) made from the segments it wrote.
  const { body: assets } = await server.api('GET', `/v2/recording-assets?room_id=${roomId}`);
  assert.equal(assets.data.length, 1);
  const [asset] = assets.data;
  assert.equal(asset.type, 'room-vod');
  assert.equal(asset.job_id, stream.id);
  assert.equal(asset.duration, 2);
  assert.deepEqual(asset.metadata.resolution, { width: 160, height: 120 });
  const [single] = recordedEvent.recording_single_files;
  assert.deepEqual(
    { asset_id: single.asset_id, layer: single.layer, width: single.width },
    { asset_id: asset.id, layer: '0', width: 160 },
  );
  const download = await fetch(recordedEvent.recording_presigned_url);
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), fs.readFileSync(asset.path));
  const withAssets = await server.api('GET', `/v2/live-streams/${stream.id}`);
  assert.deepEqual(
    withAssets.body.recording_assets.map((a: any) => a.id),
    [asset.id],
  );
});

test('pausing the recording of a live stream that records nothing is a 409', async () => {
  const roomId = await liveRoom('live-unrecorded');
  const started = await server.api('POST', `/v2/live-streams/room/${roomId}/start`, {});
  outputs.at(-1)!.emit('running');
  await statusOf('/v2/live-streams', started.body.id, 'running');
  assertError(
    await server.api('POST', `/v2/live-streams/${started.body.id}/pause-recording`),
    409,
    'recording_not_enabled',
  );
  await server.api('POST', `/v2/live-streams/${started.body.id}/stop`);
  await statusOf('/v2/live-streams', started.body.id, 'completed');
  const { body: assets } = await server.api('GET', `/v2/recording-assets?room_id=${roomId}`);
  assert.deepEqual(assets.data, [], 'a live stream without a recording leaves no asset');
});

test('an output that fails ends its stream as failed with the reason, and sends hls.failure', async () => {
  const roomId = await liveRoom('failing');
  const started = await server.api('POST', `/v2/live-streams/room/${roomId}/start`, {});
  outputs.at(-1)!.emit('ended', { failed: 'ffmpeg exited', gaps: [] });
  const failed = await statusOf('/v2/live-streams', started.body.id, 'failed');
  assert.equal(failed.error.message, 'ffmpeg exited');
  const events = await waitFor(async () => {
    const all = await eventsOf(roomId);
    return all.some((e) => e.type === 'hls.failure') ? all : undefined;
  });
  const failure = events.find((e) => e.type === 'hls.failure')!.data;
  assert.equal(failure.error_message, 'ffmpeg exited');
  assert.equal(failure.error_type, 'INTERNAL_ERROR');
  // The room's slot is free again.
  const again = await server.api('POST', `/v2/live-streams/room/${roomId}/start`, {});
  assert.equal(again.status, 200);
});

test('a stopped recording leaves an asset with its size, duration and gaps, and beam.recording.success', async () => {
  const roomId = await liveRoom('recording');
  const started = await server.api('POST', `/v2/recordings/room/${roomId}/start`, {
    resolution: { width: 640, height: 360 },
  });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.deepEqual(started.body.asset_types, ['room-composite']);
  const output = outputs.at(-1)!;
  assert.equal(output.spec.kind, 'recording');
  assert.ok(output.spec.kind === 'recording' && output.spec.file.startsWith(server.dataDir));
  output.emit('running');
  await statusOf('/v2/recordings', started.body.id, 'running');

  const stopped = await server.api('POST', `/v2/recordings/room/${roomId}/stop`);
  assert.equal(stopped.status, 200);
  assert.equal(stopped.body.data.length, 1);
  const done = await waitFor(async () => {
    const got = await server.api('GET', `/v2/recordings/${started.body.id}`);
    return got.body.recording_assets?.length === 1 ? got.body : undefined;
  });
  assert.equal(done.status, 'completed');
  const [asset] = done.recording_assets;
  assert.equal(asset.type, 'room-composite');
  assert.equal(asset.status, 'completed');
  assert.equal(asset.size, fs.statSync(asset.path).size);
  assert.equal(asset.duration, 1);
  assert.deepEqual(asset.metadata.gaps, [{ from: 'a', to: 'b', reason: 'test gap' }]);

  const listed = await server.api('GET', `/v2/recording-assets?room_id=${roomId}`);
  assert.deepEqual(
    listed.body.data.map((a: any) => a.id),
    [asset.id],
  );
  const got = await server.api('GET', `/v2/recording-assets/${asset.id}`);
  assert.equal(got.body.job_id, started.body.id);

  const events = await waitFor(async () => {
    const all = await eventsOf(roomId);
    return all.some((e) => e.type === 'beam.recording.success') ? all : undefined;
  });
  assert.deepEqual(
    events.map((e) => e.type),
    ['beam.started.success', 'beam.stopped.success', 'beam.recording.success'],
  );
  const recorded = events[2]!.data;
  assert.equal(recorded.beam_id, started.body.id);
  assert.equal(recorded.recording_enabled, true);
  assert.deepEqual([recorded.max_width, recorded.max_height], [640, 360]);
  assert.equal(recorded.recording_assets[0].id, asset.id);
  assert.equal(recorded.recording_path, asset.path);
  assert.equal(recorded.size, asset.size);
  const download = await fetch(recorded.recording_presigned_url);
  assert.equal(download.status, 200, 'the webhook’s download link works');
});

test('a presigned URL downloads the file (ranges too) until it expires, and not once altered', async () => {
  const [asset] = (await server.api('GET', '/v2/recording-assets?limit=1')).body.data;
  const presigned = await server.api(
    'GET',
    `/v2/recording-assets/${asset.id}/presigned-url?presign_duration=60`,
  );
  assert.equal(presigned.status, 200);
  assert.equal(presigned.body.id, asset.id);
  assert.equal(presigned.body.path, asset.path);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(presigned.body.expiry >= now + 59 && presigned.body.expiry <= now + 61);

  const whole = await fetch(server.url + presigned.body.url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), fs.readFileSync(asset.path));

  const part = await fetch(server.url + presigned.body.url, { headers: { range: 'bytes=4-11' } });
  assert.equal(part.status, 206);
  assert.equal(Buffer.from(await part.arrayBuffer()).toString('latin1'), 'ftypisom');

  const altered = await fetch(
    server.url + presigned.body.url.replace(/expires=\d+/, `expires=${now + 9999}`),
  );
  assert.equal(altered.status, 403);
  assert.equal((await altered.json()).details[0], 'link_invalid');

  const expired = await fetch(server.url + downloadLink(server.app.urlSigner, asset.id, now - 1));
  assert.equal(expired.status, 403);
  assert.equal((await expired.json()).details[0], 'link_expired');

  assertError(await server.api('GET', '/v2/recording-assets/nosuchasset/presigned-url'), 404);
});

test('external streams carry their rtmp_urls and page by cursor', async () => {
  const ids: string[] = [];
  for (const name of ['rtmp-a', 'rtmp-b', 'rtmp-c']) {
    const roomId = await liveRoom(name);
    const started = await server.api('POST', `/v2/external-streams/room/${roomId}/start`, {
      rtmp_urls: ['rtmp://127.0.0.1/live/key', 'rtmps://127.0.0.1/live/other'],
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.deepEqual(started.body.rtmp_urls, [
      'rtmp://127.0.0.1/live/key',
      'rtmps://127.0.0.1/live/other',
    ]);
    assert.equal(started.body.recording, false);
    ids.push(started.body.id);
  }
  const first = await server.api('GET', '/v2/external-streams?limit=2');
  assert.deepEqual(
    first.body.data.map((s: any) => s.id),
    ids.slice(0, 2),
  );
  assert.equal(first.body.last, ids[1]);
  const second = await server.api('GET', `/v2/external-streams?limit=2&start=${first.body.last}`);
  assert.deepEqual(
    second.body.data.map((s: any) => s.id),
    ids.slice(2),
  );
  assert.equal(second.body.last, '');
  const starting = await server.api('GET', '/v2/external-streams?status=starting');
  assert.equal(starting.body.data.length, 3);
  assertError(
    await server.api('GET', '/v2/external-streams/nosuchstream'),
    404,
    'external_stream_not_found',
  );
});

test('an RTMP URL that fails alone is listed with its reason, and the stream keeps running', async () => {
  const roomId = await liveRoom('rtmp-dead');
  const urls = ['rtmp://127.0.0.1/live/key', 'rtmp://127.0.0.1:9/live/dead'];
  const started = await server.api('POST', `/v2/external-streams/room/${roomId}/start`, {
    rtmp_urls: urls,
  });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.deepEqual(started.body.failed_rtmp_urls, []);
  const output = outputs.at(-1)!;
  output.emit('running');
  output.emit('destinationFailed', { url: urls[1]!, reason: 'rtmp_urls[1]: Connection refused' });
  const stream = await waitFor(
    async () => {
      const { body } = await server.api('GET', `/v2/external-streams/${started.body.id}`);
      return body.failed_rtmp_urls.length > 0 && body.status === 'running' && body;
    },
    { what: 'the failed URL on a running stream' },
  );
  assert.equal(stream.failed_rtmp_urls.length, 1);
  assert.equal(stream.failed_rtmp_urls[0].url, urls[1]);
  assert.equal(stream.failed_rtmp_urls[0].message, 'rtmp_urls[1]: Connection refused');
  assert.ok(Date.parse(stream.failed_rtmp_urls[0].failed_at) > 0);
  assert.deepEqual(stream.rtmp_urls, urls);
  await output.stop();
});

test('a template’s browser recording with autoStart starts when the session opens, and ends with it', async () => {
  const template = await server.api('POST', '/v2/templates', {
    name: `auto-record-${Date.now()}`,
    roles: { host: {} },
    settings: {},
    destinations: {
      browserRecordings: {
        archive: { name: 'archive', width: 1280, height: 720, autoStart: true, role: 'host' },
      },
    },
  });
  assert.equal(template.status, 200, JSON.stringify(template.body));
  const created = await server.api('POST', '/v2/rooms', {
    name: `auto-record-${Date.now()}`,
    template_id: template.body.id,
  });
  const roomId: string = created.body.id;
  live.add(roomId);
  const listed = () => server.api('GET', `/v2/recordings?room_id=${roomId}`);
  assert.deepEqual((await listed()).body.data, [], 'nothing before anyone joins');

  const client = await TestSignalingClient.connect(server.url);
  try {
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId: 'ada',
      role: 'host',
    });
    await client.ok('join', { token, name: 'Ada' });
    const [recording] = await waitFor(
      async () => {
        const { body } = await listed();
        return body.data.length > 0 && body.data;
      },
      { what: 'the recording the template starts' },
    );
    assert.equal(recording.status, 'starting');
    assert.ok(recording.session_id, 'in the session that opened');
    assert.deepEqual(recording.resolution, { width: 1280, height: 720 });
    const output = outputs.at(-1)!;
    assert.equal(output.spec.kind, 'recording');
    output.emit('running');
    await output.stop();
    await waitFor(
      async () =>
        (await server.api('GET', `/v2/recordings/${recording.id}`)).body.status === 'completed',
      { what: 'the recording to complete' },
    );
  } finally {
    client.socket.close();
  }
});

test('a peer starts and stops its room’s live stream only when its role may stream HLS', async () => {
  const roomId = await liveRoom('signaling');
  const room = { workspaceId: server.workspaces[0]!.accessKey, roomId };
  const viewer = { id: 'peer-viewer', role: { permissions: { hlsStreaming: false } } };
  const host = { id: 'peer-host', role: { permissions: { hlsStreaming: true } } };
  await assert.rejects(server.app.streams.startAsPeer('live_stream', room, viewer), {
    code: 'forbidden',
  });
  const started = await server.app.streams.startAsPeer('live_stream', room, host);
  assert.equal(started.startedBy, 'peer-host');
  const [stopped] = await server.app.streams.stopAsPeer('live_stream', room, host);
  assert.equal(stopped!.stoppedBy, 'peer-host');
  await statusOf('/v2/live-streams', started.id, 'completed');
});
