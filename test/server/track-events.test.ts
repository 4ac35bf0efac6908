// Track events against a real server and worker: every track added, muted or unmuted, and
// removed is recorded in 100ms's analytics event shape, listed by GET /v2/analytics/events with
// its filters and cursor, and delivered as a signed webhook with the same id and data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../support/test-server.ts';
import { roomFixtures } from '../support/room-fixture.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { newWebhookSecret } from '../../server/api/webhooks.ts';

const rooms = roomFixtures();
let receiver: WebhookReceiver;
let server: TestServer;

before(async () => {
  receiver = await startWebhookReceiver({ secret: newWebhookSecret() });
  server = await rooms.startServer(receiver.operatorEnv());
});

after(async () => {
  await rooms.closeAll();
  await receiver.close();
});

const rtp = (mimeType: string, ssrc: number) => ({
  codecs: [
    {
      mimeType,
      payloadType: mimeType === 'audio/opus' ? 111 : 96,
      clockRate: mimeType === 'audio/opus' ? 48000 : 90000,
      ...(mimeType === 'audio/opus' ? { channels: 2 } : {}),
      parameters: {},
      rtcpFeedback: [],
    },
  ],
  encodings: [{ ssrc }],
  headerExtensions: [],
  rtcp: { cname: `track-events-${ssrc}` },
});

const TYPES = 'type=track.add.success&type=track.update.success&type=track.remove.success';

test('produce, pause, resume and close are recorded, listed with filters, and sent as webhooks', async () => {
  const room = await rooms.open({ server, room: { name: 'track-events-room' } });
  const { roomId } = room;
  const ada = await room.join('host', 'ada-id', 'ada-id');
  const bob = await room.join('guest', 'bob-id', 'bob-id');
  const transportId = ada.joined.transports.send.id;
  const mic = await ada.client.ok('produce', {
    transportId,
    source: 'microphone',
    kind: 'audio',
    rtpParameters: rtp('audio/opus', 1001),
    paused: true,
  });
  const camera = await ada.client.ok('produce', {
    transportId,
    source: 'camera',
    kind: 'video',
    rtpParameters: rtp('video/VP8', 2002),
  });
  await ada.client.ok('pauseProducer', { producerId: camera.producerId });
  await ada.client.ok('pauseProducer', { producerId: camera.producerId }); // no change: no event
  await ada.client.ok('resumeProducer', { producerId: mic.producerId });
  await ada.client.ok('closeProducer', { producerId: camera.producerId });
  const screen = await bob.client.ok('produce', {
    transportId: bob.joined.transports.send.id,
    source: 'screen',
    kind: 'video',
    rtpParameters: rtp('video/VP8', 3003),
  });
  // Leaving ends Ada's microphone: its removal comes before her peer.leave.success.
  await ada.client.ok('leave');

  // Everything above was acknowledged, so it is all listed already.
  const all = await server.api('GET', `/v2/analytics/events?${TYPES}&room_id=${roomId}&limit=100`);
  assert.equal(all.status, 200);
  assert.equal(all.body.total, 7);
  assert.equal(all.body.next, '');
  const summary = all.body.events.map((event: any) => [
    event.type,
    event.data.track_id,
    event.data.mute,
  ]);
  assert.deepEqual(summary, [
    ['track.add.success', mic.producerId, true],
    ['track.add.success', camera.producerId, false],
    ['track.update.success', camera.producerId, true],
    ['track.update.success', mic.producerId, false],
    ['track.remove.success', camera.producerId, true],
    ['track.add.success', screen.producerId, false],
    ['track.remove.success', mic.producerId, false],
  ]);
  const [micAdd, cameraAdd, , , cameraRemove, screenAdd] = all.body.events;
  assert.equal(micAdd.version, '2.0');
  assert.ok(Date.parse(micAdd.timestamp) > 0);
  assert.deepEqual(Object.keys(micAdd.data).sort(), [
    'joined_at',
    'mute',
    'peer_id',
    'role',
    'room_id',
    'room_name',
    'session_id',
    'source',
    'started_at',
    'stream_id',
    'track_id',
    'type',
    'user_id',
    'user_name',
  ]);
  assert.equal(micAdd.data.room_name, 'track-events-room');
  assert.equal(micAdd.data.session_id, ada.joined.sessionId);
  assert.equal(micAdd.data.peer_id, ada.joined.self.id);
  assert.equal(micAdd.data.user_id, 'ada-id');
  assert.equal(micAdd.data.role, 'host');
  assert.equal(micAdd.data.type, 'audio');
  assert.equal(micAdd.data.source, 'regular');
  assert.equal(micAdd.data.stream_id, cameraAdd.data.stream_id, 'camera and mic share a stream');
  assert.equal(cameraAdd.data.type, 'video');
  assert.equal(screenAdd.data.source, 'screen');
  assert.notEqual(screenAdd.data.stream_id, cameraAdd.data.stream_id);
  assert.equal(cameraRemove.data.started_at, cameraAdd.data.started_at);
  assert.ok(cameraRemove.data.stopped_at >= cameraRemove.data.started_at);
  assert.equal(micAdd.data.stopped_at, undefined);

  // Pages of two, by cursor, add up to the whole list.
  const paged: any[] = [];
  let start = '';
  for (let pages = 0; pages < 10; pages++) {
    const query = `${TYPES}&room_id=${roomId}&limit=2${start ? `&start=${start}` : ''}`;
    const page = await server.api('GET', `/v2/analytics/events?${query}`);
    assert.equal(page.body.total, 7);
    assert.ok(page.body.limit <= 2);
    paged.push(...page.body.events);
    start = page.body.next;
    if (!start) break;
  }
  assert.deepEqual(
    paged.map((event) => event.id),
    all.body.events.map((event: any) => event.id),
  );

  // Filters: type, peer, user, session.
  const list = async (query: string) =>
    (await server.api('GET', `/v2/analytics/events?room_id=${roomId}&${query}`)).body;
  const adds = await list('type=track.add.success');
  assert.deepEqual(
    adds.events.map((event: any) => event.data.track_id),
    [mic.producerId, camera.producerId, screen.producerId],
  );
  assert.equal((await list(`${TYPES}&peer_id=${bob.joined.self.id}`)).total, 1);
  assert.equal((await list(`${TYPES}&user_id=ada-id`)).total, 6);
  assert.equal((await list(`${TYPES}&session_id=${ada.joined.sessionId}`)).total, 7);
  assert.equal((await list(`${TYPES}&session_id=nosuchsession`)).total, 0);

  // The same events arrive as webhooks, with the same ids and data, in order.
  await receiver.waitForDeliveries(7, (d) => d.envelope?.type.startsWith('track.'), {
    what: 'seven track webhooks',
  });
  assert.deepEqual(
    receiver.deliveries.filter((d) => d.verifyError),
    [],
    'only signed deliveries arrive',
  );
  const hooks = receiver.deliveries
    .map((d) => d.envelope)
    .filter((event) => event.data.room_id === roomId);
  const trackHooks = hooks.filter((event) => event.type.startsWith('track.'));
  assert.deepEqual(
    trackHooks.map((event) => event.id),
    all.body.events.map((event: any) => event.id),
  );
  assert.deepEqual(trackHooks[0]!.data, micAdd.data);
  const order = hooks.map((event) => event.type);
  const adaLeave = hooks.findIndex(
    (event) => event.type === 'peer.leave.success' && event.data.user_id === 'ada-id',
  );
  assert.ok(adaLeave > order.lastIndexOf('track.remove.success'));
});

test('the analytics list is workspace-scoped and validates its query', async () => {
  const room = await rooms.open({ server, room: { name: 'track-events-scope' } });
  const { roomId } = room;
  const ada = await room.join('host', 'scope-ada', 'scope-ada');
  const mic = await ada.client.ok('produce', {
    transportId: ada.joined.transports.send.id,
    source: 'microphone',
    kind: 'audio',
    rtpParameters: rtp('audio/opus', 4004),
  });
  // Two mutes sent at once are one change: one update event.
  await Promise.all([
    ada.client.ok('pauseProducer', { producerId: mic.producerId }),
    ada.client.ok('pauseProducer', { producerId: mic.producerId }),
  ]);
  const mine = await server.api('GET', `/v2/analytics/events?${TYPES}&room_id=${roomId}`);
  assert.equal(mine.body.total, 2);
  assert.deepEqual(
    mine.body.events.map((event: any) => [event.type, event.data.mute]),
    [
      ['track.add.success', false],
      ['track.update.success', true],
    ],
  );
  // A room that ends with the track still on records its end before the session's.
  await server.app.liveRooms
    .get(roomId)!
    .close({ reason: 'room ended', message: 'ended by the test' });
  const ended = await server.api('GET', `/v2/analytics/events?${TYPES}&room_id=${roomId}`);
  assert.deepEqual(
    ended.body.events.map((event: any) => event.type),
    ['track.add.success', 'track.update.success', 'track.remove.success'],
  );
  assert.equal(ended.body.events[2].data.track_id, mic.producerId);

  const other = await server.api(
    'GET',
    `/v2/analytics/events?${TYPES}&room_id=${roomId}`,
    undefined,
    await server.managementToken(1),
  );
  assert.equal(other.status, 200);
  assert.equal(other.body.total, 0, 'another workspace sees none of them');
  assert.deepEqual(other.body.events, []);
  const anonymous = await server.api(
    'GET',
    `/v2/analytics/events?${TYPES}&room_id=${roomId}`,
    undefined,
    '',
  );
  assert.equal(anonymous.status, 401);

  for (const query of [
    TYPES, // no room_id
    `room_id=${roomId}`, // no type
    `type=peer.join.success&room_id=${roomId}`,
    `${TYPES}&room_id=${roomId}&limit=101`,
    `${TYPES}&room_id=${roomId}&limit=0`,
    `${TYPES}&room_id=${roomId}&start=not-a-cursor`,
  ]) {
    const reply = await server.api('GET', `/v2/analytics/events?${query}`);
    assert.equal(reply.status, 400, query);
    assert.equal(reply.body.code, 400);
  }
});
