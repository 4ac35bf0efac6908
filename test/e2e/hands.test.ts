// Raised hands and the session store between real Chromium pages driving the room client: a
// hand raised on one page shows in the other's store, a host lowers it, and a message pinned in
// the session store reaches a page that joins later.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, openMeeting } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

/** Runs `action` with the page's RoomClient (the one <convene-room> joined with). */
function withClient<T>(page: Page, action: string, arg?: unknown): Promise<T> {
  return page
    .locator('convene-room')
    .evaluate(
      (room, [body, value]) => new Function('client', 'arg', body)((room as any).client, value),
      [action, arg] as const,
    ) as Promise<T>;
}

const connected = (page: Page) =>
  eventually(
    () => withClient<string>(page, 'return client?.store.state.connection'),
    (state) => state === 'connected',
    { what: 'the page to join' },
  );

/** What `viewer`'s store says about the hand of the peer named `name`. */
const handOf = (viewer: Page, name: string) =>
  withClient<boolean>(
    viewer,
    'return Object.values(client.store.state.peers).some((p) => p.name === arg && p.handRaised === true)',
    name,
  );

describe('hands and the session store', () => {
  test('a raised hand shows on the other page, and a host lowers it', async () => {
    await withAdaAndBob(fixture, 'e2e-hands', async ({ room, ada, bob }) => {
      await connected(ada);
      await connected(bob);
      await withClient(bob, 'return client.raiseHand()');
      await eventually(() => handOf(ada, 'Bob'), Boolean, { what: 'Bob’s hand on Ada’s page' });

      // A guest may not lower the host's hand; the host may lower Bob's.
      await withClient(ada, 'return client.raiseHand()');
      await eventually(() => handOf(bob, 'Ada'), Boolean, { what: 'Ada’s hand on Bob’s page' });
      const adaId = await withClient<string>(ada, 'return client.store.state.localPeerId');
      const refused = await withClient<string>(
        bob,
        'return client.lowerHand(arg).then(() => "lowered", (error) => error.code)',
        adaId,
      );
      assert.equal(refused, 'forbidden');
      const bobId = await withClient<string>(bob, 'return client.store.state.localPeerId');
      await withClient(ada, 'return client.lowerHand(arg)', bobId);
      await eventually(
        () => handOf(bob, 'Bob'),
        (up) => !up,
        { what: 'Bob’s hand lowered' },
      );
      await eventually(
        () => handOf(ada, 'Bob'),
        (up) => !up,
        { what: 'Bob’s hand lowered' },
      );
      assert.equal(await handOf(bob, 'Ada'), true);

      // A message pinned in the session store reaches a page that joins later.
      await withClient(ada, 'return client.sessionStore.set("pinned", { text: "Agenda" })');
      const cy = await openMeeting(
        fixture.browser,
        fixture.server.meetingLink(room.codes.guest!, 'Cy'),
      );
      try {
        await connected(cy);
        await withClient(cy, 'return client.sessionStore.observe(["pinned"])');
        const pinned = await withClient<unknown>(
          cy,
          'return client.store.state.sessionStore.get("pinned")?.value',
        );
        assert.deepEqual(pinned, { text: 'Agenda' });
      } finally {
        await cy.context().close();
      }
    });
  });
});
