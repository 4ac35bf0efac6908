// Calls survive failures: a server killed and restarted mid-call, and one page's socket dropped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { dropSockets, launchBrowser, openMeeting, waitForFlowingMedia } from './support/browser.ts';
import { startMeetingServer, type MeetingServer } from './support/meeting-server.ts';

let server: MeetingServer;
let browser: Browser;

before(async () => {
  server = await startMeetingServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reconnecting', () => {
  test('one page’s socket is dropped: it comes back as the same peer and video flows again', async () => {
    const room = await server.createRoom('e2e-drop');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    const bob = await openMeeting(browser, server.meetingLink(room.codes.guest!, 'Bob'));
    try {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const before = await server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.equal(before.session.peers.length, 2);

      assert.equal(await dropSockets(ada), 1);
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });

      const afterDrop = await server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.deepEqual([...afterDrop.session.peers].sort(), [...before.session.peers].sort());
      const session = await server.api('GET', `/v2/sessions/${before.session.id}`);
      assert.equal(Object.keys(session.peers).length, 2, 'no new peer was recorded');
    } finally {
      await ada.context().close();
      await bob.context().close();
    }
  });

  test('the server is killed and restarted mid-call: pages reconnect and decode video within 10 s', async () => {
    const room = await server.createRoom('e2e-restart');
    const ada = await openMeeting(browser, server.meetingLink(room.codes.host!, 'Ada'));
    const bob = await openMeeting(browser, server.meetingLink(room.codes.guest!, 'Bob'));
    try {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });

      await server.restart();
      const back = Date.now();
      await Promise.all([
        waitForFlowingMedia(ada, { video: 1, audio: 1, timeoutMs: 10_000 }),
        waitForFlowingMedia(bob, { video: 1, audio: 1, timeoutMs: 10_000 }),
      ]);
      const seconds = (Date.now() - back) / 1000;
      assert.ok(seconds < 10, `video flowed again after ${seconds} s`);
      const active = await server.api('GET', `/v2/active-rooms/${room.id}`);
      assert.equal(active.session.peers.length, 2);
    } finally {
      await ada.context().close();
      await bob.context().close();
    }
  });
});
