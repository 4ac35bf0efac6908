// examples/ as a user would run them: each is built the way its README says (the html one has
// nothing to build: its placeholders are filled in with this server, its SDK hash and a room
// code), served from another loopback origin, opened in Chromium, and used to join a room. What
// Ada sees is checked: the Leave button of the call and her own camera's picture in her tile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { eventually, openMeeting } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import { startStaticSite, type StaticSite } from './support/static-site.ts';
import { ROOT } from '../support/test-server.ts';
import type { SdkIntegrity } from '../../server/api/sdk-files.ts';

const fixture = useMeetingFixture();
/** Generous: two cores are shared by the page, the server, the builds and whatever else runs. */
const TIMEOUT = 30_000;
const EXAMPLES = path.join(ROOT, 'examples');
const outDirs: string[] = [];
let site: StaticSite | undefined;

before(() => {
  // The examples import `convene` by name, as an app that installed it does. Node's resolution
  // from examples/* climbs to the repository's node_modules, which holds its dependencies but
  // not the package itself, so examples/node_modules/convene links to packages/convene, whose
  // exports point at its dist/: built here so the examples use today's code.
  execFileSync('npm', ['run', 'build:lib', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  mkdirSync(path.join(EXAMPLES, 'node_modules'), { recursive: true });
  const link = path.join(EXAMPLES, 'node_modules', 'convene');
  // A link left by an earlier run (or by a person following the README) is replaced, not trusted.
  rmSync(link, { force: true });
  symlinkSync('../../packages/convene', link, 'dir');
});
after(async () => {
  await site?.close();
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** Opens `url` and records what the page throws and what fails to load. */
async function openExample(url: string) {
  const problems: string[] = [];
  const page: Page = await openMeeting(fixture.browser, 'about:blank');
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/**
 * Joins from the pre-join preview (typing her name first where the page does not give one) and
 * waits for what Ada sees in the call.
 */
async function joinAndSeeMyself(page: Page, { typeName = false } = {}) {
  if (typeName) {
    const name = page.getByRole('textbox', { name: 'Your name', exact: true });
    await name.waitFor({ timeout: TIMEOUT });
    await name.fill('Ada');
  }
  const join = page.getByRole('button', { name: 'Join', exact: true });
  await join.waitFor({ timeout: TIMEOUT });
  await join.click();
  await page.getByRole('button', { name: 'Leave', exact: true }).waitFor({ timeout: TIMEOUT });
  const myVideo = page.getByRole('group', { name: 'Ada (you)', exact: true }).locator('video');
  await myVideo.waitFor({ timeout: TIMEOUT });
  // Her camera's picture is playing in her tile (the fake camera has a size once frames arrive).
  await eventually(
    () => myVideo.evaluate((video: HTMLVideoElement) => video.videoWidth),
    (width) => width > 0,
    { timeoutMs: TIMEOUT, what: 'the local tile to show the camera' },
  );
}

function freshOutDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'convene-example-'));
  outDirs.push(dir);
  return dir;
}

test('examples/html: the plain page with the SDK script tag joins a room', async () => {
  const room = await fixture.server.createRoom('e2e-example-html');
  const response = await fetch(`${fixture.server.url}/sdk/integrity.json`);
  assert.equal(response.status, 200, 'the script-tag bundle is not built: run npm run build:sdk');
  const sdk = (await response.json()) as SdkIntegrity;
  // The page as its README says to fill it in: this server, its published hash, a room code.
  const template = readFileSync(path.join(EXAMPLES, 'html', 'index.html'), 'utf8');
  const fills: [RegExp, string][] = [
    [
      /https:\/\/video\.example\.com\/sdk\/convene-[\d.]+\.js/g,
      `${fixture.server.url}/sdk/${sdk.file}`,
    ],
    [/sha384-FROM-[^"]+/g, sdk.integrity],
    [/https:\/\/video\.example\.com/g, fixture.server.url],
    [/abc-defg-hij/g, room.codes.host!],
  ];
  let page = template;
  for (const [pattern, value] of fills) {
    assert.match(page, pattern, `examples/html/index.html no longer has ${pattern}`);
    page = page.replace(pattern, value);
  }
  await site?.close();
  site = await startStaticSite({ '/index.html': page });
  const { page: tab, problems } = await openExample(`${site.url}/index.html`);
  try {
    await joinAndSeeMyself(tab, { typeName: true });
    assert.deepEqual(problems, []);
  } finally {
    await tab.context().close();
  }
});

/**
 * Builds examples/<name> the way its README says, with this server and a fresh room's code as
 * its settings, serves the build from another loopback origin, and joins with it. Each app shows
 * a status line from the element's events: before joining and after `convene-joined`.
 */
async function joinWithViteExample(name: string) {
  const room = await fixture.server.createRoom(`e2e-example-${name}`);
  const outDir = freshOutDir();
  // The app reads these as a vite app reads its settings: VITE_ variables of the environment.
  process.env.VITE_CONVENE_SERVER = fixture.server.url;
  process.env.VITE_CONVENE_ROOM_CODE = room.codes.host!;
  try {
    await build({
      configFile: path.join(EXAMPLES, name, 'vite.config.js'),
      build: { outDir, emptyOutDir: true },
      logLevel: 'warn',
    });
  } finally {
    delete process.env.VITE_CONVENE_SERVER;
    delete process.env.VITE_CONVENE_ROOM_CODE;
  }
  await site?.close();
  site = await startStaticSite(outDir);
  const { page, problems } = await openExample(`${site.url}/index.html`);
  try {
    await page.getByRole('status').getByText('not in the call').waitFor({ timeout: TIMEOUT });
    await joinAndSeeMyself(page);
    // The app heard the element's convene-joined event through its framework's event binding.
    await page.getByRole('status').getByText('in the call', { exact: true }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
}

test('examples/react: the vite + React app with convene/react joins a room', async () => {
  await joinWithViteExample('react');
});

test('examples/vue: the vite + Vue app with the custom element and @convene-joined joins a room', async () => {
  await joinWithViteExample('vue');
});

test('examples/svelte: the vite + Svelte app with the custom element and onconvene-joined joins a room', async () => {
  await joinWithViteExample('svelte');
});
