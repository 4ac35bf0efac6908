// People in a room see and hear each other: real server, real mediasoup worker, real Chromium
// pages opened from meeting links, sending fake camera and microphone media.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openMeeting, waitForFlowingMedia } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

describe('a meeting through meeting links', () => {
  test('two and then three pages each decode the others’ video and receive their audio', async () => {
    await withAdaAndBob(fixture, 'e2e-three', async ({ room, ada, bob }) => {
      await waitForFlowingMedia(ada, { video: 1, audio: 1 });
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const cy = await openMeeting(
        fixture.browser,
        fixture.server.meetingLink(room.codes.guest!, 'Cy'),
      );
      await waitForFlowingMedia(cy, { video: 2, audio: 2 });
      await waitForFlowingMedia(ada, { video: 2, audio: 2 });
      await waitForFlowingMedia(bob, { video: 2, audio: 2 });
      await cy.context().close();
    });
  });
});

describe('what a person sees', () => {
  test('muting shows as muted on the other pages’ tiles', async () => {
    await withAdaAndBob(fixture, 'e2e-mute', async ({ ada, bob }) => {
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      const adaOnBob = bob.getByRole('group', { name: 'Ada', exact: true });
      await adaOnBob.waitFor();
      assert.equal(await adaOnBob.getByLabel('Microphone muted').count(), 0);
      const microphone = ada.getByRole('button', { name: 'Microphone', exact: true });
      await microphone.click();
      await adaOnBob.getByLabel('Microphone muted').waitFor({ timeout: 10_000 });
      assert.equal(await microphone.getAttribute('aria-pressed'), 'false');
      await microphone.click();
      await adaOnBob.getByLabel('Microphone muted').waitFor({ state: 'detached', timeout: 10_000 });
    });
  });

  test('the active speaker is marked and each remote tile shows its connection quality', async () => {
    await withAdaAndBob(fixture, 'e2e-speaker', async ({ bob }) => {
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      // Chromium's fake microphone beeps; the server's active-speaker observer names a peer.
      await bob.locator('convene-tile[speaking]').first().waitFor({ timeout: 20_000 });
      const adaOnBob = bob.getByRole('group', { name: 'Ada', exact: true });
      await adaOnBob.getByLabel(/Connection quality [0-5] of 5/).waitFor({ timeout: 20_000 });
    });
  });

  test('a shared screen becomes the stage on the other pages, and goes away when sharing stops', async () => {
    await withAdaAndBob(fixture, 'e2e-screen', async ({ ada, bob }) => {
      await waitForFlowingMedia(bob, { video: 1, audio: 1 });
      // Chromium's fake capture UI picks a screen for getDisplayMedia.
      const share = ada.getByRole('button', { name: 'Share screen', exact: true });
      await share.click();
      const stage = bob.locator('convene-tile[source="screen"]');
      await stage.waitFor({ timeout: 20_000 });
      // Ada's camera (now in the filmstrip) and her screen (the stage) both decode.
      await waitForFlowingMedia(bob, { video: 2 });
      assert.equal(await share.getAttribute('aria-pressed'), 'true');
      await share.click();
      await stage.waitFor({ state: 'detached', timeout: 20_000 });
    });
  });
});
