// A role change mid-call, in real Chromium pages: a viewer (a role that may publish nothing and
// receives nobody) made guest by the host's page starts publishing its camera, and the host's
// page decodes it; it now receives the host too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, openMeeting, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

interface PageClient {
  store: { state: { localPeerId?: string; role?: { name: string } } };
  actions: {
    changeRole(peerId: string, role: string, options: { force: boolean }): Promise<unknown>;
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
