// The signaling protocol against a real server and worker: joining, refusals, role rules, and
// bad input that must get error replies while the process, the worker and the room stay up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';

let server: TestServer;
let roomId: string;
let templateId: string;
const clients: TestSignalingClient[] = [];

async function appToken(role: string, userId = `user-${role}`, room = roomId) {
  return server.tokens.mint(server.workspaces[0]!.accessKey, 'app', { roomId: room, userId, role });
}

async function connect() {
  const client = await TestSignalingClient.connect(server.url);
  clients.push(client);
  return client;
}

before(async () => {
  server = await startTestServer({ env: { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false' } });
  const room = await server.api('POST', '/v2/rooms', { name: 'signaling-room' });
  roomId = room.body.id;
  templateId = room.body.template_id;
  // A viewer role that may publish nothing, and a role with room for one peer only.
  await server.api('POST', `/v2/templates/${templateId}/roles/viewer`, {
    publishParams: { allowed: ['audio'] },
    subscribeParams: { subscribeToRoles: ['host'] },
  });
  await server.api('POST', `/v2/templates/${templateId}/roles/solo`, { maxPeerCount: 1 });
});

after(async () => {
  for (const client of clients) client.close();
  await server.close();
});

describe('joining', () => {
  test('a peer joins with an app token and gets the room, its role and the router capabilities', async () => {
    const client = await connect();
    const joined = await client.ok('join', { token: await appToken('host'), name: 'Ada' });
    assert.equal(joined.room.id, roomId);
    assert.equal(joined.self.name, 'Ada');
    assert.equal(joined.role.name, 'host');
    assert.ok(Array.isArray(joined.routerRtpCapabilities.codecs));
    assert.equal(typeof joined.resumeSecret, 'string');
    client.close();
  });

  test('a second peer sees the first, and the first is told about the second', async () => {
    const first = await connect();
    const a = await first.ok('join', { token: await appToken('host', 'a'), name: 'A' });
    const second = await connect();
    const b = await second.ok('join', { token: await appToken('guest', 'b'), name: 'B' });
    assert.ok(b.peers.some((peer: any) => peer.id === a.self.id));
    const joined = await first.notification('peerJoined', (data) => data.peer.id === b.self.id);
    assert.equal(joined.peer.name, 'B');
    second.close();
    first.close();
  });

  test('a bad token, a disabled room and a full role are refused with error replies', async () => {
    const client = await connect();
    const bad = await client.request('join', { token: 'not-a-token' });
    assert.deepEqual('error' in bad && bad.error.code, 'unauthorized');

    const management = await server.managementToken();
    const wrongType = await client.request('join', { token: management });
    assert.equal('error' in wrongType && wrongType.error.code, 'unauthorized');

    const solo1 = await connect();
    await solo1.ok('join', { token: await appToken('solo', 's1') });
    const full = await client.request('join', { token: await appToken('solo', 's2') });
    assert.equal('error' in full && full.error.code, 'room_full');

    const other = await server.api('POST', '/v2/rooms', { name: 'disabled-room' });
    await server.api('POST', `/v2/rooms/${other.body.id}`, { enabled: false });
    const disabled = await client.request('join', {
      token: await appToken('host', 'd', other.body.id),
    });
    assert.equal('error' in disabled && disabled.error.code, 'room_disabled');
    solo1.close();
  });
});

describe('role rules on the server', () => {
  test('a role that may not publish video is refused even if its client tries', async () => {
    const client = await connect();
    await client.ok('join', { token: await appToken('viewer', 'v1') });
    const transport = await client.ok('createTransport', { direction: 'send' });
    const refused = await client.request('produce', {
      transportId: transport.id,
      source: 'camera',
      kind: 'video',
      rtpParameters: { codecs: [], encodings: [{ ssrc: 1111 }] },
    });
    assert.equal('error' in refused && refused.error.code, 'forbidden');
    assert.match('error' in refused ? refused.error.message : '', /may not publish video/);
    client.close();
  });
});

describe('bad input', () => {
  test('malformed, oversized, unknown and out-of-order messages get error replies and break nothing', async () => {
    const client = await connect();
    const notJson = await client.sendRaw('{nope', null);
    assert.equal('error' in notJson && notJson.error.code, 'invalid_message');

    const noId = await client.sendRaw(JSON.stringify({ method: 'join' }), null);
    assert.equal('error' in noId && noId.error.code, 'invalid_message');

    const huge = await client.sendRaw(
      JSON.stringify({ id: 99, method: 'join', data: { token: 'x'.repeat(70_000) } }),
      null,
    );
    assert.equal('error' in huge && huge.error.code, 'message_too_large');

    const unknown = await client.request('fly', {});
    assert.equal('error' in unknown && unknown.error.code, 'unknown_method');

    const early = await client.request('createTransport', { direction: 'recv' });
    assert.equal('error' in early && early.error.code, 'not_joined');

    const invalid = await client.request('join', { token: 42 });
    assert.equal('error' in invalid && invalid.error.code, 'invalid_request');
    assert.match('error' in invalid ? invalid.error.message : '', /token/);

    await client.ok('join', { token: await appToken('host', 'bad-input') });
    const twice = await client.request('join', { token: await appToken('host', 'bad-input') });
    assert.equal('error' in twice && twice.error.code, 'already_joined');

    const noTransport = await client.request('connectTransport', {
      transportId: 'nope',
      dtlsParameters: {},
    });
    assert.equal('error' in noTransport && noTransport.error.code, 'not_found');

    const transport = await client.ok('createTransport', { direction: 'send' });
    const garbage = await client.request('produce', {
      transportId: transport.id,
      source: 'microphone',
      kind: 'audio',
      rtpParameters: { codecs: 'garbage' },
    });
    assert.equal('error' in garbage && garbage.error.code, 'invalid_request');

    const wrongKind = await client.request('produce', {
      transportId: transport.id,
      source: 'camera',
      kind: 'audio',
      rtpParameters: {},
    });
    assert.equal('error' in wrongKind && wrongKind.error.code, 'invalid_request');

    // The socket, the room and the worker are all still up: a new transport can be made, and a
    // second peer can still join the same room.
    await client.ok('createTransport', { direction: 'recv' });
    const other = await connect();
    const joined = await other.ok('join', { token: await appToken('guest', 'after-bad-input') });
    assert.ok(joined.peers.some((peer: any) => peer.userId === 'bad-input'));
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    other.close();
    client.close();
  });
});

describe('sessions', () => {
  test('a session records its peers, and the active room lists who is in it', async () => {
    const room = await server.api('POST', '/v2/rooms', { name: 'session-room' });
    const client = await connect();
    const joined = await client.ok('join', {
      token: await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
        roomId: room.body.id,
        userId: 'u-s',
        role: 'host',
      }),
      name: 'Sam',
    });
    const active = await server.api('GET', `/v2/active-rooms/${room.body.id}`);
    assert.equal(active.status, 200);
    assert.deepEqual(active.body.session.peers, [joined.self.id]);
    const session = await server.api('GET', `/v2/sessions/${joined.sessionId}`);
    assert.equal(session.body.active, true);
    assert.equal(session.body.peers[joined.self.id].name, 'Sam');

    await client.ok('leave');
    const closed = await server.api('GET', `/v2/sessions/${joined.sessionId}`);
    assert.equal(closed.body.active, false);
    assert.ok(closed.body.peers[joined.self.id].left_at);
    const inactive = await server.api('GET', `/v2/active-rooms/${room.body.id}`);
    assert.equal(inactive.status, 404);
    client.close();
  });

  test('a session list filter time the server cannot read is a 400 naming it', async () => {
    const leapSecond = await server.api('GET', '/v2/sessions?after=2016-12-31T23:59:60Z');
    assert.equal(leapSecond.status, 400);
    assert.match(leapSecond.body.message, /after/);
  });
});
