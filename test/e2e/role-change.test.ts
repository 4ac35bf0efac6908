// Role changes mid-call between real Chromium pages. A viewer (a role that may publish nothing
// and receives nobody) made guest by the host's page starts publishing its camera, and the host's
// page decodes it. Demotions take effect at once: a guest made viewer stops being seen, and a
// peer given a role that does not receive guests stops receiving them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, inboundStreams, openMeeting, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import { joinedPeerId, tracksOf, withClient } from './support/page-client.ts';

const fixture = useMeetingFixture();

/** Generous: two cores are shared by every page, the server and the other test runs. */
const TIMEOUT = 30_000;

/** Gives `peerId` `role` at once, from `host`'s page. */
async function changeRoleFrom(host: Page, peerId: string, role: string) {
  await withClient(
    host,
    (client, [id, name]) => client.actions.changeRole(id, name, { force: true }),
    [peerId, role] as const,
  );
}

const roleOf = (page: Page, what: string, role: string) =>
  eventually(
    () => withClient(page, (client) => client.store.state.role?.name ?? ''),
    (name) => name === role,
    { timeoutMs: TIMEOUT, what },
  );

/** How many remote videos the page receives now (live tracks only). */
const videosReceived = async (page: Page) =>
  (await inboundStreams(page)).filter((s) => s.kind === 'video').length;

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
      const vicId = await joinedPeerId(vic);
      await ada.locator('convene-tile').first().waitFor();
      await changeRoleFrom(ada, vicId, 'guest');
      await roleOf(vic, "Vic's new role in its store", 'guest');
      await withClient(vic, (client) => client.setCameraEnabled(true));
      await waitForFlowingMedia(ada, { video: 1, timeoutMs: TIMEOUT });
      await waitForFlowingMedia(vic, { video: 1, timeoutMs: TIMEOUT });
    } finally {
      await ada.context().close();
      await vic.context().close();
    }
  });
});

describe('a demotion mid-call', () => {
  test('a guest given a role that does not receive guests stops receiving them, and keeps the host', async () => {
    // `audience` publishes nothing and receives the host only; the other roles as by default.
    const everyone = { subscribeParams: { subscribeToRoles: ['host', 'guest'] } };
    const room = await fixture.server.createRoom('e2e-demotion-subscriber', {
      host: { ...everyone, permissions: { changeRole: true } },
      guest: everyone,
      audience: { publishParams: { allowed: [] }, subscribeParams: { subscribeToRoles: ['host'] } },
    });
    const link = (role: string, name: string, extra = '') =>
      fixture.server.meetingLink(room.codes[role]!, name, `&audio=false${extra}`);
    const ada = await openMeeting(fixture.browser, link('host', 'Ada'));
    const bob = await openMeeting(fixture.browser, link('guest', 'Bob'));
    const cy = await openMeeting(fixture.browser, link('guest', 'Cy', '&video=false'));
    try {
      const adaId = await joinedPeerId(ada);
      const bobId = await joinedPeerId(bob);
      const cyId = await joinedPeerId(cy);
      await waitForFlowingMedia(cy, { video: 2, timeoutMs: TIMEOUT });

      await changeRoleFrom(ada, cyId, 'audience');
      await roleOf(cy, "Cy's new role in its store", 'audience');
      await eventually(
        () => videosReceived(cy),
        (count) => count === 1,
        { timeoutMs: TIMEOUT, what: "Cy to receive Ada's video only" },
      );
      assert.equal(
        (await tracksOf(cy, bobId))?.camera?.received ?? false,
        false,
        "Bob's video on Cy's page",
      );
      assert.equal((await tracksOf(cy, adaId))?.camera?.received, true, "Ada's video on Cy's page");
      await waitForFlowingMedia(cy, { video: 1, timeoutMs: TIMEOUT });
    } finally {
      for (const page of [ada, bob, cy]) await page.context().close();
    }
  });

  test('a guest made viewer stops publishing, and its tile and video leave the host’s page', async () => {
    const room = await fixture.server.createRoom('e2e-demotion-publisher');
    const ada = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Ada', '&audio=false&video=false'),
    );
    const bob = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.guest!, 'Bob', '&audio=false'),
    );
    try {
      await joinedPeerId(ada);
      const bobId = await joinedPeerId(bob);
      const bobOnAda = ada.getByRole('group', { name: 'Bob', exact: true });
      await bobOnAda.waitFor({ timeout: TIMEOUT });
      await waitForFlowingMedia(ada, { video: 1, timeoutMs: TIMEOUT });

      await changeRoleFrom(ada, bobId, 'hls-viewer');
      await roleOf(bob, "Bob's new role in its store", 'hls-viewer');
      await bobOnAda.waitFor({ state: 'detached', timeout: TIMEOUT });
      await eventually(
        () => videosReceived(ada),
        (count) => count === 0,
        { timeoutMs: TIMEOUT, what: 'Ada to receive no video once Bob is a viewer' },
      );
      assert.equal((await tracksOf(bob, bobId))?.camera, undefined, "Bob's own camera is off");
    } finally {
      await ada.context().close();
      await bob.context().close();
    }
  });
});
