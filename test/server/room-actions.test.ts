// Room actions under role permissions against a real server and worker: who may mute, ask to
// unmute, change roles, remove and end the room; what everyone sees; and a role change's effect
// on transports, producers and consumers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import type { TestSignalingClient } from '../support/signaling-client.ts';
import { roomFixtures } from '../support/room-fixture.ts';
import { requestFor, rtpParametersFor } from '../support/signaling-arbitraries.ts';
import { CLOSE_CODES } from '../../src/protocol/signaling.ts';

const rooms = roomFixtures();
let server: TestServer;
let ssrc = 5000;

before(async () => {
  server = await rooms.startServer({ CONVENE_FAILED_JOINS_PER_MINUTE: '0' });
});

after(() => rooms.closeAll());

/** A fresh room with the default roles plus `viewer` (publishes nothing, sees hosts and guests). */
async function newRoom(extraRoles: Record<string, unknown> = {}) {
  const room = await rooms.open({ server, room: { name: `actions-${ssrc++}` } });
  const { roomId, templateId } = room;
  const roles = { ...extraRoles };
  for (const [name, body] of Object.entries(roles)) {
    const made = await server.api('POST', `/v2/templates/${templateId}/roles/${name}`, body);
    assert.equal(made.status, 200, JSON.stringify(made.body));
  }
  const join = async (role: string, name = role) => {
    const { client, joined } = await room.join(role, name, `${name}-${ssrc++}`);
    await client.ok('setRtpCapabilities', { rtpCapabilities: joined.routerRtpCapabilities });
    return { client, joined, id: joined.self.id as string };
  };
  return { roomId, templateId, join };
}

async function produce(
  client: TestSignalingClient,
  transportId: string,
  source: 'microphone' | 'camera' = 'microphone',
) {
  const kind = source === 'microphone' ? 'audio' : 'video';
  const { producerId } = await client.ok('produce', {
    transportId,
    source,
    kind,
    rtpParameters: rtpParametersFor(kind, ssrc++),
  });
  return producerId as string;
}

function errorCode(reply: unknown): string | undefined {
  const r = reply as { ok: boolean; error?: { code: string } };
  return r.ok ? undefined : r.error?.code;
}

function closeCode(client: TestSignalingClient): Promise<number> {
  return new Promise((resolve) => client.socket.once('close', (code) => resolve(code)));
}

const VIEWER = {
  viewer: {
    publishParams: { allowed: [] },
    subscribeParams: { subscribeToRoles: ['host', 'guest'] },
  },
};

describe('permissions', () => {
  test("a guest's mute, unmute request, role change, removal and end-room are refused", async () => {
    const { join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    await produce(host.client, host.joined.transports.send.id);
    const attempts = [
      guest.client.request('mutePeer', { peerId: host.id }),
      guest.client.request('muteRole', { role: 'host' }),
      guest.client.request('requestUnmute', { peerId: host.id, source: 'microphone' }),
      guest.client.request('changeRole', { peerId: host.id, role: 'guest', force: true }),
      guest.client.request('removePeer', { peerId: host.id, reason: 'bye' }),
      guest.client.request('endRoom', { reason: 'over', lock: true }),
    ];
    for (const reply of await Promise.all(attempts)) assert.equal(errorCode(reply), 'forbidden');
    const [producer] = server.app.liveRooms.all.flatMap((room) => [
      ...(room.peers.get(host.id)?.media.producers.values() ?? []),
    ]);
    assert.equal(producer!.paused, false);
    assert.equal(host.joined.role.name, 'host');
    assert.deepEqual(await host.client.ok('ping'), {});
  });

  test('unknown peers and roles get not_found', async () => {
    const { join } = await newRoom();
    const host = await join('host');
    assert.equal(
      errorCode(await host.client.request('mutePeer', { peerId: 'nobody' })),
      'peer_not_found',
    );
    assert.equal(
      errorCode(await host.client.request('changeRole', { peerId: host.id, role: 'toString' })),
      'role_not_found',
    );
    assert.equal(
      errorCode(await host.client.request('answerRequest', { requestId: 'x', accept: true })),
      'request_not_found',
    );
  });
});

describe('mute', () => {
  test("a host mutes a guest's microphone: the guest and the others are told", async () => {
    const { join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const other = await join('guest', 'other');
    const producerId = await produce(guest.client, guest.joined.transports.send.id);
    await other.client.notification('newConsumer', (d) => d.producerId === producerId);
    await host.client.ok('mutePeer', { peerId: guest.id, source: 'microphone' });
    await guest.client.notification('producerPaused', (d) => d.producerId === producerId);
    await other.client.notification('producerPaused', (d) => d.producerId === producerId);
  });

  test('muteRole pauses every track of the role and answers how many', async () => {
    const { join } = await newRoom();
    const host = await join('host');
    const a = await join('guest', 'a');
    const b = await join('guest', 'b');
    await produce(a.client, a.joined.transports.send.id);
    await produce(b.client, b.joined.transports.send.id);
    await produce(b.client, b.joined.transports.send.id, 'camera');
    assert.deepEqual(await host.client.ok('muteRole', { role: 'guest', source: 'microphone' }), {
      muted: 2,
    });
    assert.deepEqual(await host.client.ok('muteRole', { role: 'guest' }), { muted: 1 });
  });
});

describe('ask to unmute', () => {
  test('the asked peer sees the request; accepting and declining reach the asker', async () => {
    const { join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const { requestId } = await host.client.ok('requestUnmute', {
      peerId: guest.id,
      source: 'microphone',
    });
    const asked = await guest.client.notification('actionRequested', (d) => d.id === requestId);
    assert.equal(asked.kind, 'unmute');
    assert.equal(asked.from.peerId, host.id);
    await guest.client.ok('answerRequest', { requestId, accept: false });
    const closed = await host.client.notification('actionRequestClosed', (d) => d.id === requestId);
    assert.equal(closed.outcome, 'declined');
    // Answered once only.
    assert.equal(
      errorCode(await guest.client.request('answerRequest', { requestId, accept: true })),
      'request_not_found',
    );

    const second = await host.client.ok('requestUnmute', { peerId: guest.id, source: 'camera' });
    await guest.client.notification('actionRequested', (d) => d.id === second.requestId);
    await guest.client.ok('answerRequest', { requestId: second.requestId, accept: true });
    const accepted = await host.client.notification(
      'actionRequestClosed',
      (d) => d.id === second.requestId,
    );
    assert.equal(accepted.outcome, 'accepted');
    // Never a forced unmute: nothing was published for the guest.
    const peer = server.app.liveRooms.all
      .flatMap((r) => [...r.peers.values()])
      .find((p) => p.id === guest.id);
    assert.equal(peer!.media.producers.size, 0);
  });

  test('a request nobody answers expires for both ends; a peer has at most N waiting', async () => {
    const local = await startTestServer({
      env: {
        CONVENE_WORKERS: '1',
        CONVENE_DEMO_ROOM: 'false',
        CONVENE_ACTION_REQUEST_TTL_MS: '200',
        CONVENE_MAX_PENDING_ACTION_REQUESTS: '1',
      },
    });
    try {
      const room = await local.api('POST', '/v2/rooms', { name: 'expiring' });
      const join = (role: string) => rooms.join(local, room.body.id, role, role, role);
      const host = await join('host');
      const guest = await join('guest');
      const { requestId } = await host.client.ok('requestUnmute', {
        peerId: guest.joined.self.id,
        source: 'microphone',
      });
      const second = await host.client.request('requestUnmute', {
        peerId: guest.joined.self.id,
        source: 'camera',
      });
      assert.equal(errorCode(second), 'too_many_requests_pending');
      assert.ok((second as { error: { retryAfterMs: number } }).error.retryAfterMs > 0);
      for (const end of [host, guest]) {
        const closed = await end.client.notification(
          'actionRequestClosed',
          (d) => d.id === requestId,
        );
        assert.equal(closed.outcome, 'expired');
      }
      assert.equal(
        errorCode(await guest.client.request('answerRequest', { requestId, accept: true })),
        'request_not_found',
      );
      // Expired, it no longer counts: the next request goes through.
      await host.client.ok('requestUnmute', { peerId: guest.joined.self.id, source: 'camera' });
    } finally {
      await local.close();
    }
  });
});

describe('remove', () => {
  test('a host removes a guest: it is told why, its socket closes, the others see it leave', async () => {
    const { join } = await newRoom();
    const host = await join('host');
    const guest = await join('guest');
    const closed = closeCode(guest.client);
    await host.client.ok('removePeer', { peerId: guest.id, reason: 'Be kind' });
    const removed = await guest.client.notification('removed');
    assert.deepEqual(removed, { reason: 'peer removed', message: 'Be kind' });
    assert.equal(await closed, CLOSE_CODES.removed);
    await host.client.notification('peerLeft', (d) => d.peerId === guest.id);
  });
});

describe('end room', () => {
  test('end with lock: everyone removed with the reason, no token, no join, until enabled', async () => {
    const { roomId, join } = await newRoom();
    const code = await server.api('POST', `/v2/room-codes/room/${roomId}`);
    assert.equal(code.status, 200, JSON.stringify(code.body));
    const guestCode = code.body.data.find((c: { role: string }) => c.role === 'guest').code;
    const host = await join('host');
    const guest = await join('guest');
    const closed = closeCode(guest.client);
    assert.deepEqual(await host.client.ok('endRoom', { reason: 'Class is over', lock: true }), {});
    for (const end of [host, guest]) {
      const removed = await end.client.notification('removed');
      assert.deepEqual(removed, { reason: 'room ended', message: 'Class is over' });
    }
    assert.equal(await closed, CLOSE_CODES.removed);

    const refused = await fetch(`${server.url}/v2/token`, {
      method: 'POST',
      body: JSON.stringify({ code: guestCode }),
    });
    assert.equal(refused.status, 403);
    assert.deepEqual((await refused.json()).details, ['room_disabled']);
    const late = await rooms.connect(server.url);
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId: 'late',
      role: 'guest',
    });
    assert.equal(errorCode(await late.request('join', { token })), 'room_disabled');

    const enabled = await server.api('POST', `/v2/rooms/${roomId}`, { enabled: true });
    assert.equal(enabled.status, 200);
    const again = await fetch(`${server.url}/v2/token`, {
      method: 'POST',
      body: JSON.stringify({ code: guestCode }),
    });
    assert.equal(again.status, 200);
    const back = await late.ok('join', { token });
    assert.equal(back.room.id, roomId);
  });

  test('end without lock leaves the room enabled', async () => {
    const { roomId, join } = await newRoom();
    const host = await join('host');
    await host.client.ok('endRoom', {});
    const removed = await host.client.notification('removed');
    assert.equal(removed.reason, 'room ended');
    const room = await server.api('GET', `/v2/rooms/${roomId}`);
    assert.equal(room.body.enabled, true);
  });
});

describe('role change', () => {
  test('a viewer made guest gets a send transport and can produce; everyone sees the role', async () => {
    const { join } = await newRoom(VIEWER);
    const host = await join('host');
    const viewer = await join('viewer');
    assert.equal(viewer.joined.transports.send, undefined);
    await host.client.ok('changeRole', { peerId: viewer.id, role: 'guest', force: true });
    const changed = await viewer.client.notification('roleChanged');
    assert.equal(changed.role.name, 'guest');
    assert.equal(changed.by.peerId, host.id);
    assert.ok(changed.sendTransport?.id);
    const updated = await host.client.notification(
      'peerUpdated',
      (d) => d.peer.id === viewer.id && d.peer.role === 'guest',
    );
    assert.equal(updated.peer.role, 'guest');
    const producerId = await produce(viewer.client, changed.sendTransport.id, 'camera');
    await host.client.notification('newConsumer', (d) => d.producerId === producerId);
  });

  test('a publisher made viewer loses its producers, and the others their consumers', async () => {
    const { join } = await newRoom(VIEWER);
    const host = await join('host');
    const guest = await join('guest');
    const producerId = await produce(guest.client, guest.joined.transports.send.id);
    const consumer = await host.client.notification(
      'newConsumer',
      (d) => d.producerId === producerId,
    );
    await host.client.ok('changeRole', { peerId: guest.id, role: 'viewer', force: true });
    await host.client.notification('consumerClosed', (d) => d.consumerId === consumer.id);
    const changed = await guest.client.notification('roleChanged');
    assert.equal(changed.role.name, 'viewer');
    const reply = await guest.client.request('produce', {
      transportId: guest.joined.transports.send.id,
      source: 'microphone',
      kind: 'audio',
      rtpParameters: rtpParametersFor('audio', ssrc++),
    });
    assert.ok(['forbidden', 'not_found'].includes(errorCode(reply)!), JSON.stringify(reply));
  });

  test('a subscriber whose new role may not receive a role loses those consumers', async () => {
    const { join } = await newRoom({
      ...VIEWER,
      'host-only': {
        publishParams: { allowed: [] },
        subscribeParams: { subscribeToRoles: ['host'] },
      },
    });
    const host = await join('host');
    const guest = await join('guest');
    const viewer = await join('viewer');
    const fromHost = await produce(host.client, host.joined.transports.send.id);
    const fromGuest = await produce(guest.client, guest.joined.transports.send.id);
    await viewer.client.notification('newConsumer', (d) => d.producerId === fromHost);
    const guestConsumer = await viewer.client.notification(
      'newConsumer',
      (d) => d.producerId === fromGuest,
    );
    await host.client.ok('changeRole', { peerId: viewer.id, role: 'host-only', force: true });
    await viewer.client.notification('consumerClosed', (d) => d.consumerId === guestConsumer.id);
    const peer = server.app.liveRooms.all
      .flatMap((r) => [...r.peers.values()])
      .find((p) => p.id === viewer.id)!;
    await waitFor(() => peer.media.consumers.size === 1, { what: 'one consumer left' });
    assert.equal([...peer.media.consumers.values()][0]!.producerId, fromHost);
  });

  test("a role's maxPeerCount is checked on a change as on a join", async () => {
    const { join } = await newRoom({ solo: { maxPeerCount: 1 } });
    const host = await join('host');
    await join('solo');
    const guest = await join('guest');
    const reply = await host.client.request('changeRole', {
      peerId: guest.id,
      role: 'solo',
      force: true,
    });
    assert.equal(errorCode(reply), 'room_full');
    const asked = await host.client.request('changeRole', { peerId: guest.id, role: 'solo' });
    assert.equal(errorCode(asked), 'room_full');
  });

  test('a role offer takes effect only when the peer accepts it', async () => {
    const { join } = await newRoom(VIEWER);
    const host = await join('host');
    const guest = await join('guest');
    const { requestId } = await host.client.ok('changeRole', { peerId: guest.id, role: 'viewer' });
    const offer = await guest.client.notification('actionRequested', (d) => d.id === requestId);
    assert.equal(offer.role, 'viewer');
    assert.equal(offer.kind, 'changeRole');
    await guest.client.ok('answerRequest', { requestId, accept: true });
    const changed = await guest.client.notification('roleChanged');
    assert.equal(changed.role.name, 'viewer');
    const closed = await host.client.notification('actionRequestClosed', (d) => d.id === requestId);
    assert.equal(closed.outcome, 'accepted');
  });

  test('an offer is withdrawn when its asker loses changeRole or leaves', async () => {
    const { join } = await newRoom(VIEWER);
    const ada = await join('host', 'ada');
    const eve = await join('host', 'eve');
    const guest = await join('guest');
    const first = await ada.client.ok('changeRole', { peerId: guest.id, role: 'viewer' });
    await guest.client.notification('actionRequested', (d) => d.id === first.requestId);
    // Ada is made a guest: what she offered under her host role no longer stands.
    await eve.client.ok('changeRole', { peerId: ada.id, role: 'guest', force: true });
    const withdrawn = await guest.client.notification(
      'actionRequestClosed',
      (d) => d.id === first.requestId,
    );
    assert.equal(withdrawn.outcome, 'withdrawn');
    const late = await guest.client.request('answerRequest', {
      requestId: first.requestId,
      accept: true,
    });
    assert.equal(errorCode(late), 'request_not_found');

    const second = await eve.client.ok('changeRole', { peerId: guest.id, role: 'viewer' });
    await guest.client.notification('actionRequested', (d) => d.id === second.requestId);
    await eve.client.ok('leave');
    const gone = await guest.client.notification(
      'actionRequestClosed',
      (d) => d.id === second.requestId,
    );
    assert.equal(gone.outcome, 'withdrawn');
    const peer = server.app.liveRooms.all
      .flatMap((r) => [...r.peers.values()])
      .find((p) => p.id === guest.id)!;
    assert.equal(peer.role.name, 'guest', 'a withdrawn offer changes nothing');
  });

  test('two forced role changes at once: the peer ends in the last, with one send transport', async () => {
    const { join } = await newRoom({
      ...VIEWER,
      speaker: { publishParams: { allowed: ['audio'] } },
    });
    const host = await join('host');
    const viewer = await join('viewer');
    await Promise.all([
      host.client.ok('changeRole', { peerId: viewer.id, role: 'guest', force: true }),
      host.client.ok('changeRole', { peerId: viewer.id, role: 'speaker', force: true }),
    ]);
    const peer = server.app.liveRooms.all
      .flatMap((r) => [...r.peers.values()])
      .find((p) => p.id === viewer.id)!;
    await waitFor(() => peer.role.name === 'speaker', { what: 'the second role' });
    const sends = [...peer.media.transports.values()].filter((t) => t.appData.direction === 'send');
    assert.equal(sends.length, 1);
    await viewer.client.notification('roleChanged', (d) => d.role.name === 'speaker');
    const told = viewer.client.notifications
      .filter((n) => n.notification === 'roleChanged')
      .map((n) => (n.data as { sendTransport?: { id: string } }).sendTransport?.id)
      .filter(Boolean);
    assert.deepEqual(told, [sends[0]!.id], 'the send transport the peer was told of');
  });
});

describe('fuzzed room actions from a peer allowed them all', () => {
  const METHODS = [
    'mutePeer',
    'muteRole',
    'requestUnmute',
    'changeRole',
    'answerRequest',
    'removePeer',
    'endRoom',
  ];
  /** Valid-shaped, broken and hostile data; a `peerId` is now and then a real peer's. */
  const actions = fc.array(
    fc.tuple(fc.oneof(...METHODS.map(requestFor)), fc.constantFrom('self', 'other', 'as is')),
    { minLength: 1, maxLength: 6 },
  );

  test('each gets one well-formed answer, never internal_error, and the server stays up', async () => {
    await fc.assert(
      fc.asyncProperty(actions, async (commands) => {
        const { join } = await newRoom();
        const host = await join('host');
        const guest = await join('guest');
        await produce(guest.client, guest.joined.transports.send.id);
        for (const [command, target] of commands) {
          const data = command.data as Record<string, unknown> | undefined;
          if (data && typeof data === 'object' && 'peerId' in data && target !== 'as is') {
            data.peerId = target === 'self' ? host.id : guest.id;
          }
          if (host.client.socket.readyState !== host.client.socket.OPEN) break;
          const reply = (await host.client.request(command.method, data)) as {
            ok: boolean;
            error?: { code: string; message: string };
          };
          if (!reply.ok) {
            assert.equal(typeof reply.error?.message, 'string');
            assert.notEqual(reply.error?.code, 'internal_error', JSON.stringify(reply));
          }
        }
        host.client.close();
        guest.client.close();
      }),
      { numRuns: 25, interruptAfterTimeLimit: 60_000 },
    );
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
  });
});
