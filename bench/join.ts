// Join latency: from just before RoomClient.join() to the first frame of the remote video shown
// (requestVideoFrameCallback on a <video>), for a fresh page in a new browser context, 20 times on
// loopback. Anchor: a bare page (mediasoup-client alone) against a minimal mediasoup server
// (bench/join-bare/), the floor the join is held against. In each system a publisher page joins
// first and publishes the fake camera (same simulcast layers); then the viewers' joins interleave
// ours and the anchor, alternating which goes first, after one warm-up join each (not counted).
// Both servers run in their own processes, on 127.0.0.1 at ports picked at run time; both pages
// are built with vite into .tmp/join-bench/. Convene viewers join with an app token minted here
// (as an app's backend would), as guests; the publisher is a host.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import {
  makeDataDir,
  startServerProcess,
  type ServerProcess,
} from '../test/support/test-server.ts';
import { generateWorkspaceKey } from '../server/auth/workspace-keys.ts';
import { TokenService } from '../server/auth/tokens.ts';
import type { JoinTiming } from './join-first-frame.ts';
import { JOIN_PHASES } from '../src/client/join-phases.ts';
import { serveStaticFiles } from './static-files.ts';
import { percentile } from './stats.ts';

const JOINS = 20;
const WARMUP_JOINS = 1;
const STEP_TIMEOUT_MS = 20_000;
/** Everything is torn down and the process fails past this, whatever happens. */
const DEADLINE_MS = 8 * 60_000;

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILD_DIR = path.join(ROOT, '.tmp/join-bench');

async function buildPage(name: 'join-bare' | 'join-ours'): Promise<string> {
  const { build } = await import('vite');
  const outDir = path.join(BUILD_DIR, name);
  await build({
    configFile: false,
    root: path.join(import.meta.dirname, name),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

async function startBareServer(staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  // stdin is a pipe the server watches: it exits when this process goes, however it goes.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'join-bare/server.ts'), staticDir],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  killOnExit(child);
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the bare server did not start')),
      STEP_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (first) => {
      clearTimeout(timer);
      resolve(first);
    });
  });
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

/** Children die with this process even when it dies of an uncaught error. */
function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

interface System {
  name: string;
  /** The viewer page to open. */
  url: string;
  /** A fresh token per join, or undefined where there is no auth. */
  token(role: 'publisher' | 'viewer'): Promise<string | undefined>;
}

async function startConvene(
  pageUrl: string,
): Promise<{ system: System; server: ServerProcess; dataDir: string }> {
  const workspace = generateWorkspaceKey();
  const dataDir = makeDataDir();
  const server = await startServerProcess({
    dataDir,
    workspaces: [workspace],
    env: { CONVENE_DEMO_ROOM: 'false' },
  });
  killOnExit(server.child);
  const tokens = new TokenService([workspace]);
  const management = await tokens.mint(workspace.accessKey, 'management');
  const response = await fetch(`${server.url}/v2/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${management}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'join-bench' }),
  });
  if (!response.ok) throw new Error(`POST /v2/rooms: ${response.status} ${await response.text()}`);
  const room = (await response.json()) as { id: string };
  let users = 0;
  return {
    server,
    dataDir,
    system: {
      name: 'convene',
      url: new URL(`?server=${encodeURIComponent(server.url)}`, pageUrl).href,
      token: (role) =>
        tokens.mint(workspace.accessKey, 'app', {
          roomId: room.id,
          userId: `${role}-${++users}`,
          role: role === 'publisher' ? 'host' : 'guest',
        }),
    },
  };
}

async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => 'benchJoin' in window);
  return { context, page };
}

async function publish(browser: Browser, system: System) {
  const opened = await openPage(browser, system.url);
  const token = await system.token('publisher');
  await opened.page.evaluate((t) => (window as any).benchPublish(t), token);
  return opened;
}

/** One viewer: a new context and page, the clock runs inside the page around join. */
async function timeJoin(browser: Browser, system: System): Promise<JoinTiming> {
  const token = await system.token('viewer');
  const { context, page } = await openPage(browser, system.url);
  try {
    const timing = await page.evaluate(
      (t) => (window as any).benchJoin(t) as Promise<JoinTiming>,
      token,
    );
    await page.evaluate(() => (window as any).benchLeave());
    return timing;
  } catch (error) {
    throw new Error(`${system.name} join: ${(error as Error).message}`, { cause: error });
  } finally {
    await context.close();
  }
}

export async function runJoinBench(): Promise<void> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => undefined);
  };
  const deadline = setTimeout(() => {
    console.error(`join: gave up after ${DEADLINE_MS / 1000} s`);
    void cleanup().finally(() => process.exit(1));
  }, DEADLINE_MS);
  deadline.unref();
  try {
    const [bareDir, oursDir] = [await buildPage('join-bare'), await buildPage('join-ours')];
    const bareServer = await startBareServer(bareDir);
    cleanups.push(() => bareServer.child.kill());
    // The Convene page's build; the bare server serves its own.
    const oursPages = await serveStaticFiles(oursDir);
    cleanups.push(() => oursPages.close());
    const convene = await startConvene(oursPages.url);
    cleanups.push(() => rmSync(convene.dataDir, { recursive: true, force: true }));
    cleanups.push(() => convene.server.stop());
    const bare: System = {
      name: 'bare-mediasoup',
      url: bareServer.url,
      token: async () => undefined,
    };
    const ours = convene.system;

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    await publish(browser, bare);
    await publish(browser, ours);

    for (let i = 0; i < WARMUP_JOINS; i++) {
      await timeJoin(browser, bare);
      await timeJoin(browser, ours);
    }
    const anchor: JoinTiming[] = [];
    const measured: JoinTiming[] = [];
    const show = (t: JoinTiming) => `${Math.round(t.frame)} ms (track at ${Math.round(t.track)})`;
    for (let i = 0; i < JOINS; i++) {
      const order = i % 2 === 0 ? [bare, ours] : [ours, bare];
      for (const system of order)
        (system === bare ? anchor : measured).push(await timeJoin(browser, system));
      console.log(
        `join ${String(i + 1).padStart(2)}: convene ${show(measured[i]!)}, bare-mediasoup ${show(anchor[i]!)}`,
      );
    }
    const phases = (label: string, timings: JoinTiming[]) => {
      const names = JOIN_PHASES;
      const parts = names.flatMap((name) => {
        const values = timings.map((t) => t.phases[name]).filter((v) => v !== undefined);
        return values.length ? [`${name} ${Math.round(percentile(values, 50))}`] : [];
      });
      const frames = timings.map((t) => t.frame);
      console.log(
        `${label} phases ended at (p50 ms): ${parts.join(', ')}, first frame ${Math.round(percentile(frames, 50))}`,
      );
    };
    phases('convene (RoomClient):  ', measured);
    phases('bare mediasoup-client: ', anchor);
    const summary = (label: string, timings: JoinTiming[]) => {
      const frames = timings.map((t) => t.frame);
      const tracks = timings.map((t) => t.track);
      const afterTrack = timings.map((t) => t.frame - t.track);
      console.log(
        `${label} first frame p50 ${Math.round(percentile(frames, 50))} ms, p95 ${Math.round(percentile(frames, 95))} ms; ` +
          `remote track p50 ${Math.round(percentile(tracks, 50))} ms; track to frame p50 ${Math.round(percentile(afterTrack, 50))} ms`,
      );
      return [Math.round(percentile(frames, 50)), Math.round(percentile(frames, 95))] as const;
    };
    const [p50, p95] = summary('convene (RoomClient):  ', measured);
    const [a50, a95] = summary('bare mediasoup-client: ', anchor);
    console.log(
      `join: ${p50} ms p50, ${p95} ms p95 (anchor bare-mediasoup: ${a50} ms p50, ${a95} ms p95, ratio ${(p50 / a50).toFixed(2)})`,
    );
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}
