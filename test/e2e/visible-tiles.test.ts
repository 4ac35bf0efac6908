// Only the video a person sees is sent: a page whose grid shows two tiles receives video for
// those two and audio for everyone, turning the page moves the video, and a small tile gets a
// lower simulcast layer than a large one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  eventually,
  growthSince,
  inboundStreams,
  openMeeting,
  waitForFlowingMedia,
  type StreamGrowth,
} from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

/** Sets the page size of the meeting page's grid, as an app embedding <convene-grid page-size> would. */
async function setPageSize(page: Page, size: number) {
  await page
    .locator('convene-grid')
    .evaluate((grid, n) => grid.setAttribute('page-size', String(n)), size);
}

/**
 * Which remote videos flow on `page` now: waits for a stretch in which exactly `count` grow by
 * at least 15 frames and no other grows at all. A video just taken off the screen may take a
 * moment to stop (its pause crosses the server and the worker), so a stretch in which more grow
 * is looked at again from a fresh baseline; one that never stops fails the wait.
 */
async function videosFlowing(page: Page, count: number): Promise<StreamGrowth[]> {
  const deadline = Date.now() + 30_000;
  let baseline = await inboundStreams(page);
  let videos: StreamGrowth[] = [];
  while (Date.now() < deadline) {
    videos = (await growthSince(page, baseline)).filter((s) => s.kind === 'video');
    const flowing = videos.filter((s) => s.grown >= 15).length;
    if (flowing < count) continue;
    if (flowing === count && videos.filter((s) => s.grown > 0).length === count) return videos;
    baseline = await inboundStreams(page);
  }
  throw new Error(
    `timed out waiting for exactly ${count} videos flowing; last seen: ${JSON.stringify(videos)}`,
  );
}

describe('visible tiles', () => {
  test('with eight peers and two tiles a page, video flows for two and audio for all; a page turn moves it', async () => {
    // What is checked is the viewer's page. The guests publish small, light video in one layer
    // (no simulcast: one encoder each, not three) and receive nothing (no decoders), so eight
    // publishing pages fit on two cores shared with the rest of the suite.
    const room = await fixture.server.createRoom('e2e-eight', {
      host: { subscribeParams: { subscribeToRoles: ['host', 'guest'] } },
      guest: {
        subscribeParams: { subscribeToRoles: [] },
        publishParams: {
          video: { width: 320, height: 180, frameRate: 10, bitRate: 150 },
          simulcast: {
            video: {
              layers: [{ rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 150, maxFramerate: 10 }],
            },
          },
        },
      },
    });
    const viewer = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Viewer'),
    );
    const others: Page[] = [];
    try {
      await viewer.locator('convene-grid').waitFor();
      await setPageSize(viewer, 2);
      for (let i = 1; i <= 7; i++) {
        others.push(
          await openMeeting(
            fixture.browser,
            fixture.server.meetingLink(room.codes.guest!, `Guest ${i}`),
          ),
        );
      }
      // Everyone's audio arrives, whatever the grid shows.
      await waitForFlowingMedia(viewer, { audio: 7, timeoutMs: 60_000 });
      // All eight cameras are in the grid (so pages no longer shift as videos arrive): 4 pages of 2.
      await viewer
        .getByRole('status')
        .filter({ hasText: 'Page 1 of 4' })
        .waitFor({ timeout: 60_000 });

      // Page 1 holds the viewer's own tile and one guest: exactly one remote video flows.
      const firstPage = await videosFlowing(viewer, 1);
      const flowingFirst = firstPage.filter((s) => s.grown >= 15).map((s) => s.trackIdentifier);
      assert.equal(
        flowingFirst.length,
        1,
        `one remote video on page 1, saw ${flowingFirst.length}`,
      );
      assert.equal(
        firstPage.filter((s) => s.grown > 0).length,
        1,
        'videos off the page receive no frames',
      );

      await viewer.getByRole('button', { name: 'Next page' }).click();
      const secondPage = await videosFlowing(viewer, 2);
      const flowingSecond = secondPage.filter((s) => s.grown >= 15).map((s) => s.trackIdentifier);
      assert.equal(flowingSecond.length, 2, 'two remote videos on page 2');
      assert.ok(
        !flowingSecond.some((id) => flowingFirst.includes(id)),
        'page 2 shows other peers than page 1',
      );
      assert.equal(
        secondPage.filter((s) => s.grown > 0).length <= 3,
        true,
        'at most the two on screen (and one pausing)',
      );
      await waitForFlowingMedia(viewer, { audio: 7 });
    } finally {
      for (const page of [viewer, ...others]) await page.context().close();
    }
  });

  test('a small tile receives a lower simulcast layer than a large one', async () => {
    const room = await fixture.server.createRoom('e2e-layers');
    const publisher = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.host!, 'Publisher'),
    );
    const large = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.guest!, 'Large', '&video=false&audio=false'),
      {
        viewport: { width: 1280, height: 720 },
      },
    );
    const small = await openMeeting(
      fixture.browser,
      fixture.server.meetingLink(room.codes.guest!, 'Small', '&video=false&audio=false'),
      {
        viewport: { width: 360, height: 260 },
      },
    );
    try {
      const width = async (page: Page) =>
        Math.max(
          0,
          ...(await inboundStreams(page))
            .filter((s) => s.kind === 'video')
            .map((s) => s.frameWidth),
        );
      const widths = await eventually(
        async () => ({ large: await width(large), small: await width(small) }),
        ({ large: l, small: s }) => s > 0 && l > s,
        { timeoutMs: 30_000, what: 'a wider frame on the large tile than on the small one' },
      );
      assert.ok(
        widths.small <= 640,
        `the small tile gets a reduced layer (${widths.small} px wide)`,
      );
    } finally {
      for (const page of [publisher, large, small]) await page.context().close();
    }
  });
});
