// A peer is not thrown out while its media flows: when signaling goes quiet for a while (a server
// or a laptop starved of CPU, a congested uplink) but the media keeps coming, nobody reconnects,
// and everyone is still seen and heard. Here the server's Node process is stopped for 15 s
// (SIGSTOP): its mediasoup worker, a process of its own, keeps forwarding media meanwhile.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { socketsOpened, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

const fixture = useMeetingFixture();
/** Longer than a ping's answer may take under load, shorter than a dead socket may go unnoticed. */
const QUIET_MS = 15_000;

describe('slow signaling', () => {
  test('signaling quiet for 15 s while media flows: nobody reconnects, both are still seen and heard', async () => {
    await withAdaAndBob(fixture, 'e2e-quiet', async ({ room, ada, bob }) => {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const before = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.equal(await socketsOpened(ada), 1);
      assert.equal(await socketsOpened(bob), 1);

      const pid = fixture.server.process.child.pid!;
      process.kill(pid, 'SIGSTOP');
      const resume = setTimeout(() => process.kill(pid, 'SIGCONT'), QUIET_MS);
      try {
        const resumed = new Promise((resolve) => setTimeout(resolve, QUIET_MS + 100));
        // The worker forwards on while signaling is silent.
        await waitForFlowingMedia(ada, { video: 1, audio: 1, timeoutMs: QUIET_MS });
        await resumed;
      } finally {
        clearTimeout(resume);
        process.kill(pid, 'SIGCONT');
      }

      // Signaling answers again: both are still there, on their first sockets, with media.
      const after = await fixture.server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.deepEqual([...after.session.peers].sort(), [...before.session.peers].sort());
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      assert.equal(await socketsOpened(ada), 1, 'Ada kept her socket');
      assert.equal(await socketsOpened(bob), 1, 'Bob kept his socket');
    });
  });
});
