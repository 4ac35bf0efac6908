// The server's close while peers keep reconnecting: rooms closed for a shutdown tell their peers
// to come back, so upgrades arrive while the server closes, and none may hold the close open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { SIGNALING_PATH } from '../../src/protocol/signaling.ts';
import { startTestServer } from '../support/test-server.ts';

/** A raw WebSocket upgrade: what came back, once the server closed the socket. */
function upgradeOnce(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve(answer));
    socket.write(
      `GET ${SIGNALING_PATH}?v=1 HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

test('an upgrade that arrives while the server closes is answered 503 and closed, and the close ends', async () => {
  const server = await startTestServer();
  const streamControl = server.app.liveRooms.streamControl!;
  let answer: Promise<string> | undefined;
  // The first thing shutdown waits for (outputs stopping): a peer reconnects meanwhile.
  server.app.liveRooms.streamControl = {
    ...streamControl,
    stopAll: async () => {
      answer = upgradeOnce(server.url);
      await answer;
      await streamControl.stopAll();
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    server.close().then(() => 'closed'),
    new Promise((resolve) => (timer = setTimeout(() => resolve('still open after 10 s'), 10_000))),
  ]);
  clearTimeout(timer);
  assert.equal(closed, 'closed');
  assert.match(await answer!, /^HTTP\/1\.1 503 /);
});
