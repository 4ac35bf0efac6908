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
});
