// A peer whose connection dies silently is found by the heartbeat and, after the grace period,
// leaves the room; one that comes back within the grace period keeps its place.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';

const HEARTBEAT_MS = 200;
const GRACE_MS = 600;
let server: TestServer;
let roomId: string;

before(async () => {
  server = await startTestServer({
    env: {
      CONVENE_WORKERS: '1',
      CONVENE_DEMO_ROOM: 'false',
      CONVENE_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
      CONVENE_RECONNECT_GRACE_MS: String(GRACE_MS),
    },
  });
  roomId = (await server.api('POST', '/v2/rooms', { name: 'heartbeat-room' })).body.id;
});

after(() => server.close());

const token = (userId: string) =>
  server.tokens.mint(server.workspaces[0]!.accessKey, 'app', { roomId, userId, role: 'guest' });

test('a peer that stops answering pings is dropped and leaves after the grace period', async () => {
  const watcher = await TestSignalingClient.connect(server.url);
  await watcher.ok('join', { token: await token('watcher') });
  const silent = await TestSignalingClient.connect(server.url);
  const joined = await silent.ok('join', { token: await token('silent') });

  // Stop reading the socket: no pong goes back, as with a peer whose network vanished.
  const started = Date.now();
  (silent.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  await watcher.notification('peerLeft', (data) => data.peerId === joined.self.id);
  const elapsed = Date.now() - started;
  // Dropped after two missed pings (about three intervals), then the grace period.
  assert.ok(elapsed >= GRACE_MS, `left after ${elapsed} ms, not before the grace period`);
  assert.ok(elapsed < 3 * HEARTBEAT_MS + GRACE_MS + 1500, `left after ${elapsed} ms`);
  silent.socket.terminate();
  watcher.close();
});

test('a peer that comes back within the grace period keeps its id and place', async () => {
  const watcher = await TestSignalingClient.connect(server.url);
  await watcher.ok('join', { token: await token('watcher-2') });
  const first = await TestSignalingClient.connect(server.url);
  const joined = await first.ok('join', { token: await token('returning') });
  first.socket.terminate();
  // The others are told it is reconnecting, not that it left.
  await watcher.notification(
    'peerUpdated',
    (data) => data.peer.id === joined.self.id && data.peer.reconnecting === true,
  );

  const again = await TestSignalingClient.connect(server.url);
  const back = watcher.notification(
    'peerUpdated',
    (data) => data.peer.id === joined.self.id && data.peer.reconnecting === undefined,
  );
  const resumed = await again.ok('join', {
    token: await token('returning'),
    resume: { peerId: joined.self.id, secret: joined.resumeSecret },
  });
  assert.equal(resumed.resumed, true);
  assert.equal(resumed.self.id, joined.self.id);
  assert.equal(resumed.self.reconnecting, undefined, 'its own view of itself is connected');
  await back;
  const peers = await server.api('GET', `/v2/active-rooms/${roomId}/peers`);
  const returning = Object.values(
    peers.body.peers as Record<string, { id: string; user_id: string }>,
  ).filter((peer) => peer.user_id === 'returning');
  assert.deepEqual(
    returning.map((peer) => peer.id),
    [joined.self.id],
    'one place for the returning user, the same as before',
  );

  // A peer that drops after the returning one did and never comes back: once it has left, the
  // returning peer's grace period is over too, so had the resume not ended it, it would have left.
  const control = await TestSignalingClient.connect(server.url);
  const controlJoined = await control.ok('join', { token: await token('control') });
  control.socket.terminate();
  await watcher.notification('peerLeft', (data) => data.peerId === controlJoined.self.id);
  assert.equal(
    watcher.notifications.some(
      (n) =>
        n.notification === 'peerLeft' && (n.data as { peerId: string }).peerId === joined.self.id,
    ),
    false,
    'the others never saw it leave, past its grace period',
  );
  const still = await server.api('GET', `/v2/active-rooms/${roomId}/peers`);
  assert.ok(joined.self.id in still.body.peers, 'the returning peer is still in the room');

  const wrongSecret = await TestSignalingClient.connect(server.url);
  const stranger = await wrongSecret.ok('join', {
    token: await token('returning'),
    resume: { peerId: joined.self.id, secret: 'not-the-secret' },
  });
  assert.equal(stranger.resumed, false, 'a wrong secret gets a new place, not this one');
  assert.notEqual(stranger.self.id, joined.self.id);
  for (const client of [watcher, again, wrongSecret]) client.close();
});
