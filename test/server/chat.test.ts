// Chat against a real server: who a message reaches (the room, a role, one peer), the history a
// joiner may see and its pages, the limits, reactions that are never stored, the REST routes, and
// a message whose sender had its answer surviving kill -9.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeDataDir,
  startServerProcess,
  waitFor,
  type TestServer,
} from '../support/test-server.ts';
import type { TestSignalingClient } from '../support/signaling-client.ts';
import { roomFixtures } from '../support/room-fixture.ts';
import { generateWorkspaceKey } from '../../server/auth/workspace-keys.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { uniqueName } from './api-assertions.ts';

const rooms = roomFixtures();
let server: TestServer;
let templateId: string;

before(async () => {
  server = await rooms.startServer();
  const room = await server.api('POST', '/v2/rooms', { name: uniqueName('chat-template') });
  templateId = room.body.template_id;
  await server.api('POST', `/v2/templates/${templateId}/roles/viewer`, {
    publishParams: { allowed: [] },
  });
});

after(() => rooms.closeAll());

async function newRoom(): Promise<string> {
  const room = await server.api('POST', '/v2/rooms', {
    name: uniqueName('chat'),
    template_id: templateId,
  });
  assert.equal(room.status, 200, JSON.stringify(room.body));
  return room.body.id;
}

interface Peer {
  client: TestSignalingClient;
  id: string;
  sessionId: string;
}

async function join(roomId: string, role: string, userId = uniqueName(role)): Promise<Peer> {
  const { client, joined } = await rooms.join(server, roomId, role, userId, userId);
  return { client, id: joined.self.id, sessionId: joined.sessionId };
}

function messagesHeard(peer: Peer): any[] {
  return peer.client.notifications
    .filter((n) => n.notification === 'message')
    .map((n) => (n.data as any).message);
}

/**
 * A room-wide message from `from` that everyone in `peers` has heard: deliveries keep the order
 * of sending, so whatever each did not hear before it, it will never hear.
 */
async function barrier(from: Peer, peers: Peer[]): Promise<void> {
  const { message } = await from.client.ok('sendMessage', { message: 'barrier' });
  for (const peer of peers) {
    await peer.client.notification('message', (data) => data.message.id === message.id);
  }
}

function errorOf(reply: any): string | undefined {
  return reply.ok ? undefined : reply.error.code;
}

describe('delivery', () => {
  test('a room message reaches every other peer, with its sender, and is answered with its id', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host', 'ada');
    const bob = await join(roomId, 'guest', 'bob');
    const cy = await join(roomId, 'viewer', 'cy');
    const { message } = await ada.client.ok('sendMessage', { message: 'hello <b>all</b>' });
    assert.match(message.id, /^[0-9a-f]{24}$/);
    assert.equal(message.type, 'chat');
    assert.deepEqual(message.sender, { peerId: ada.id, userId: 'ada', name: 'ada', role: 'host' });
    assert.ok(!Number.isNaN(Date.parse(message.time)));
    for (const peer of [bob, cy]) {
      const heard = await peer.client.notification('message', (d) => d.message.id === message.id);
      // Plain text, as sent: never escaped nor turned into markup.
      assert.deepEqual(heard.message, message);
    }
    await barrier(bob, [ada]);
    assert.ok(!messagesHeard(ada).some((m) => m.id === message.id), 'the sender is not told again');
  });

  test('a role message reaches only the peers of those roles', async () => {
    const roomId = await newRoom();
    const host = await join(roomId, 'host');
    const guest1 = await join(roomId, 'guest');
    const guest2 = await join(roomId, 'guest');
    const viewer = await join(roomId, 'viewer');
    const { message } = await host.client.ok('sendMessage', {
      message: 'guests only',
      recipientRoles: ['guest'],
    });
    assert.deepEqual(message.recipientRoles, ['guest']);
    for (const guest of [guest1, guest2]) {
      await guest.client.notification('message', (d) => d.message.id === message.id);
    }
    await barrier(host, [viewer, guest1]);
    assert.ok(!messagesHeard(viewer).some((m) => m.id === message.id));
  });

  test('a direct message reaches only its two ends', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const bob = await join(roomId, 'guest');
    const eve = await join(roomId, 'guest');
    const { message } = await ada.client.ok('sendMessage', {
      message: 'just you',
      recipientPeer: bob.id,
    });
    assert.equal(message.recipientPeer, bob.id);
    await bob.client.notification('message', (d) => d.message.id === message.id);
    await barrier(ada, [eve]);
    assert.ok(!messagesHeard(eve).some((m) => m.id === message.id));
  });

  test('a reaction is delivered but never stored', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const bob = await join(roomId, 'guest');
    const { message } = await ada.client.ok('sendMessage', { message: '👍', type: 'reaction' });
    await bob.client.notification('message', (d) => d.message.id === message.id);
    const history = await bob.client.ok('messageHistory', {});
    assert.deepEqual(history.data, []);
    const listed = await server.api('GET', `/v2/sessions/${ada.sessionId}/messages`);
    assert.deepEqual(listed.body.data, []);
  });

  test('an app type travels as sent', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const bob = await join(roomId, 'guest');
    const { message } = await ada.client.ok('sendMessage', {
      message: '{"x":1}',
      type: 'game:move',
    });
    const heard = await bob.client.notification('message', (d) => d.message.id === message.id);
    assert.equal(heard.message.type, 'game:move');
  });
});

describe('history', () => {
  test('a late joiner gets what it may see: room messages and its role, no one else’s direct or role messages', async () => {
    const roomId = await newRoom();
    const host = await join(roomId, 'host');
    const guest = await join(roomId, 'guest');
    const everyone = await host.client.ok('sendMessage', { message: 'to all' });
    const toViewers = await host.client.ok('sendMessage', {
      message: 'to viewers',
      recipientRoles: ['viewer'],
    });
    const toHosts = await host.client.ok('sendMessage', {
      message: 'to hosts',
      recipientRoles: ['host'],
    });
    const direct = await host.client.ok('sendMessage', {
      message: 'to guest',
      recipientPeer: guest.id,
    });

    const viewer = await join(roomId, 'viewer');
    const seen = await viewer.client.ok('messageHistory', {});
    assert.deepEqual(
      seen.data.map((m: any) => m.id),
      [everyone.message.id, toViewers.message.id],
    );
    assert.equal(seen.last, '');

    const late = await join(roomId, 'guest');
    const lateSeen = await late.client.ok('messageHistory', {});
    assert.deepEqual(
      lateSeen.data.map((m: any) => m.id),
      [everyone.message.id],
    );
    // The two ends of a direct message, and the sender of a role message, see theirs.
    const guestSeen = await guest.client.ok('messageHistory', {});
    assert.deepEqual(
      guestSeen.data.map((m: any) => m.id),
      [everyone.message.id, direct.message.id],
    );
    const hostSeen = await host.client.ok('messageHistory', {});
    assert.equal(hostSeen.data.length, 4);
    assert.ok(hostSeen.data.some((m: any) => m.id === toHosts.message.id));
  });

  test('a peer that resumes after its socket dropped finds what was sent to it meanwhile', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const client = await rooms.connect(server.url);
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId: 'bob',
      role: 'guest',
    });
    const bob = await client.ok('join', { token });
    client.close();
    // Bob keeps his place through the grace period, so a direct message can still go to him.
    await waitFor(async () => {
      const peers = await server.api('GET', `/v2/active-rooms/${roomId}/peers`);
      return Object.hasOwn(peers.body.peers, bob.self.id) && peers;
    });
    const toAll = await ada.client.ok('sendMessage', { message: 'while you were away' });
    const toBob = await ada.client.ok('sendMessage', {
      message: 'just you',
      recipientPeer: bob.self.id,
    });
    const back = await rooms.connect(server.url);
    const resumed = await back.ok('join', {
      token,
      resume: { peerId: bob.self.id, secret: bob.resumeSecret },
    });
    assert.equal(resumed.resumed, true);
    const history = await back.ok('messageHistory', {});
    assert.deepEqual(
      history.data.map((m: any) => m.id),
      [toAll.message.id, toBob.message.id],
    );
  });

  test('pages go back in time, each page oldest first, until last is empty', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) {
      sent.push((await ada.client.ok('sendMessage', { message: `m${i}` })).message.id);
    }
    const bob = await join(roomId, 'guest');
    const first = await bob.client.ok('messageHistory', { limit: 3 });
    assert.deepEqual(
      first.data.map((m: any) => m.id),
      sent.slice(4),
    );
    const second = await bob.client.ok('messageHistory', { limit: 3, start: first.last });
    assert.deepEqual(
      second.data.map((m: any) => m.id),
      sent.slice(1, 4),
    );
    const third = await bob.client.ok('messageHistory', { limit: 3, start: second.last });
    assert.deepEqual(
      third.data.map((m: any) => m.id),
      sent.slice(0, 1),
    );
    assert.equal(third.last, '');
  });
});

describe('limits', () => {
  test('too large, both recipients, an unknown role or peer, a bad type and a big page are refused', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const tooLarge = await ada.client.request('sendMessage', { message: 'é'.repeat(2049) });
    assert.equal(errorOf(tooLarge), 'message_too_large');
    assert.match((tooLarge as any).error.message, /message: at most 4096 bytes/);
    const wireLimit = await ada.client.request('sendMessage', { message: 'x'.repeat(16_385) });
    assert.equal(errorOf(wireLimit), 'invalid_request');
    assert.match((wireLimit as any).error.message, /message/);
    const both = await ada.client.request('sendMessage', {
      message: 'x',
      recipientPeer: ada.id,
      recipientRoles: ['guest'],
    });
    assert.equal(errorOf(both), 'invalid_request');
    const noRole = await ada.client.request('sendMessage', {
      message: 'x',
      recipientRoles: ['toString'],
    });
    assert.equal(errorOf(noRole), 'role_not_found');
    const noPeer = await ada.client.request('sendMessage', {
      message: 'x',
      recipientPeer: 'nobody',
    });
    assert.equal(errorOf(noPeer), 'peer_not_found');
    const badType = await ada.client.request('sendMessage', { message: 'x', type: '<script>' });
    assert.equal(errorOf(badType), 'invalid_request');
    // Refused for the whole message, as any signaling string holding U+0000 is.
    const nul = await ada.client.request('sendMessage', { message: 'a\u0000b' });
    assert.equal(errorOf(nul), 'invalid_message');
    const badCursor = await ada.client.request('messageHistory', { start: "x' or 1=1" });
    assert.equal(errorOf(badCursor), 'invalid_request');
    const empty = await ada.client.request('sendMessage', { message: '' });
    assert.equal(errorOf(empty), 'invalid_request');
    const bigPage = await ada.client.request('messageHistory', { limit: 101 });
    assert.equal(errorOf(bigPage), 'invalid_request');
    // Nothing refused was stored.
    assert.deepEqual((await ada.client.ok('messageHistory', {})).data, []);
  });

  test('messages count against the fan-out rate: a burst past it is refused with rate_limited', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ada.client.request('sendMessage', { message: `${i}` })),
    );
    const limited = replies.filter((reply) => errorOf(reply) === 'rate_limited');
    assert.ok(limited.length > 0, 'some were refused');
    assert.ok(
      replies.filter((reply) => 'ok' in reply && reply.ok).length >= 20,
      'the burst passes',
    );
    assert.ok(typeof (limited[0] as any).error.retryAfterMs === 'number');
  });
});

describe('REST', () => {
  test('GET /v2/sessions/{id}/messages lists every message of the session, by cursor', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const bob = await join(roomId, 'guest');
    const a = await ada.client.ok('sendMessage', { message: 'one' });
    const b = await ada.client.ok('sendMessage', { message: 'two', recipientPeer: bob.id });
    const c = await bob.client.ok('sendMessage', { message: 'three', recipientRoles: ['host'] });
    const page1 = await server.api('GET', `/v2/sessions/${ada.sessionId}/messages?limit=2`);
    assert.equal(page1.status, 200);
    assert.equal(page1.body.limit, 2);
    assert.deepEqual(
      page1.body.data.map((m: any) => m.id),
      [a.message.id, b.message.id],
    );
    assert.deepEqual(page1.body.data[0], {
      id: a.message.id,
      room_id: roomId,
      session_id: ada.sessionId,
      sender: {
        peer_id: ada.id,
        user_id: a.message.sender.userId,
        name: a.message.sender.name,
        role: 'host',
      },
      type: 'chat',
      message: 'one',
      created_at: a.message.time,
    });
    assert.equal(page1.body.data[1].recipient_peer_id, bob.id);
    const page2 = await server.api(
      'GET',
      `/v2/sessions/${ada.sessionId}/messages?limit=2&start=${page1.body.last}`,
    );
    assert.deepEqual(
      page2.body.data.map((m: any) => m.id),
      [c.message.id],
    );
    assert.deepEqual(page2.body.data[0].recipient_roles, ['host']);
    assert.equal(page2.body.last, '');
  });

  test('the list needs a management token of the session’s workspace', async () => {
    const roomId = await newRoom();
    const ada = await join(roomId, 'host');
    const path = `/v2/sessions/${ada.sessionId}/messages`;
    assert.equal((await server.api('GET', path, undefined, '')).status, 401);
    const app = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId: 'u',
      role: 'host',
    });
    assert.equal((await server.api('GET', path, undefined, app)).status, 403);
    const other = await server.managementToken(1);
    const foreign = await server.api('GET', path, undefined, other);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.details[0], 'session_not_found');
    assert.equal((await server.api('GET', `${path}?limit=101`)).status, 400);
    assert.equal((await server.api('GET', `${path}?start=%00`)).status, 400);
  });

  test('POST /v2/active-rooms/{id}/send-message reaches peers as a message from the server', async () => {
    const roomId = await newRoom();
    const host = await join(roomId, 'host');
    const guest = await join(roomId, 'guest');
    const viewer = await join(roomId, 'viewer');
    const path = `/v2/active-rooms/${roomId}/send-message`;

    const all = await server.api('POST', path, { message: 'to all', type: 'chat', role: '' });
    assert.deepEqual(all, { status: 200, body: { message: 'message sent' } });
    for (const peer of [host, guest, viewer]) {
      const heard = await peer.client.notification(
        'message',
        (d) => d.message.message === 'to all',
      );
      assert.equal(heard.message.sender, null);
      assert.equal(heard.message.type, 'chat');
    }

    await server.api('POST', path, { message: 'to guests', role: 'guest' });
    await guest.client.notification('message', (d) => d.message.message === 'to guests');
    // peer_id wins over role, as 100ms documents; the server SDK's peerId spelling works too.
    await server.api('POST', path, { message: 'to viewer', role: 'guest', peer_id: viewer.id });
    await viewer.client.notification('message', (d) => d.message.message === 'to viewer');
    await server.api('POST', path, { message: 'sdk spelling', peerId: host.id });
    await host.client.notification('message', (d) => d.message.message === 'sdk spelling');
    await server.api('POST', path, { message: 'after' });
    for (const peer of [host, guest, viewer]) {
      await peer.client.notification('message', (d) => d.message.message === 'after');
    }
    assert.ok(!messagesHeard(host).some((m) => m.message === 'to guests'));
    assert.ok(!messagesHeard(viewer).some((m) => m.message === 'to guests'));
    assert.ok(!messagesHeard(guest).some((m) => m.message === 'to viewer'));
    assert.ok(!messagesHeard(guest).some((m) => m.message === 'sdk spelling'));

    const late = await join(roomId, 'guest');
    const history = await late.client.ok('messageHistory', {});
    assert.deepEqual(
      history.data.map((m: any) => m.message),
      ['to all', 'to guests', 'after'],
    );
  });

  test('send-message refuses a bad body, an empty room, an unknown peer or role, and no token', async () => {
    const roomId = await newRoom();
    const path = `/v2/active-rooms/${roomId}/send-message`;
    const empty = await server.api('POST', path, { message: 'nobody here' });
    assert.equal(empty.status, 404);
    assert.equal(empty.body.details[0], 'room_not_active');

    await join(roomId, 'host');
    const missing = await server.api('POST', path, { type: 'chat' });
    assert.equal(missing.status, 400);
    assert.match(missing.body.message, /message/);
    const badType = await server.api('POST', path, { message: 'x', type: 'a b' });
    assert.equal(badType.status, 400);
    const tooLarge = await server.api('POST', path, { message: 'x'.repeat(5000) });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.details[0], 'message_too_large');
    const nul = await server.api('POST', path, { message: 'a\u0000b' });
    assert.equal(nul.status, 400);
    const noPeer = await server.api('POST', path, { message: 'x', peer_id: 'nobody' });
    assert.equal(noPeer.status, 404);
    assert.equal(noPeer.body.details[0], 'peer_not_found');
    const noRole = await server.api('POST', path, { message: 'x', role: 'nope' });
    assert.equal(noRole.status, 404);
    assert.equal(noRole.body.details[0], 'role_not_found');
    assert.equal((await server.api('POST', path, { message: 'x' }, '')).status, 401);
    const foreign = await server.api(
      'POST',
      path,
      { message: 'x' },
      await server.managementToken(1),
    );
    assert.equal(foreign.status, 404);
  });
});

describe('durability', () => {
  test('a message whose sender got its answer survives kill -9: REST and a new joiner find it', async (t) => {
    const workspaces = [generateWorkspaceKey()];
    const tokens = new TokenService(workspaces);
    const dataDir = makeDataDir();
    const env = { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false' };
    // Two process starts: on a machine shared with other suites each may take long.
    const startTimeoutMs = 90_000;
    const management = () => tokens.mint(workspaces[0]!.accessKey, 'management');
    const api = async (url: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${await management()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const joinAt = async (url: string, roomId: string, userId: string) => {
      const client = await rooms.connect(url);
      const token = await tokens.mint(workspaces[0]!.accessKey, 'app', {
        roomId,
        userId,
        role: 'host',
      });
      return { client, joined: await client.ok('join', { token }) };
    };

    const first = await startServerProcess({ dataDir, workspaces, env, startTimeoutMs });
    t.after(() => first.stop('SIGKILL'));
    const room = await api(first.url, 'POST', '/v2/rooms', { name: uniqueName('durable-chat') });
    const ada = await joinAt(first.url, room.body.id, 'ada');
    const { message } = await ada.client.ok('sendMessage', { message: 'still here?' });
    await first.stop('SIGKILL');

    const second = await startServerProcess({ dataDir, env, startTimeoutMs });
    t.after(() => second.stop());
    const listed = await api(second.url, 'GET', `/v2/sessions/${ada.joined.sessionId}/messages`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.data.map((m: any) => [m.id, m.message]),
      [[message.id, 'still here?']],
    );
    // The room's next session carries on the chat of the one the crash ended.
    const bob = await joinAt(second.url, room.body.id, 'bob');
    assert.notEqual(bob.joined.sessionId, ada.joined.sessionId);
    const history = await waitFor(async () => {
      const page = await bob.client.ok('messageHistory', {});
      return page.data.length > 0 && page;
    });
    assert.deepEqual(
      history.data.map((m: any) => [m.id, m.message, m.sender.userId]),
      [[message.id, 'still here?', 'ada']],
    );
  });
});
