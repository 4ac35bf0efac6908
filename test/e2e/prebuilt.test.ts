// <convene-meeting> as people use it: two pages (a desktop and a 390 px phone) join through
// meeting links on the real server, see and hear each other, chat both ways, raise a hand the other
// sees, and the host changes the guest's role and removes it through the participant list; the
// guest is told why. axe finds nothing on either page in the call, and at 360 px nothing scrolls
// sideways and every control stays on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openMeeting, waitForFlowingMedia } from './support/browser.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { useMeetingFixture } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

/** Generous: two cores are shared by both pages, the server and whatever else runs. */
const TIMEOUT = 30_000;

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe on ${what}:\n${describeViolations(violations)}`);
}

/** How far the page scrolls sideways, and the controls that are not wholly on screen. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const offScreen: string[] = [];
    const controls = document
      .querySelector('convene-meeting')
      ?.shadowRoot?.querySelector('convene-controls')?.shadowRoot;
    for (const button of controls?.querySelectorAll('button') ?? []) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (a closed popover)
      if (box.left < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight)
        offScreen.push(button.getAttribute('aria-label') ?? button.textContent!.trim());
    }
    return { overflow: root.scrollWidth - root.clientWidth, offScreen };
  });
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const chatLine = (page: Page, text: string) =>
  page.locator('convene-chat').getByText(text, { exact: true });

test('a host on a desktop and a guest on a phone meet, chat, raise a hand, and the host changes the guest’s role and removes it', async () => {
  const room = await fixture.server.createRoom('e2e-prebuilt');
  const origin = fixture.server.url;
  // Ada comes through the preview; Bob's link skips it, as a shared link can.
  const ada = await openMeeting(fixture.browser, `${origin}/meeting/${room.codes.host!}?name=Ada`);
  const bob = await openMeeting(
    fixture.browser,
    fixture.server.meetingLink(room.codes.guest!, 'Bob'),
    {
      viewport: { width: 390, height: 844 },
    },
  );
  try {
    const join = ada.getByRole('button', { name: 'Join', exact: true });
    await join.waitFor({ timeout: TIMEOUT });
    await join.click();

    // They see each other: a tile each, with the picture decoding and the sound arriving.
    await ada.getByRole('group', { name: 'Bob', exact: true }).waitFor({ timeout: TIMEOUT });
    await bob.getByRole('group', { name: 'Ada', exact: true }).waitFor({ timeout: TIMEOUT });
    await waitForFlowingMedia(ada, { video: 1, audio: 1, timeoutMs: TIMEOUT });
    await waitForFlowingMedia(bob, { video: 1, audio: 1, timeoutMs: TIMEOUT });
    await expectAccessible(ada, "Ada's page in the call");
    await expectAccessible(bob, "Bob's page in the call");

    await bob.setViewportSize({ width: 360, height: 740 });
    await ada.locator('convene-grid').waitFor();
    assert.deepEqual(await layoutProblems(bob), { overflow: 0, offScreen: [] }, 'at 360 px');
    await bob.setViewportSize({ width: 390, height: 844 });

    // Chat both ways. Markup from a peer stays text.
    const adaChat = ada.getByRole('button', { name: 'Chat', exact: true });
    await adaChat.click();
    // The chat loads when first opened.
    await ada.getByRole('textbox', { name: 'Message', exact: true }).waitFor({ timeout: TIMEOUT });
    assert.equal(await adaChat.getAttribute('aria-expanded'), 'true');
    await send(ada, 'Hi Bob, <b>this</b> stays text');
    const bobChat = bob.getByRole('button', { name: 'Chat', exact: true });
    await bob.getByText('1 unread message').waitFor({ state: 'attached', timeout: TIMEOUT });
    await bobChat.click();
    await chatLine(bob, 'Hi Bob, <b>this</b> stays text').waitFor({ timeout: TIMEOUT });
    assert.equal(await bob.locator('convene-chat b').count(), 0, 'no element from the text');
    // On the phone the chat is a sheet over the call.
    const sheet = await bob.locator('[part~="panel"]').boundingBox();
    assert.ok(sheet && sheet.width >= 380, `the phone's chat spans the screen (${sheet?.width})`);
    await expectAccessible(bob, "Bob's page with the chat open");
    await send(bob, 'Hello Ada!');
    await chatLine(ada, 'Hello Ada!').waitFor({ timeout: TIMEOUT });
    await bob.getByRole('button', { name: 'Close Chat', exact: true }).click();

    // Bob raises his hand; Ada is told and sees it on his row.
    const hand = bob.getByRole('button', { name: 'Raise hand', exact: true });
    await hand.click();
    await ada.getByText('Bob raised their hand').waitFor({ timeout: TIMEOUT });
    const bobTile = ada.getByRole('group', { name: 'Bob', exact: true });
    await bobTile.getByText('Hand raised').waitFor({ timeout: TIMEOUT });
    await ada.getByRole('button', { name: 'Participants', exact: true }).click();
    const list = ada.locator('convene-participant-list');
    const bobRow = list.getByRole('listitem').filter({ hasText: 'Bob' });
    await bobRow.getByText('Hand raised').waitFor({ state: 'attached', timeout: TIMEOUT });
    assert.equal(await hand.getAttribute('aria-pressed'), 'true');
    await expectAccessible(ada, "Ada's page with the participants open");

    // Ada makes Bob a viewer: his microphone and camera controls go, and he is told.
    await list.getByRole('button', { name: 'Actions for Bob', exact: true }).click();
    await list.getByRole('menuitem', { name: 'Change role…' }).click();
    await list.getByRole('radio', { name: 'hls-viewer' }).check();
    await list.getByRole('button', { name: 'Change now', exact: true }).click();
    await bob.getByText('You are now a hls-viewer').waitFor({ timeout: TIMEOUT });
    await bob
      .getByRole('button', { name: 'Microphone', exact: true })
      .waitFor({ state: 'detached', timeout: TIMEOUT });

    // Then removes him, with a reason he reads.
    await list.getByRole('button', { name: 'Actions for Bob', exact: true }).click();
    await list.getByRole('menuitem', { name: 'Remove from room…' }).click();
    await list.getByRole('textbox', { name: 'Reason (optional)' }).fill('The session is over');
    await list.getByRole('button', { name: 'Remove', exact: true }).click();
    await bob
      .getByRole('heading', { name: 'You were removed from the meeting' })
      .waitFor({ timeout: TIMEOUT });
    await bob.getByText('The session is over').waitFor();
    await bob.getByRole('button', { name: 'Rejoin', exact: true }).waitFor();
    await bobRow.waitFor({ state: 'detached', timeout: TIMEOUT });
  } finally {
    await ada.context().close();
    await bob.context().close();
  }
});
