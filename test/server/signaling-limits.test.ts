// Signaling's limits against a real server and worker (docs/reliability.md lists each): what a
// stranger or a misbehaving client can send, and that every refusal is an answer that leaves
// the process, the room and the other peers as they were.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket from 'ws';
import { startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';
import { CLOSE_CODES, SIGNALING_PATH } from '../../src/protocol/signaling.ts';
import { SignalingConnection } from '../../src/client/signaling.ts';

const servers: TestServer[] = [];
const clients: TestSignalingClient[] = [];

after(async () => {
  for (const client of clients) client.close();
  await Promise.all(servers.map((server) => server.close()));
});

/** A server with one room; `env` sets the limits under test. */
async function serverWithRoom(env: Record<string, string> = {}) {
  const server = await startTestServer({
    env: { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false', ...env },
  });
  servers.push(server);
  const room = await server.api('POST', '/v2/rooms', { name: 'limits-room' });
  const token = (role: string, userId = `user-${role}`) =>
    server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId: room.body.id,
      userId,
      role,
    });
  const connect = async () => {
    const client = await TestSignalingClient.connect(server.url);
    clients.push(client);
    return client;
  };
  const join = async (role = 'host', userId?: string) => {
    const client = await connect();
    const joined = await client.ok('join', { token: await token(role, userId), name: role });
    return { client, joined };
  };
  return { server, token, connect, join };
}

function errorOf(reply: unknown): { code: string; message: string; retryAfterMs?: number } {
  const message = reply as { ok: boolean; error?: { code: string; message: string } };
  assert.equal(message.ok, false, `expected an error reply, got ${JSON.stringify(reply)}`);
  return message.error!;
}

function closeCode(client: TestSignalingClient): Promise<number> {
  if (client.socket.readyState === WebSocket.CLOSED) return Promise.reject(new Error('closed'));
  return once(client.socket, 'close').then(([code]) => code as number);
}

/** An Opus track's parameters that mediasoup accepts (no media needs to flow for a producer). */
const OPUS = {
  codecs: [
    {
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      parameters: {},
      rtcpFeedback: [],
    },
  ],
  encodings: [{ ssrc: 11111111 }],
  headerExtensions: [],
  rtcp: { cname: 'limits' },
};

describe('malformed messages', () => {
  test('a method nested 20,000 levels deep is answered, and the process stays up', async () => {
    const { server, connect, join } = await serverWithRoom();
    const client = await connect();
    const depth = 20_000;
    const reply = await client.sendRaw(
      `{"id":7,"method":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      7,
    );
    assert.equal(errorOf(reply).code, 'invalid_message');
    assert.match(errorOf(reply).message, /nest at most 32 levels/);
    // Deep data in a known method is refused the same way, before validation recurses into it.
    const deepData = await client.sendRaw(
      `{"id":8,"method":"join","data":{"token":"x","rtpCapabilities":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}}`,
      8,
    );
    assert.equal(errorOf(deepData).code, 'invalid_message');
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    await join();
  });

  test('a lone surrogate in a parameter object is refused, not left for the worker to drop', async () => {
    const { join } = await serverWithRoom();
    const { client, joined } = await join('host');
    // The worker cannot parse such a string and never answers, so the request would hang.
    const reply = await client.request('connectTransport', {
      transportId: joined.transports.send.id,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: '\ud800' }] },
    });
    assert.equal(errorOf(reply).code, 'invalid_message');
    assert.match(errorOf(reply).message, /well-formed/);
    assert.deepEqual(await client.ok('ping'), {});
  });

  test('a plain GET of the signaling path answers 426 in the API error shape', async () => {
    const { server } = await serverWithRoom();
    const response = await fetch(server.url + SIGNALING_PATH);
    assert.equal(response.status, 426);
    const body = await response.json();
    assert.equal(body.code, 426);
    assert.deepEqual(body.details, ['upgrade_required']);
    assert.match(body.message, /WebSocket/);
  });
});

describe('role claims named like Object members', () => {
  test('toString, __proto__, constructor, hasOwnProperty and valueOf find no role', async () => {
    const { server, token, connect, join } = await serverWithRoom();
    // A publisher in the room: the old crash came when such a peer was made a consumer.
    const { client: host, joined } = await join('host');
    await host.ok('produce', {
      transportId: joined.transports.send.id,
      source: 'microphone',
      kind: 'audio',
      rtpParameters: OPUS,
    });
    for (const role of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const client = await connect();
      const reply = await client.request('join', { token: await token(role), name: role });
      assert.equal(errorOf(reply).code, 'role_not_found', role);
      client.close();
    }
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    assert.deepEqual(await host.ok('ping'), {});
  });
});

describe('app token claims storage cannot hold', () => {
  test('U+0000, a lone surrogate or an overlong id in a claim is a bad token', async () => {
    const { server, connect } = await serverWithRoom();
    const mint = (claims: { roomId: string; userId: string; role: string }) =>
      server.tokens.mint(server.workspaces[0]!.accessKey, 'app', claims);
    const hostile = [
      { roomId: 'room\u0000', userId: 'u', role: 'host' },
      { roomId: 'r', userId: 'u\ud800', role: 'host' },
      { roomId: 'r', userId: 'u'.repeat(257), role: 'host' },
      { roomId: 'r', userId: 'u', role: '\u0000' },
    ];
    for (const claims of hostile) {
      const client = await connect();
      const reply = await client.request('join', { token: await mint(claims) });
      assert.equal(errorOf(reply).code, 'unauthorized', JSON.stringify(claims));
      client.close();
    }
  });
});

describe('limits a burst of requests cannot pass', () => {
  test('30 createTransport at once leave a peer with at most 4 transports', async () => {
    const { server, join } = await serverWithRoom();
    const { client } = await join('host'); // The join made two: recv and send.
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => client.request('createTransport', { direction: 'recv' })),
    );
    const made = replies.filter((reply) => 'ok' in reply && reply.ok).length;
    assert.equal(made, 2);
    for (const reply of replies.filter((r) => 'ok' in r && !r.ok)) {
      assert.equal(errorOf(reply).code, 'too_many_transports');
    }
    const [peer] = server.app.liveRooms.all[0]!.peers.values();
    assert.equal(peer!.media.transports.size, 4);
  });

  test('8 concurrent produce of the microphone make one producer', async () => {
    const { server, join } = await serverWithRoom();
    const { client, joined } = await join('host');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.request('produce', {
          transportId: joined.transports.send.id,
          source: 'microphone',
          kind: 'audio',
          rtpParameters: { ...OPUS, encodings: [{ ssrc: 2000 + i }] },
        }),
      ),
    );
    assert.equal(replies.filter((reply) => 'ok' in reply && reply.ok).length, 1);
    for (const reply of replies.filter((r) => 'ok' in r && !r.ok)) {
      assert.equal(errorOf(reply).code, 'already_publishing');
    }
    const [peer] = server.app.liveRooms.all[0]!.peers.values();
    assert.equal(peer!.media.producers.size, 1);
  });
});

describe('per-socket limits', () => {
  test('a socket that does not join in time is closed, as is one that left and stays', async () => {
    const { connect, join } = await serverWithRoom({ CONVENE_JOIN_TIMEOUT_MS: '300' });
    const idle = await connect();
    assert.equal(await closeCode(idle), CLOSE_CODES.joinTimeout);

    const { client } = await join('host');
    await client.ok('ping'); // Joined: no deadline while in the room.
    await client.ok('leave');
    assert.equal(await closeCode(client), CLOSE_CODES.joinTimeout);
  });

  test('a socket may fail to join 5 times, then it is closed', async () => {
    const { connect } = await serverWithRoom();
    const client = await connect();
    const closed = closeCode(client);
    for (let i = 0; i < 5; i++) {
      const reply = await client.request('join', { token: 'not-a-token' });
      assert.equal(errorOf(reply).code, 'unauthorized');
    }
    assert.equal(await closed, CLOSE_CODES.tooManyFailedJoins);
  });

  test('past its failed joins per minute, an address is refused with a retry-after', async () => {
    const { connect, token } = await serverWithRoom({ CONVENE_FAILED_JOINS_PER_MINUTE: '3' });
    const client = await connect();
    for (let i = 0; i < 3; i++) await client.request('join', { token: 'not-a-token' });
    const other = await connect(); // Another socket from the same address: counted together.
    const reply = await other.request('join', { token: await token('host') });
    const error = errorOf(reply);
    assert.equal(error.code, 'rate_limited');
    assert.ok(error.retryAfterMs! > 0 && error.retryAfterMs! <= 60_000, String(error.retryAfterMs));
  });

  test('an address holds at most its sockets; the next one gets a 429 before any upgrade', async () => {
    const { server, connect } = await serverWithRoom({ CONVENE_MAX_SOCKETS_PER_ADDRESS: '3' });
    const open = [await connect(), await connect(), await connect()];
    const refused = new WebSocket(`${server.url.replace(/^http/, 'ws')}${SIGNALING_PATH}?v=1`);
    refused.on('error', () => {}); // ws reports the refused upgrade as an error too
    const [request, response] = await once(refused, 'unexpected-response');
    assert.equal(response.statusCode, 429);
    request.destroy();
    open[0]!.close();
    await once(open[0]!.socket, 'close');
    // The count goes down as sockets close (the server sees it a moment after the client).
    await waitFor(
      async () => {
        const next = await TestSignalingClient.connect(server.url).catch(() => undefined);
        if (next) clients.push(next);
        return next;
      },
      { what: 'a socket to open again once one closed' },
    );
  });

  test('a flood of messages is answered rate_limited, and the peer stays in the room', async () => {
    const { join } = await serverWithRoom({
      CONVENE_SIGNALING_RATE: '20',
      CONVENE_SIGNALING_BURST: '40',
    });
    const { client: watcher } = await join('guest', 'watcher');
    const { client, joined } = await join('host', 'flooder');
    const replies = await Promise.all(Array.from({ length: 400 }, () => client.request('ping')));
    const answered = replies.filter((reply) => 'ok' in reply && reply.ok).length;
    // The burst, less the join's token, and what refilled meanwhile.
    assert.ok(answered >= 39 && answered < 100, `${answered} of 400 pings answered`);
    const error = errorOf(replies.at(-1));
    assert.equal(error.code, 'rate_limited');
    assert.ok(error.retryAfterMs! > 0);
    // After waiting as told, the peer is still there and answered.
    await waitFor(async () => {
      const reply = await client.request('ping');
      return 'ok' in reply && reply.ok;
    });
    assert.ok(!watcher.notifications.some((n) => n.notification === 'peerLeft'));
    assert.equal(joined.self.name, 'host');
  });

  test('1,000 renames reach the others as a few dozen peerUpdated at most', async () => {
    const { join } = await serverWithRoom();
    const { client: watcher } = await join('guest', 'watcher');
    const { client } = await join('host', 'renamer');
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => client.request('setName', { name: `name ${i}` })),
    );
    const renamed = replies.filter((reply) => 'ok' in reply && reply.ok).length;
    assert.ok(renamed >= 20 && renamed < 60, `${renamed} renames accepted`);
    assert.equal(errorOf(replies.at(-1)).code, 'rate_limited');
    await client.ok('ping'); // The general rate still has room: only fan-out is throttled.
    const updates = () => watcher.notifications.filter((n) => n.notification === 'peerUpdated');
    await waitFor(() => updates().length === renamed, { what: 'every accepted rename heard' });
    assert.equal(updates().length, renamed);
  });
});

describe("the room client's side", () => {
  test('a rate-limited request is sent again when the answer says, and succeeds', async () => {
    const { server, token } = await serverWithRoom({
      CONVENE_SIGNALING_RATE: '20',
      CONVENE_SIGNALING_BURST: '40',
    });
    let sent = 0;
    class CountingSocket extends WebSocket {
      override send(data: string) {
        sent++;
        super.send(data);
      }
    }
    const connection = await SignalingConnection.open(server.url, {
      WebSocket: CountingSocket as unknown as typeof globalThis.WebSocket,
    });
    try {
      await connection.request('join', { token: await token('host') });
      // A burst like a large room's consumerReady: more than the socket may send at once.
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () => connection.request('setVisibleTiles', { tiles: [] })),
      );
      assert.deepEqual(
        results.filter((result) => result.status === 'rejected'),
        [],
      );
      assert.ok(sent > 101, `${sent} messages sent for 101 requests: some were sent again`);
    } finally {
      connection.close();
    }
  });
});

describe('one room failing', () => {
  test('an exception in one room, in a request or its timer, leaves the others up', async () => {
    const { server, join } = await serverWithRoom();
    const other = await server.api('POST', '/v2/rooms', { name: 'limits-other' });
    const { client: inFaulty } = await join('host', 'faulty');
    const otherClient = await TestSignalingClient.connect(server.url);
    clients.push(otherClient);
    await otherClient.ok('join', {
      token: await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
        roomId: other.body.id,
        userId: 'elsewhere',
        role: 'host',
      }),
    });
    const faulty = server.app.liveRooms.all.find((room) => room.id !== other.body.id)!;
    // Fault injection into one room: a handler and the room's quality timer throw TypeErrors.
    let timerThrows = 0;
    faulty.media.setVisibleTiles = () => {
      throw new TypeError('injected fault in a request');
    };
    faulty.media.connectionQuality = () => {
      timerThrows++;
      throw new TypeError('injected fault in a timer');
    };
    const reply = await inFaulty.request('setVisibleTiles', { tiles: [] });
    assert.equal(errorOf(reply).code, 'internal_error');
    await waitFor(() => timerThrows >= 2, { what: "the faulty room's timer to throw twice" });
    assert.deepEqual(await inFaulty.ok('ping'), {});
    assert.deepEqual(await otherClient.ok('ping'), {});
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
  });
});
