// Live rooms report through the webhook outbox in 100ms's shapes: session.open.success,
// peer.join.success, peer.leave.success and session.close.success, signed and in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor, type TestServer } from '../support/test-server.ts';
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

test('a session sends open, join, leave and close events with 100ms’s payloads, in order', async () => {
  const room = await rooms.open({ server, room: { name: 'webhook-session-room' } });
  const { roomId } = room;
  const { client: ada, joined } = await room.join('host', 'Ada', 'ada-id');
  const { client: bob, joined: bobJoined } = await room.join('guest', 'Bob', 'bob-id');
  await bob.ok('leave');
  await ada.ok('leave');
  ada.close();
  bob.close();

  // Only deliveries whose signature verifies are counted, and no other arrives.
  const ofRoom = () =>
    receiver.deliveries
      .map((d) => d.envelope)
      .filter((event) => event?.data.room_id === roomId && event.type !== 'room.create.success');
  await waitFor(() => ofRoom().length >= 6 || undefined, { what: 'six session events' });
  assert.deepEqual(
    receiver.deliveries.filter((d) => d.verifyError),
    [],
  );
  const events = ofRoom();
  assert.deepEqual(
    events.map((event) => [event.type, event.data.user_name]),
    [
      ['session.open.success', undefined],
      ['peer.join.success', 'Ada'],
      ['peer.join.success', 'Bob'],
      ['peer.leave.success', 'Bob'],
      ['peer.leave.success', 'Ada'],
      ['session.close.success', undefined],
    ],
  );
  const [open, adaJoin, , bobLeave, , close] = events;
  assert.equal(open!.data.session_id, joined.sessionId);
  assert.equal(open!.data.room_name, 'webhook-session-room');
  assert.equal(adaJoin!.data.peer_id, joined.self.id);
  assert.equal(adaJoin!.data.user_id, 'ada-id');
  assert.equal(adaJoin!.data.role, 'host');
  assert.equal(adaJoin!.data.type, 'regular');
  assert.equal(bobLeave!.data.peer_id, bobJoined.self.id);
  assert.equal(bobLeave!.data.reason, 'client request');
  assert.equal(typeof bobLeave!.data.duration, 'number');
  assert.ok(bobLeave!.data.left_at >= bobLeave!.data.joined_at);
  assert.equal(typeof close!.data.session_duration, 'number');
  assert.ok(close!.data.session_stopped_at >= close!.data.session_started_at);
  assert.deepEqual([close!.data.reason, close!.data.message], ['last peer left', '']);
});

/** The verified events of `roomId`, in the order they arrived; of `type` only, with one. */
const eventsOf = (roomId: string, type?: string) =>
  receiver.deliveries
    .map((delivery) => delivery.envelope)
    .filter((event) => event?.data.room_id === roomId && (!type || event.type === type));

test('a role change, a new name and new metadata are webhooks, and the session keeps them', async () => {
  const room = await rooms.open({ server, room: { name: 'webhook-peer-update-room' } });
  const { roomId } = room;
  const ada = await room.join('host', 'Ada', 'ada-id');
  const bob = await room.join('guest', 'Bob', 'bob-id');
  try {
    await ada.client.ok('changeRole', {
      peerId: bob.joined.self.id,
      role: 'hls-viewer',
      force: true,
    });
    await bob.client.ok('setName', { name: 'Robert' });
    await bob.client.ok('setMetadata', { metadata: '{"isHandRaised":true}' });

    const roleChange = await waitFor(() => eventsOf(roomId, 'role.change.success')[0], {
      what: 'role.change.success',
    });
    assert.equal(roleChange.data.peer_id, bob.joined.self.id);
    assert.equal(roleChange.data.user_id, 'bob-id');
    assert.equal(roleChange.data.role, 'hls-viewer');
    assert.equal(roleChange.data.previous_role, 'guest');
    assert.equal(roleChange.data.session_id, ada.joined.sessionId);
    const updates = await waitFor(
      () => {
        const found = eventsOf(roomId, 'peer.update.success');
        return found.length >= 2 ? found : undefined;
      },
      { what: 'two peer.update.success' },
    );
    assert.deepEqual(
      updates.map((event) => [event.data.peer_id, event.data.user_name, event.data.user_data]),
      [
        [bob.joined.self.id, 'Robert', ''],
        [bob.joined.self.id, 'Robert', '{"isHandRaised":true}'],
      ],
    );
    assert.equal(updates[0]!.data.role, 'hls-viewer');

    // The session's record shows the peer as it is now, not as it joined.
    const session = await server.api('GET', `/v2/sessions/${ada.joined.sessionId}`);
    assert.equal(session.status, 200);
    const peer = session.body.peers[bob.joined.self.id];
    assert.deepEqual([peer.name, peer.role], ['Robert', 'hls-viewer']);
  } finally {
    ada.client.close();
    bob.client.close();
  }
});

test('a room ended with a reason: each peer’s leave, then the session’s close, carry it', async () => {
  const room = await rooms.open({ server, room: { name: 'webhook-end-room' } });
  const { roomId } = room;
  const ada = await room.join('host', 'Ada', 'ada-id');
  const bob = await room.join('guest', 'Bob', 'bob-id');
  try {
    const ended = await server.api('POST', `/v2/active-rooms/${roomId}/end-room`, {
      reason: 'The class is over',
    });
    assert.equal(ended.status, 200);
    const close = await waitFor(() => eventsOf(roomId, 'session.close.success')[0], {
      what: 'session.close.success',
    });
    assert.deepEqual([close.data.reason, close.data.message], ['room ended', 'The class is over']);
    const leaves = eventsOf(roomId, 'peer.leave.success');
    assert.deepEqual(
      leaves.map((event) => [event.data.peer_id, event.data.reason, event.data.message]).sort(),
      [
        [ada.joined.self.id, 'server removed peer', 'The class is over'],
        [bob.joined.self.id, 'server removed peer', 'The class is over'],
      ].sort(),
    );
    // Written before the session's close, so a backend counting attendance sees them first.
    const order = eventsOf(roomId).map((event) => event!.type);
    assert.ok(order.lastIndexOf('peer.leave.success') < order.indexOf('session.close.success'));
  } finally {
    ada.client.close();
    bob.client.close();
  }
});
