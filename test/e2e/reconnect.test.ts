// Calls survive failures: a server killed and restarted mid-call, and one page's socket dropped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropSockets, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

describe('reconnecting', () => {
  test('one page’s socket is dropped: it comes back as the same peer and video flows again', async () => {
    await withAdaAndBob(fixture, 'e2e-drop', async ({ room, ada, bob }) => {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const before = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.equal(before.session.peers.length, 2);

      assert.equal(await dropSockets(ada), 1);
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });

      const afterDrop = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.deepEqual([...afterDrop.session.peers].sort(), [...before.session.peers].sort());
      const session = await fixture.server.api('GET', `/v2/sessions/${before.session.id}`);
      assert.equal(Object.keys(session.peers).length, 2, 'no new peer was recorded');
    });
  });

  test('the server is killed and restarted mid-call: pages reconnect and decode video again', async () => {
    await withAdaAndBob(fixture, 'e2e-restart', async ({ room, ada, bob }) => {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });

      await fixture.server.restart();
      // How fast they come back is a matter for bench/; here only that they do, on fresh media.
      await Promise.all([
        waitForFlowingMedia(ada, { video: 1, audio: 1, timeoutMs: 45_000 }),
        waitForFlowingMedia(bob, { video: 1, audio: 1, timeoutMs: 45_000 }),
      ]);
      const active = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.equal(active.session.peers.length, 2);
    });
  });
});
