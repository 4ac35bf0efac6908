// Grid rendering with 100 simulated peers: headless Chromium at 1280x720 opens a page (built
// here with vite from bench/grid-page/) where a SimulatedRoom with canvas cameras sits inside
// <convene-room manual><convene-grid>. Times, with performance marks in the page, the grid's
// first render of page 1 (the grid re-created each time, one warm-up not counted), re-renders
// on an active-speaker change and on a page flip (interleaved), and counts the long tasks (over
// 50 ms) of the whole run. The headline is the p95 of all re-renders (speaker changes and page
// flips together). No anchor runs here.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openMeeting } from '../test/e2e/support/browser.ts';
import { buildPage } from './bundle-chunks.ts';
import { serveStaticFiles, type StaticFiles } from './static-files.ts';
import { percentile } from './stats.ts';
import type {} from './grid-page/grid-bench-api.ts';

const PEERS = 100;
const VIEWPORT = { width: 1280, height: 720 };
const FIRST_RENDERS = 5;
const WARMUP_FIRST_RENDERS = 1;
const SPEAKER_CHANGES = 30;
const PAGE_FLIPS = 20;
/** Everything is torn down and the process fails past this, whatever happens. */
const DEADLINE_MS = 5 * 60_000;

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILD_DIR = path.join(ROOT, '.tmp/grid-bench');

const ms = (value: number) => `${value.toFixed(1)} ms`;
const spread = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))} p95 ${ms(percentile(values, 95))}`;

export async function runGridBench(): Promise<void> {
  let browser: Browser | undefined;
  let files: StaticFiles | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await files?.close();
    files = undefined;
  };
  const deadline = setTimeout(() => {
    console.error(`grid: gave up after ${DEADLINE_MS / 1000} s`);
    void cleanup().finally(() => process.exit(1));
  }, DEADLINE_MS);
  deadline.unref();
  try {
    await buildPage(path.join(import.meta.dirname, 'grid-page'), BUILD_DIR);
    files = await serveStaticFiles(BUILD_DIR);
    browser = await launchBrowser();
    const page = await openMeeting(browser, files.url, { viewport: VIEWPORT });
    await page.waitForFunction(() => window.gridBench !== undefined);
    await page.evaluate((peers) => window.gridBench.setup(peers), PEERS);

    const firstRenders: number[] = [];
    for (let i = 0; i < WARMUP_FIRST_RENDERS + FIRST_RENDERS; i++) {
      const duration = await page.evaluate(() => window.gridBench.firstRender());
      if (i >= WARMUP_FIRST_RENDERS) firstRenders.push(duration);
    }
    const layout = await page.evaluate(() => window.gridBench.layout());
    console.log(
      `${layout.tiles} tiles at ${VIEWPORT.width}x${VIEWPORT.height}: ${layout.pageSize} on page 1, ${layout.pageCount} pages`,
    );
    if (layout.pageCount < 2) throw new Error('grid: one page only, nothing to flip');

    const speakerChanges: number[] = [];
    const pageFlips: number[] = [];
    for (let i = 0; i < Math.max(SPEAKER_CHANGES, PAGE_FLIPS); i++) {
      if (i < SPEAKER_CHANGES) {
        speakerChanges.push(await page.evaluate(() => window.gridBench.speakerChange()));
      }
      if (i < PAGE_FLIPS) {
        // 2, 3, …, the last page, then 1 again: every flip shows other tiles.
        const next = ((i + 1) % layout.pageCount) + 1;
        pageFlips.push(await page.evaluate((n) => window.gridBench.pageFlip(n), next));
      }
    }
    const longTasks = await page.evaluate(() => window.gridBench.longTasks());
    await page.evaluate(() => window.gridBench.close());

    console.log(
      `first render (${FIRST_RENDERS}, after ${WARMUP_FIRST_RENDERS} warm-up): ${spread(firstRenders)}`,
    );
    console.log(`speaker change (${SPEAKER_CHANGES}): ${spread(speakerChanges)}`);
    console.log(`page flip (${PAGE_FLIPS}): ${spread(pageFlips)}`);
    console.log(`long tasks over 50 ms in the run: ${longTasks}`);
    const reRenders = [...speakerChanges, ...pageFlips];
    console.log(
      `grid: ${percentile(reRenders, 95).toFixed(1)} ms p95 re-render (first render ${spread(firstRenders)}, speaker ${spread(speakerChanges)}, page flip ${spread(pageFlips)}, long tasks ${longTasks})`,
    );
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}
