// 100ms's Node server SDK (@100mslive/server-sdk) drives our active-room REST as it drives
// 100ms's: it mints its own management token from the workspace's access key and secret, and its
// answers, its Date casting and its exceptions come out as a 100ms customer's code expects. Live
// signaling peers see each action exactly as they see it from a host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as Hms from '@100mslive/server-sdk/dist/types/index.js';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';
import { rtpParametersFor } from '../support/signaling-arbitraries.ts';
import { CLOSE_CODES } from '../../src/protocol/signaling.ts';

// The package's "types" field names a file it does not ship (index.d.js), so its types come from
// their real path; its CommonJS build is what Node loads from "main".
const require = createRequire(import.meta.url);
const hms = require('@100mslive/server-sdk') as typeof Hms;

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

/** The part of the SDK's private APIService this test reaches into. */
interface SdkApiInternals {
  axios: { defaults: { baseURL?: string } };
}

/** An SDK for workspace `workspace`'s key, aimed at the test server; `secret` overrides its secret. */
function sdkFor(workspace = 0, secret = server.workspaces[workspace]!.secret): Hms.SDK {
  const sdk = new hms.SDK(server.workspaces[workspace]!.accessKey, secret);
  // Test glue, the only change to the SDK: it hard-codes https://api.100ms.live/v2 as the base
  // URL of its axios instance, and a customer would point DNS or a proxy at Convene instead.
  const internals = sdk.api as unknown as Partial<SdkApiInternals>;
  assert.ok(internals.axios?.defaults, 'the SDK keeps its axios instance where 0.3.0 does');
  internals.axios.defaults.baseURL = `${server.url}/v2`;
  // Its logger prints every failed call; the failures here are on purpose.
  sdk.setLogLevel('silent');
  return sdk;
}

/** The SDK's rejection: its SDKException, asserted to be one. */
async function sdkException(call: Promise<unknown>): Promise<Hms.SDKException> {
  try {
    await call;
  } catch (error) {
    const exception = error as Hms.SDKException;
    assert.equal(typeof exception.code, 'number', `not an SDKException: ${String(error)}`);
    assert.equal(typeof exception.message, 'string');
    return exception;
  }
  assert.fail('the SDK call was expected to fail');
}

type Peer = Awaited<ReturnType<Awaited<ReturnType<typeof newRoom>>['join']>>;

async function newRoom() {
  const room = await server.api('POST', '/v2/rooms', { name: `sdk-${serial++}` });
  assert.equal(room.status, 200);
  const roomId: string = room.body.id;
  const join = async (role: string, name = role) => {
    const client = await TestSignalingClient.connect(server.url);
    clients.push(client);
    const userId = `${name}-${serial++}`;
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId,
      role,
    });
    const joined = await client.ok('join', { token, name });
    return { client, joined, userId, id: joined.self.id as string };
  };
  return { roomId, name: room.body.name as string, join };
}

/** A time, as a Date or the ISO string the SDK left alone, within the last minute. */
function isRecent(time: Date | string): boolean {
  const age = Date.now() - new Date(time).getTime();
  return age >= 0 && age < 60_000;
}

/** POST /v2/token as a client exchanges a room code for an app token. */
function exchangeRoomCode(code: string): Promise<Response> {
  return fetch(`${server.url}/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
}

/** What a peer's socket was told by chat messages, in order. */
function messagesHeard(peer: Peer): string[] {
  return peer.client.notifications
    .filter((n) => n.notification === 'message')
    .map((n) => (n.data as { message: { message: string } }).message.message);
}

describe('the SDK reads an active room', () => {
  test('activeRooms.retrieve answers the room and its session with its peers', async () => {
    const { roomId, name, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const room = await sdkFor().activeRooms.retrieve(roomId);
    assert.equal(room.id, roomId);
    assert.equal(room.name, name);
    assert.equal(typeof room.customer_id, 'string');
    assert.equal(room.session.id, host.joined.sessionId);
    assert.deepEqual([...room.session.peers].sort(), [host.id, guest.id].sort());
    // The SDK casts only top-level *_at fields to Date: a nested one stays the ISO string sent.
    assert.ok(isRecent(room.session.created_at));
  });

  test('activeRooms.retrieveActivePeers answers every peer by id', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host', 'Hana');
    const guest = await join('guest', 'Gus');
    const peers = await sdkFor().activeRooms.retrieveActivePeers(roomId);
    assert.deepEqual(Object.keys(peers).sort(), [host.id, guest.id].sort());
    const listed = peers[guest.id]!;
    assert.equal(listed.id, guest.id);
    assert.equal(listed.name, 'Gus');
    assert.equal(listed.role, 'guest');
    assert.equal(listed.user_id, guest.userId);
    assert.equal(listed.metadata, '');
    assert.ok(isRecent(listed.joined_at));
  });

  test('activeRooms.retrievePeerDetails answers the peer with its tracks, joined_at a Date', async () => {
    const { roomId, join } = await newRoom();
    await join('host');
    const guest = await join('guest', 'Grace');
    const { producerId } = await guest.client.ok('produce', {
      transportId: guest.joined.transports.send.id,
      source: 'microphone',
      kind: 'audio',
      rtpParameters: rtpParametersFor('audio', 7101),
      paused: true,
    });
    const peer = await sdkFor().activeRooms.retrievePeerDetails(roomId, guest.id);
    assert.equal(peer.id, guest.id);
    assert.equal(peer.name, 'Grace');
    assert.equal(peer.role, 'guest');
    assert.equal(peer.user_id, guest.userId);
    assert.ok(peer.joined_at instanceof Date);
    assert.ok(isRecent(peer.joined_at));
    assert.deepEqual(Object.keys(peer.tracks), [producerId]);
    const track = peer.tracks[producerId]!;
    assert.equal(track.id, producerId);
    assert.equal(track.type, 'audio');
    assert.equal(track.source, 'regular');
    assert.equal(track.mute, true);
    assert.equal(typeof track.stream_id, 'string');
    assert.ok(isRecent(track.started_at));
  });
});

describe('the SDK updates a peer', () => {
  test('a new name and metadata reach the room as peerUpdated', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const sdk = sdkFor();
    const renamed = await sdk.activeRooms.updatePeer(roomId, guest.id, { name: 'Neo' });
    assert.equal(renamed.name, 'Neo');
    assert.ok(renamed.joined_at instanceof Date);
    assert.deepEqual(renamed.tracks, {});
    await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === guest.id && d.peer.name === 'Neo',
    );
    const tagged = await sdk.activeRooms.updatePeer(roomId, guest.id, { metadata: '{"hand":1}' });
    assert.equal(tagged.metadata, '{"hand":1}');
    assert.equal(tagged.name, 'Neo');
    await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === guest.id && d.peer.metadata === '{"hand":1}',
    );
  });

  test('a new role applies at once: the peer sees roleChanged as a forced change', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const moved = await sdkFor().activeRooms.updatePeer(roomId, guest.id, { role: 'hls-viewer' });
    assert.equal(moved.role, 'hls-viewer');
    const changed = await guest.client.notification('roleChanged');
    assert.equal(changed.role.name, 'hls-viewer');
    assert.equal(changed.by, null);
    await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === guest.id && d.peer.role === 'hls-viewer',
    );
  });
});

describe('the SDK sends messages', () => {
  test('to everyone, to a role and to one peer: only those meant hear it', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const ada = await join('guest', 'ada');
    const bob = await join('guest', 'bob');
    const everyone = [host, ada, bob];
    const rooms = sdkFor().activeRooms;

    assert.equal(await rooms.sendMessage(roomId, { message: 'to all', type: 'chat' }), undefined);
    assert.equal(
      await rooms.sendMessage(roomId, { message: 'to guests', role: 'guest' }),
      undefined,
    );
    // RoomMessageParams spells it peerId (100ms's REST documents peer_id); peerId wins over role.
    await rooms.sendMessage(roomId, { message: 'to ada', peerId: ada.id, role: 'host' });
    // Deliveries keep the order of sending, so once "after" is heard nothing earlier is pending.
    await rooms.sendMessage(roomId, { message: 'after' });
    for (const peer of everyone) {
      const heard = await peer.client.notification('message', (d) => d.message.message === 'after');
      assert.equal(heard.message.sender, null, 'a message from the server has no sender');
    }
    const toAll = await host.client.notification('message', (d) => d.message.message === 'to all');
    assert.equal(toAll.message.type, 'chat');

    assert.deepEqual(messagesHeard(host), ['to all', 'after']);
    assert.deepEqual(messagesHeard(ada), ['to all', 'to guests', 'to ada', 'after']);
    assert.deepEqual(messagesHeard(bob), ['to all', 'to guests', 'after']);
  });
});

describe('the SDK removes peers', () => {
  test('by peer id: that peer is told why and its socket closes; the others stay', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const closed = new Promise((resolve) => guest.client.socket.once('close', resolve));
    const params: Hms.ActiveRoom.RemovePeerByIdParams = { peer_id: guest.id, reason: 'Spam' };
    assert.equal(await sdkFor().activeRooms.removePeer(roomId, params), undefined);
    const removed = await guest.client.notification('removed');
    assert.equal(removed.message, 'Spam');
    assert.equal(await closed, CLOSE_CODES.removed);
    assert.deepEqual(await host.client.ok('ping'), {});
    assert.deepEqual((await sdkFor().activeRooms.retrieve(roomId)).session.peers, [host.id]);
  });

  test('by role: everyone of the role is told why, the others stay', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const guests = [await join('guest', 'a'), await join('guest', 'b')];
    const params: Hms.ActiveRoom.RemovePeerByRoleParams = { role: 'guest', reason: 'Break' };
    await sdkFor().activeRooms.removePeer(roomId, params);
    for (const guest of guests) {
      assert.equal((await guest.client.notification('removed')).message, 'Break');
    }
    assert.ok(!host.client.notifications.some((n) => n.notification === 'removed'));
    assert.deepEqual((await sdkFor().activeRooms.retrieve(roomId)).session.peers, [host.id]);
  });
});

describe('the SDK ends a room', () => {
  test('with a reason and lock: everyone is told why, then no token and no join', async () => {
    const { roomId, join } = await newRoom();
    const codes = await server.api('POST', `/v2/room-codes/room/${roomId}`);
    assert.equal(codes.status, 200);
    const guestCode: string = codes.body.data.find(
      (c: { role: string }) => c.role === 'guest',
    ).code;
    const host = await join('host');
    const guest = await join('guest');
    const sdk = sdkFor();

    await sdk.activeRooms.end(roomId, { reason: 'Class has ended', lock: true });
    for (const peer of [host, guest]) {
      assert.deepEqual(await peer.client.notification('removed'), {
        reason: 'room ended',
        message: 'Class has ended',
      });
    }

    const locked = await exchangeRoomCode(guestCode);
    assert.equal(locked.status, 403);
    assert.deepEqual((await locked.json()).details, ['room_disabled']);
    await assert.rejects(join('guest', 'late'), /room_disabled/);
    assert.equal((await sdkException(sdk.activeRooms.retrieve(roomId))).code, 404);

    // Until the room is enabled again, as the SDK's end() documents, with its RoomWrapper.
    const enabled = await sdk.rooms.enableOrDisable(roomId, true);
    assert.equal(enabled.enabled, true);
    assert.ok(enabled.updated_at instanceof Date);
    assert.equal((await exchangeRoomCode(guestCode)).status, 200);
    const back = await join('guest', 'back');
    assert.deepEqual((await sdk.activeRooms.retrieve(roomId)).session.peers, [back.id]);
  });
});

describe("the SDK's errors", () => {
  test('an unknown peer and a room nobody is in give its exception with code 404', async () => {
    const { roomId, join } = await newRoom();
    await join('host');
    const rooms = sdkFor().activeRooms;
    const noPeer = await sdkException(rooms.retrievePeerDetails(roomId, 'nobody'));
    assert.equal(noPeer.code, 404);
    assert.match(noPeer.message, /nobody/);
    const noRemoval = await sdkException(rooms.removePeer(roomId, { peer_id: 'nobody' }));
    assert.equal(noRemoval.code, 404);

    const empty = await newRoom();
    const inactive = await sdkException(rooms.retrieve(empty.roomId));
    assert.equal(inactive.code, 404);
    assert.equal(inactive.name, 'Not Found');
    assert.equal((await sdkException(rooms.retrieveActivePeers(empty.roomId))).code, 404);
    assert.equal((await sdkException(rooms.end(empty.roomId, {}))).code, 404);
  });

  test('a bad body: an unknown role is a 404, a field we do not know a 400', async () => {
    const { roomId, join } = await newRoom();
    await join('host');
    const guest = await join('guest');
    const rooms = sdkFor().activeRooms;
    const unknownRole = await sdkException(rooms.updatePeer(roomId, guest.id, { role: 'ghost' }));
    assert.equal(unknownRole.code, 404);
    assert.match(unknownRole.message, /ghost/);
    const extra = { nickname: 'x' } as Hms.ActiveRoom.PeerUpdateParams;
    assert.equal((await sdkException(rooms.updatePeer(roomId, guest.id, extra))).code, 400);
    const roleGone = await sdkException(rooms.removePeer(roomId, { role: 'ghost' }));
    assert.equal(roleGone.code, 404);
    const toGhosts = await sdkException(rooms.sendMessage(roomId, { message: 'x', role: 'ghost' }));
    assert.equal(toGhosts.code, 404);
    const toNobody = await sdkException(
      rooms.sendMessage(roomId, { message: 'x', peerId: 'nobody' }),
    );
    assert.equal(toNobody.code, 404);
    const noText = { role: 'guest' } as Hms.ActiveRoom.RoomMessageParams;
    assert.equal((await sdkException(rooms.sendMessage(roomId, noText))).code, 400);
    assert.equal((await rooms.retrievePeerDetails(roomId, guest.id)).role, 'guest');
  });

  test("a wrong secret or another workspace's key is refused or finds nothing", async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    const forged = await sdkException(sdkFor(0, 'not-the-secret').activeRooms.retrieve(roomId));
    // A token signed with the wrong secret is a 401 (the SDK mints a new one and tries once more).
    assert.equal(forged.code, 401);
    assert.equal(forged.name, 'Unauthorized');
    const foreign = await sdkException(
      sdkFor(1).activeRooms.removePeer(roomId, { peer_id: host.id }),
    );
    assert.equal(foreign.code, 404);
    assert.deepEqual(await host.client.ok('ping'), {});
  });
});
