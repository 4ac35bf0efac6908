// Hostile traffic on the signaling socket, generated with fast-check from the protocol's own
// schemas: every method (read from REQUESTS, so a new one is fuzzed by itself) with valid-shaped,
// broken and arbitrary data, raw frames, hostile tokens and bursts. Whatever arrives, each frame
// gets exactly one well-formed reply, never `internal_error`; the server, its media worker and a
// room's legitimate peers carry on.
//
// The server runs as a child process (server/main.ts, through WatchedRoom), not in this process:
// input that crashes it then kills the child only, and the failing test prints the crash with
// the server's last output while the other tests go on against a fresh server. Failures log the
// fast-check seed: CONVENE_FUZZ_SEED=<seed> replays a run, CONVENE_FUZZ_SCALE=10 runs ten times
// as many cases for a longer hunt.
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WatchedRoom } from '../support/watched-room.ts';
import type { FuzzSocket } from '../support/fuzz-socket.ts';
import {
  PROTOTYPE_KEYS,
  anyRequest,
  hostileString,
  rtpParametersFor,
} from '../support/signaling-arbitraries.ts';
import { rawFrame, type Command } from '../support/signaling-frames.ts';

/** A peer may hold this many transports (MAX_TRANSPORTS in server/rooms/room-media.ts). */
const TRANSPORT_CAP = 4;
const SCALE = Number(process.env.CONVENE_FUZZ_SCALE ?? 1);

let room: WatchedRoom | undefined;

/** The room to test in, started afresh when an earlier test's input killed the server. */
async function watchedRoom(t: TestContext): Promise<WatchedRoom> {
  if (room && !room.alive) {
    t.diagnostic('the server died in an earlier test: this test runs against a fresh one');
    await room.stop();
    room = undefined;
  }
  room ??= await WatchedRoom.start();
  return room;
}

after(() => room?.stop());

/** fc.assert with a logged seed, and a time limit that bounds shrinking on a slow machine. */
async function checkProperty<T>(
  t: TestContext,
  property: fc.IAsyncProperty<T>,
  { numRuns, seconds, examples = [] }: { numRuns: number; seconds: number; examples?: T[] },
): Promise<void> {
  const seed = Number(process.env.CONVENE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  try {
    await fc.assert(property, {
      seed,
      numRuns: Math.ceil(numRuns * SCALE),
      examples,
      includeErrorInReport: true,
      plugins: [fc.interruptAfterTimeLimit(seconds * 1000 * SCALE)],
    });
  } catch (error) {
    t.diagnostic(`fast-check seed ${seed}: replay with CONVENE_FUZZ_SEED=${seed}`);
    throw error;
  }
}

/** Runs `commands` on `socket`, then checks the socket's books and the room. */
async function runOn(live: WatchedRoom, socket: FuzzSocket, commands: Command[]): Promise<void> {
  try {
    for (const command of commands) await socket.run(command);
    await socket.finish();
  } finally {
    socket.client.close();
  }
  await live.assertUp();
}

const request = (method: string, data?: unknown): Command => ({ kind: 'request', method, data });

describe('fuzzed requests of every method', () => {
  test('a socket that has not joined gets one well-formed reply to each, and never internal_error', async (t) => {
    const live = await watchedRoom(t);
    const property = fc.asyncProperty(
      fc.array(anyRequest, { minLength: 1, maxLength: 10 }),
      async (commands) => {
        fc.pre(live.alive); // a dead server judges nothing: the report keeps the input that killed it
        await runOn(live, await live.connect(), commands);
      },
    );
    await checkProperty(t, property, {
      numRuns: 60,
      seconds: 15,
      examples: [
        [
          [
            request('join', { token: '$ref:token:host' }),
            request('createTransport', { direction: 'recv' }),
          ],
        ],
        [
          [
            request('join', { token: '$ref:token:hls-viewer' }),
            request('createTransport', { direction: 'send' }),
          ],
        ],
      ],
    });
    await live.assertServing();
  });

  test('a peer in a room where another peer publishes gets one well-formed reply to each, and never internal_error', async (t) => {
    const live = await watchedRoom(t);
    const property = fc.asyncProperty(
      fc.array(anyRequest, { minLength: 1, maxLength: 10 }),
      async (commands) => {
        fc.pre(live.alive);
        await runOn(live, await live.joinPeer('host'), commands);
      },
    );
    const audio = rtpParametersFor('audio', 4242);
    await checkProperty(t, property, {
      numRuns: 40,
      seconds: 20,
      examples: [
        [
          [
            request('produce', {
              transportId: '$ref:transport:send',
              source: 'microphone',
              kind: 'audio',
              rtpParameters: { codecs: 'garbage' },
            }),
            request('produce', {
              transportId: '$ref:transport:send',
              source: 'microphone',
              kind: 'audio',
              rtpParameters: audio,
            }),
            request('pauseProducer', { producerId: '$ref:producer:own' }),
            request('closeProducer', { producerId: '$ref:producer:own' }),
          ],
        ],
        [
          [
            request('consumerReady', { consumerId: '$ref:consumer' }),
            request('setVisibleTiles', {
              tiles: [
                { peerId: '$ref:peer:other', source: 'camera', width: 16384, height: 0 },
                { peerId: '$ref:peer:other', source: 'camera', width: 0, height: 16384 },
                { peerId: '$ref:peer:self', source: 'screen', width: 1, height: 1 },
                { peerId: 'toString', source: 'camera', width: 200.5, height: 0 },
              ],
            }),
            request('setRtpCapabilities', {
              rtpCapabilities: { codecs: [[[]]], headerExtensions: '__proto__' },
            }),
            request('createTransport', { direction: 'recv' }),
          ],
        ],
        // A lone surrogate is valid in a JS string but not in the JSON the media worker reads:
        // the worker discards the request and mediasoup's promise never settles.
        [
          [
            request('connectTransport', {
              transportId: '$ref:transport:send',
              dtlsParameters: {
                role: 'client',
                fingerprints: [{ algorithm: 'sha-256', value: '\ud800' }],
              },
            }),
          ],
        ],
      ],
    });
    await live.assertServing();
  });
});

describe('raw frames', () => {
  // JSON.stringify of a 20 000-deep `method`, for the unknown_method message, overflows the stack.
  const deepMethod: Command = {
    kind: 'message',
    message: { id: 1, method: '$deep:array:20000', data: {} },
  };

  test('non-JSON, binary, odd ids, non-string methods and frames at the size limit each get one well-formed reply, before and after join', async (t) => {
    const live = await watchedRoom(t);
    const property = fc.asyncProperty(
      fc.boolean(),
      fc.array(rawFrame, { minLength: 1, maxLength: 8 }),
      async (joined, commands) => {
        fc.pre(live.alive);
        await runOn(live, joined ? await live.joinPeer('guest') : await live.connect(), commands);
      },
    );
    await checkProperty(t, property, {
      numRuns: 60,
      seconds: 15,
      examples: [
        [false, [deepMethod]],
        [true, [deepMethod]],
      ],
    });
    await live.assertServing();
  });
});

describe('hostile tokens', () => {
  for (const role of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
    test(`a token whose role is "${role}" is refused with role_not_found, and media in the room carries on`, async (t) => {
      const live = await watchedRoom(t);
      const socket = await live.connect();
      const token = await live.mint({ role, userId: `role-${role}` });
      const reply = await socket.request('join', {
        token,
        rtpCapabilities: live.facts.routerRtpCapabilities,
      });
      if ('ok' in reply && reply.ok) {
        // Let in anyway: what it does next must not hurt the room either.
        await socket.request('createTransport', { direction: 'recv' });
        await socket.request('setRtpCapabilities', {
          rtpCapabilities: live.facts.routerRtpCapabilities,
        });
      }
      // A publisher arriving after it: its producer is offered to everyone present.
      const publisher = await live.joinPeer('guest');
      const produced = await publisher.request('produce', {
        transportId: '$ref:transport:send',
        source: 'microphone',
        kind: 'audio',
        rtpParameters: rtpParametersFor('audio', 7000),
      });
      await publisher.finish();
      await socket.finish();
      await live.assertServing();
      assert.equal(
        'ok' in produced && produced.ok,
        true,
        `the publisher's produce: ${JSON.stringify(produced)}`,
      );
      assert.equal(
        'error' in reply && reply.error.code,
        'role_not_found',
        `the join answered ${JSON.stringify(reply).slice(0, 300)}`,
      );
    });
  }

  test('tokens with odd user ids, room ids, roles and names get one well-formed join reply, and whoever gets in can use media', async (t) => {
    const live = await watchedRoom(t);
    const identity = fc.record({
      userId: hostileString,
      roomId: fc.oneof(
        fc.constant(live.roomId),
        hostileString,
        fc.constant(`${live.roomId}\u0000`),
      ),
      // Roles named after prototype properties have tests of their own, above.
      role: fc.oneof(
        fc.constantFrom('host', 'guest', 'hls-viewer'),
        hostileString.filter((role) => !PROTOTYPE_KEYS.includes(role)),
      ),
      name: fc.option(hostileString, { nil: undefined }),
    });
    const property = fc.asyncProperty(identity, async ({ name, ...claims }) => {
      fc.pre(live.alive);
      const socket = await live.connect();
      const token = await live.mint(claims);
      const joined = await socket.request('join', {
        token,
        ...(name === undefined ? {} : { name }),
      });
      if ('ok' in joined && joined.ok) {
        await socket.request('setRtpCapabilities', { rtpCapabilities: '$ref:caps:router' });
        await socket.request('createTransport', { direction: 'recv' });
        await socket.request('ping');
      }
      await socket.finish();
      await live.assertUp();
    });
    await checkProperty(t, property, { numRuns: 30, seconds: 15 });
    await live.assertServing();
  });
});

describe('bursts', () => {
  test(`30 concurrent createTransport requests leave a peer at most ${TRANSPORT_CAP} transports, the rest refused`, async (t) => {
    const live = await watchedRoom(t);
    const peer = await live.joinPeer('host'); // the join made 2 transports already
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        peer.request('createTransport', { direction: i % 2 ? 'send' : 'recv' }),
      ),
    );
    const made = replies.filter((reply) => 'ok' in reply && reply.ok).length;
    await peer.finish();
    await live.assertServing();
    assert.ok(
      made <= TRANSPORT_CAP - 2,
      `${made} of 30 concurrent createTransport succeeded after the join's 2: the peer holds ${made + 2} transports, over the cap of ${TRANSPORT_CAP}`,
    );
  });

  test('8 concurrent produce requests of one source make at most one producer', async (t) => {
    const live = await watchedRoom(t);
    const peer = await live.joinPeer('host');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        peer.request('produce', {
          transportId: '$ref:transport:send',
          source: 'microphone',
          kind: 'audio',
          rtpParameters: rtpParametersFor('audio', 9000 + i),
        }),
      ),
    );
    const made = replies.filter((reply) => 'ok' in reply && reply.ok).length;
    await peer.finish();
    await live.assertServing();
    assert.ok(made <= 1, `${made} of 8 concurrent microphone producers were made for one peer`);
  });

  test('a produce racing its peer’s leave: once the others hear peerLeft, they hear nothing more of that peer', async (t) => {
    const live = await watchedRoom(t);
    const ghosts: string[] = [];
    for (let round = 0; round < 5; round++) {
      const peer = await live.joinPeer('host');
      const peerId = peer.selfId!;
      await Promise.all([
        peer.request('produce', {
          transportId: '$ref:transport:send',
          source: 'microphone',
          kind: 'audio',
          rtpParameters: rtpParametersFor('audio', 11_000 + round),
        }),
        peer.request('leave'),
      ]);
      peer.client.close();
      // The server told the watcher everything before answering the peer: a ping answered after
      // the peer's replies comes after all of it.
      await live.watcher.ok('ping');
      const about = live.watcher.client.notifications.filter((n) => {
        const data = n.data as { peerId?: string; peer?: { id: string } };
        return data.peerId === peerId || data.peer?.id === peerId;
      });
      const left = about.findIndex((n) => n.notification === 'peerLeft');
      if (left === -1) ghosts.push(`round ${round}: no peerLeft at all`);
      else if (left < about.length - 1) {
        ghosts.push(`round ${round}: ${about.map((n) => n.notification).join(', ')}`);
      }
    }
    await live.assertServing();
    assert.deepEqual(ghosts, [], 'a peer that left was announced again, as if still in the room');
  });

  test('a flood of setName and ping requests gets every one answered, and the room carries on', async (t) => {
    const live = await watchedRoom(t);
    const peer = await live.joinPeer('guest');
    const replies = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        i % 2
          ? peer.request('ping', {}, 15_000)
          : peer.request('setName', { name: `flood ${i}` }, 15_000),
      ),
    );
    await peer.finish();
    await live.assertServing();
    const codes = new Set(replies.map((reply) => ('error' in reply ? reply.error.code : 'ok')));
    assert.deepEqual(
      [...codes].filter((code) => code !== 'ok' && code !== 'rate_limited'),
      [],
    );
  });

  test('a socket that sends requests far faster than any client needs is answered rate_limited', async (t) => {
    const live = await watchedRoom(t);
    const peer = await live.joinPeer('guest');
    const replies = await Promise.all(
      Array.from({ length: 1500 }, (_, i) =>
        i % 5
          ? peer.request('ping', {}, 15_000)
          : peer.request('setName', { name: `burst ${i}` }, 15_000),
      ),
    );
    await peer.finish();
    await live.assertServing();
    const limited = replies.filter(
      (reply) => 'error' in reply && reply.error.code === 'rate_limited',
    );
    assert.ok(
      limited.length > 0,
      `none of 1500 requests sent at once was answered rate_limited: one socket may send without limit`,
    );
  });
});
