// Live rooms report through the webhook outbox in 100ms's shapes: session.open.success,
// peer.join.success, peer.leave.success and session.close.success, signed and in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import { TestSignalingClient } from '../support/signaling-client.ts';
import { newWebhookSecret } from '../../server/api/webhooks.ts';

const secret = newWebhookSecret();
const received: { type: string; data: Record<string, any> }[] = [];
let receiver: http.Server;
let server: TestServer;

before(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      // Only deliveries whose signature verifies are counted.
      const envelope = new Webhook(secret).verify(
        body,
        req.headers as Record<string, string>,
      ) as any;
      received.push({ type: envelope.type, data: envelope.data });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startTestServer({
    env: {
      CONVENE_WEBHOOK_URL: url,
      CONVENE_WEBHOOK_SECRET: secret,
      CONVENE_WORKERS: '1',
      CONVENE_DEMO_ROOM: 'false',
    },
  });
});

after(async () => {
  await server.close();
  receiver.close();
});

test('a session sends open, join, leave and close events with 100ms’s payloads, in order', async () => {
  const room = await server.api('POST', '/v2/rooms', { name: 'webhook-session-room' });
  const roomId = room.body.id;
  const token = (userId: string, role: string) =>
    server.tokens.mint(server.workspaces[0]!.accessKey, 'app', { roomId, userId, role });

  const ada = await TestSignalingClient.connect(server.url);
  const joined = await ada.ok('join', { token: await token('ada-id', 'host'), name: 'Ada' });
  const bob = await TestSignalingClient.connect(server.url);
  const bobJoined = await bob.ok('join', { token: await token('bob-id', 'guest'), name: 'Bob' });
  await bob.ok('leave');
  await ada.ok('leave');
  ada.close();
  bob.close();

  const ofRoom = () =>
    received.filter(
      (event) => event.data.room_id === roomId && event.type !== 'room.create.success',
    );
  await waitFor(() => ofRoom().length >= 6 || undefined, { what: 'six session events' });
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
