// Room actions in real Chromium pages. A removed page says why and does not come back by
// itself. A role change mid-call: a viewer (a role that may publish nothing and
// receives nobody) made guest by the host's page starts publishing its camera, and the host's
// page decodes it; it now receives the host too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, openMeeting, socketsOpened, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

interface PageClient {
  store: {
    state: {
      localPeerId?: string;
      role?: { name: string };
      connection: string;
      removed?: { reason: string; message: string };
    };
  };
  actions: {
    changeRole(peerId: string, role: string, options: { force: boolean }): Promise<unknown>;
    removePeer(peerId: string, reason: string): Promise<void>;
  };
  setCameraEnabled(enabled: boolean): Promise<void>;
}

/** Runs `body` with the page's RoomClient (the one <convene-room> made when it joined). */
function withClient<T>(page: Page, body: (client: PageClient, arg: string) => T, arg = '') {
  return page.locator('convene-room').evaluate(
    (room, [source, value]) => {
      const run = new Function('client', 'arg', `return (${source})(client, arg);`);
      return run((room as unknown as { client: PageClient }).client, value) as T;
    },
    [body.toString(), arg] as const,
  );
}

describe('a role change mid-call', () => {
  test('a viewer made guest publishes its camera and the host decodes it', async () => {
    const room = await fixture.server.createRoom('e2e-role-change');
    const ada = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Ada'),
    );
    const vic = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes['hls-viewer']!, 'Vic'),
    );
    try {
      const vicId = await eventually(
        () => withClient(vic, (client) => client.store.state.localPeerId ?? ''),
        (id) => id !== '',
        { what: "Vic's peer id" },
      );
      await ada.locator('convene-tile').first().waitFor();
      await withClient(
        ada,
        (client, peerId) => client.actions.changeRole(peerId, 'guest', { force: true }),
        vicId,
      );
      const role = await eventually(
        () => withClient(vic, (client) => client.store.state.role?.name ?? ''),
        (name) => name === 'guest',
        { what: "Vic's new role in its store" },
      );
      assert.equal(role, 'guest');
      await withClient(vic, (client) => client.setCameraEnabled(true));
      await waitForFlowingMedia(ada, { video: 1, timeoutMs: 30_000 });
      await waitForFlowingMedia(vic, { video: 1, timeoutMs: 30_000 });
    } finally {
      await ada.context().close();
      await vic.context().close();
    }
  });
});

describe('removal', () => {
  test('a removed page shows why, and does not reconnect by itself', async () => {
    const room = await fixture.server.createRoom('e2e-removal');
    const ada = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Ada'),
    );
    const bob = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.guest!, 'Bob'),
    );
    try {
      const bobId = await eventually(
        () => withClient(bob, (client) => client.store.state.localPeerId ?? ''),
        (id) => id !== '',
        { what: "Bob's peer id" },
      );
      await ada.locator('convene-tile').first().waitFor();
      await withClient(
        ada,
        (client, peerId) => client.actions.removePeer(peerId, 'Be kind'),
        bobId,
      );
      const state = await eventually(
        () =>
          withClient(bob, (client) => ({
            connection: client.store.state.connection,
            removed: client.store.state.removed,
          })),
        (s) => s.connection !== 'connected',
        { what: "Bob's page to leave the room" },
      );
      assert.deepEqual(state, {
        connection: 'disconnected',
        removed: { reason: 'peer removed', message: 'Be kind' },
      });
      assert.equal(await socketsOpened(bob), 1);
    } finally {
      await ada.context().close();
      await bob.context().close();
    }
  });
});
