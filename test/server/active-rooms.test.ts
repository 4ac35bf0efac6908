// 100ms's active-room REST actions against a real server: a peer with its tracks, updating a
// peer's name and role, removing peers by id or role, ending the room with lock; their validation
// and permission errors. A peer sees each as it sees the same action from a host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';
import { rtpParametersFor } from '../support/signaling-arbitraries.ts';
import { CLOSE_CODES } from '../../src/protocol/signaling.ts';

let server: TestServer;
const clients: TestSignalingClient[] = [];
let serial = 0;

before(async () => {
  server = await startTestServer({ env: { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false' } });
});

after(async () => {
  for (const client of clients) client.close();
  await server.close();
});

async function newRoom(roles: Record<string, unknown> = {}) {
  const room = await server.api('POST', '/v2/rooms', { name: `active-${serial++}` });
  assert.equal(room.status, 200);
  const roomId: string = room.body.id;
  for (const [name, body] of Object.entries(roles)) {
    const made = await server.api(
      'POST',
      `/v2/templates/${room.body.template_id}/roles/${name}`,
      body,
    );
    assert.equal(made.status, 200);
  }
  const join = async (role: string, name = role) => {
    const client = await TestSignalingClient.connect(server.url);
    clients.push(client);
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId: `${name}-${serial++}`,
      role,
    });
    const joined = await client.ok('join', { token, name });
    return { client, joined, id: joined.self.id as string };
  };
  return { roomId, join };
}

const base = (roomId: string) => `/v2/active-rooms/${roomId}`;

describe('GET /v2/active-rooms/{room_id}/peers/{peer_id}', () => {
  test('answers the peer in 100ms shape with its tracks and their mute state', async () => {
    const { roomId, join } = await newRoom();
    const guest = await join('guest', 'Grace');
    const { producerId } = await guest.client.ok('produce', {
      transportId: guest.joined.transports.send.id,
      source: 'microphone',
      kind: 'audio',
      rtpParameters: rtpParametersFor('audio', 7001),
      paused: true,
    });
    const reply = await server.api('GET', `${base(roomId)}/peers/${guest.id}`);
    assert.equal(reply.status, 200);
    const peer = reply.body;
    assert.equal(peer.id, guest.id);
    assert.equal(peer.name, 'Grace');
    assert.equal(peer.role, 'guest');
    assert.equal(peer.metadata, '');
    assert.equal(typeof peer.joined_at, 'string');
    const track = peer.tracks[producerId];
    assert.equal(track.id, producerId);
    assert.equal(track.type, 'audio');
    assert.equal(track.source, 'regular');
    assert.equal(track.mute, true);
    assert.equal(typeof track.stream_id, 'string');
    assert.ok(!Number.isNaN(Date.parse(track.started_at)));
  });

  test('an unknown peer, a room nobody is in and a missing token are refused', async () => {
    const { roomId, join } = await newRoom();
    await join('guest');
    const unknown = await server.api('GET', `${base(roomId)}/peers/nobody`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body.details, ['peer_not_found']);
    const empty = await newRoom();
    const inactive = await server.api('GET', `${base(empty.roomId)}/peers/x`);
    assert.equal(inactive.status, 404);
    assert.deepEqual(inactive.body.details, ['room_not_active']);
    const anonymous = await server.api('GET', `${base(roomId)}/peers/x`, undefined, '');
    assert.equal(anonymous.status, 401);
  });

  test("another workspace's token finds no active room", async () => {
    const { roomId, join } = await newRoom();
    const guest = await join('guest');
    const other = await server.managementToken(1);
    const reply = await server.api('GET', `${base(roomId)}/peers/${guest.id}`, undefined, other);
    assert.equal(reply.status, 404);
    const removal = await server.api(
      'POST',
      `${base(roomId)}/remove-peers`,
      { peer_id: guest.id },
      other,
    );
    assert.equal(removal.status, 404);
    assert.deepEqual(await guest.client.ok('ping'), {});
  });
});

describe('GET /v2/active-rooms/{room_id}/peers', () => {
  test('filters by user_id and by role, as 100ms does', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const byRole = await server.api('GET', `${base(roomId)}/peers?role=guest`);
    assert.deepEqual(Object.keys(byRole.body.peers), [guest.id]);
    const userId = guest.joined.self.userId;
    const byUser = await server.api('GET', `${base(roomId)}/peers?user_id=${userId}`);
    assert.deepEqual(Object.keys(byUser.body.peers), [guest.id]);
    const all = await server.api('GET', `${base(roomId)}/peers`);
    assert.deepEqual(Object.keys(all.body.peers).sort(), [host.id, guest.id].sort());
    const none = await server.api('GET', `${base(roomId)}/peers?role=nobody`);
    assert.deepEqual(none.body.peers, {});
  });
});

describe('POST /v2/active-rooms/{room_id}/peers/{peer_id}', () => {
  test('a new name reaches everyone as peerUpdated', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const reply = await server.api('POST', `${base(roomId)}/peers/${guest.id}`, { name: 'Neo' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.name, 'Neo');
    await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === guest.id && d.peer.name === 'Neo',
    );
  });

  test('a new role applies at once, as a forced change with no peer behind it', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const viewer = await join('hls-viewer');
    const reply = await server.api('POST', `${base(roomId)}/peers/${viewer.id}`, {
      role: 'guest',
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.role, 'guest');
    const changed = await viewer.client.notification('roleChanged');
    assert.equal(changed.role.name, 'guest');
    assert.equal(changed.by, null);
    assert.ok(changed.sendTransport.id);
    await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === viewer.id && d.peer.role === 'guest',
    );
  });

  test('validation: no field, an unknown field, an unknown role, metadata, a full role', async () => {
    const { roomId, join } = await newRoom({ solo: { maxPeerCount: 1 } });
    await join('solo');
    const guest = await join('guest');
    const path = `${base(roomId)}/peers/${guest.id}`;
    const nothing = await server.api('POST', path, {});
    assert.equal(nothing.status, 400);
    const extra = await server.api('POST', path, { nickname: 'x' });
    assert.equal(extra.status, 400);
    const longName = await server.api('POST', path, { name: 'x'.repeat(101) });
    assert.equal(longName.status, 400);
    const unknownRole = await server.api('POST', path, { role: 'constructor' });
    assert.equal(unknownRole.status, 404);
    assert.deepEqual(unknownRole.body.details, ['role_not_found']);
    const tooLarge = await server.api('POST', path, {
      metadata: 'x'.repeat(4000),
      name: 'never applied',
    });
    assert.equal(tooLarge.status, 400);
    assert.deepEqual(tooLarge.body.details, ['metadata_too_large']);
    const metadata = await server.api('POST', path, { metadata: '{"hand":true}' });
    assert.equal(metadata.status, 200);
    assert.equal(metadata.body.metadata, '{"hand":true}');
    assert.notEqual(metadata.body.name, 'never applied');
    const full = await server.api('POST', path, { role: 'solo' });
    assert.equal(full.status, 409);
    assert.deepEqual(full.body.details, ['room_full']);
    const still = await server.api('GET', path);
    assert.equal(still.body.role, 'guest');
  });
});

describe('POST /v2/active-rooms/{room_id}/remove-peers', () => {
  test('by peer id: the peer gets the same removed notification a host sends, and its socket closes', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const byRest = await join('guest', 'a');
    const byHost = await join('guest', 'b');
    const closed = new Promise((resolve) => byRest.client.socket.once('close', resolve));
    const reply = await server.api('POST', `${base(roomId)}/remove-peers`, {
      peer_id: byRest.id,
      role: 'host', // peer_id wins
      reason: 'Spam',
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { message: 'peer remove request submitted' });
    assert.equal(await closed, CLOSE_CODES.removed);
    await host.client.ok('removePeer', { peerId: byHost.id, reason: 'Spam' });
    assert.deepEqual(
      await byRest.client.notification('removed'),
      await byHost.client.notification('removed'),
    );
    assert.deepEqual(await host.client.ok('ping'), {});
  });

  test('by role: everyone of the role goes, the others stay', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const a = await join('guest', 'a');
    const b = await join('guest', 'b');
    const reply = await server.api('POST', `${base(roomId)}/remove-peers`, {
      role: 'guest',
      reason: 'Break',
    });
    assert.equal(reply.status, 200);
    for (const guest of [a, b]) {
      assert.equal((await guest.client.notification('removed')).message, 'Break');
    }
    const room = await server.api('GET', base(roomId));
    assert.deepEqual(room.body.session.peers, [host.id]);
  });

  test('neither peer_id nor role, an unknown peer or role, a long reason are refused', async () => {
    const { roomId, join } = await newRoom();
    await join('guest');
    const path = `${base(roomId)}/remove-peers`;
    assert.equal((await server.api('POST', path, { reason: 'x' })).status, 400);
    assert.equal((await server.api('POST', path, { peer_id: 'nobody' })).status, 404);
    assert.equal((await server.api('POST', path, { role: 'valueOf' })).status, 404);
    assert.equal(
      (await server.api('POST', path, { role: 'guest', reason: 'x'.repeat(501) })).status,
      400,
    );
  });
});

describe('POST /v2/active-rooms/{room_id}/end-room', () => {
  test('with lock: everyone removed with the reason, the room disabled until enabled', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const reply = await server.api('POST', `${base(roomId)}/end-room`, {
      reason: 'Class has ended',
      lock: true,
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { message: 'session is ending' });
    assert.deepEqual(await host.client.notification('removed'), {
      reason: 'room ended',
      message: 'Class has ended',
    });
    const room = await server.api('GET', `/v2/rooms/${roomId}`);
    assert.equal(room.body.enabled, false);
    const again = await server.api('POST', `${base(roomId)}/end-room`, {});
    assert.equal(again.status, 404);
    assert.deepEqual(again.body.details, ['room_not_active']);
  });

  test('without a body: the room ends and stays enabled; a bad body is refused', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const bad = await server.api('POST', `${base(roomId)}/end-room`, { lock: 'yes' });
    assert.equal(bad.status, 400);
    const reply = await server.api('POST', `${base(roomId)}/end-room`);
    assert.equal(reply.status, 200);
    await host.client.notification('removed');
    assert.equal((await server.api('GET', `/v2/rooms/${roomId}`)).body.enabled, true);
  });
});
