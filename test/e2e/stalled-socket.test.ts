// The server keeps a peer whose socket stalls while its media still arrives: Bob's signaling
// goes through a proxy that holds his WebSocket's bytes for a while (his pongs among them), as a
// congested uplink or a starved laptop would; his media goes straight to the worker as ever.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openMeeting, socketsOpened, waitForFlowingMedia } from './support/browser.ts';
import { startFreezableProxy } from './support/freezable-proxy.ts';
import { useMeetingFixture } from './support/meeting-server.ts';

const HEARTBEAT_MS = 1_000;
/** Well past two missed pings (when a socket is given up), well short of the client's keepalive. */
const STALL_MS = 6 * HEARTBEAT_MS;
const fixture = useMeetingFixture({ CONVENE_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS) });

describe('stalled socket', () => {
  test('a socket stalled for six heartbeats while media flows: the server keeps the peer', async () => {
    const room = await fixture.server.createRoom('e2e-stalled');
    const proxy = await startFreezableProxy(fixture.server.url);
    const ada = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Ada'),
    );
    const bob = await openMeeting(
      fixture.browser,
      `${proxy.url}/meeting/${room.codes.guest!}?name=Bob&skip_preview=true`,
    );
    try {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const before = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);

      proxy.freezeWebSockets();
      const stalled = new Promise((resolve) => setTimeout(resolve, STALL_MS));
      try {
        // Bob is still seen and heard while his socket says nothing.
        await waitForFlowingMedia(ada, { video: 1, audio: 1, timeoutMs: STALL_MS });
        await stalled;
      } finally {
        proxy.thaw();
      }

      const after = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.deepEqual([...after.session.peers].sort(), [...before.session.peers].sort());
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      assert.equal(await socketsOpened(bob), 1, 'Bob kept his socket');
      const log = fixture.server.process.output();
      assert.match(log, /still sends media: kept/, 'the server saw the missed pings');
    } finally {
      await ada.context().close();
      await bob.context().close();
      await proxy.close();
    }
  });
});
