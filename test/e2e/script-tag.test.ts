// The script-tag bundle as a CMS page uses it: a plain HTML page on another origin, with no build
// step, holds one <script src=/sdk/convene-<version>.js integrity=… crossorigin> and one
// <convene-meeting room-code=…>, shows the pre-join preview and joins. Two copies of the script
// on one page do not throw: the second finds the tags taken and leaves them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { openMeeting } from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import type { SdkIntegrity } from '../../server/api/sdk-files.ts';

const fixture = useMeetingFixture();
/** Generous: two cores are shared by the page, the server and whatever else runs. */
const TIMEOUT = 30_000;

/** The CMS: serves whatever page a test put at a path, from its own loopback origin. */
const pages = new Map<string, string>();
let cms: Server;
let cmsOrigin: string;

before(async () => {
  cms = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'not found');
  });
  cms.listen(0, '127.0.0.1');
  await once(cms, 'listening');
  cmsOrigin = `http://127.0.0.1:${(cms.address() as AddressInfo).port}`;
});
after(async () => {
  cms?.close();
  if (cms) await once(cms, 'close');
});

async function publishedSdk(): Promise<SdkIntegrity> {
  const response = await fetch(`${fixture.server.url}/sdk/integrity.json`);
  assert.equal(response.status, 200, 'the script-tag bundle is not built: run npm run build:sdk');
  return (await response.json()) as SdkIntegrity;
}

function plainPage(scripts: string[], roomCode: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Our weekly call</title>
${scripts.join('\n')}
</head><body>
<convene-meeting server="${fixture.server.url}" room-code="${roomCode}" name="Ada"></convene-meeting>
</body></html>`;
}

/** Opens the page and records what it throws and warns. */
async function openPlainPage(path: string) {
  const problems: string[] = [];
  const warnings: string[] = [];
  const page: Page = await openMeeting(fixture.browser, 'about:blank');
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    // A failed load is reported above with its address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(cmsOrigin + path);
  return { page, problems, warnings };
}

test('a plain page with one script tag and <convene-meeting> shows the preview and joins', async () => {
  const room = await fixture.server.createRoom('e2e-script-tag');
  const sdk = await publishedSdk();
  const script = `<script src="${fixture.server.url}/sdk/${sdk.file}" integrity="${sdk.integrity}" crossorigin="anonymous"></script>`;
  pages.set('/one-copy.html', plainPage([script], room.codes.host!));
  const { page, problems } = await openPlainPage('/one-copy.html');
  try {
    const join = page.getByRole('button', { name: 'Join', exact: true });
    await join.waitFor({ timeout: TIMEOUT });
    assert.equal(
      await page.evaluate(() => typeof (window as { Convene?: unknown }).Convene),
      'object',
    );
    await join.click();
    await page.getByRole('button', { name: 'Leave', exact: true }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

test('a script whose bytes do not match its integrity hash is refused', async () => {
  const room = await fixture.server.createRoom('e2e-script-tag-sri');
  const sdk = await publishedSdk();
  const wrong = `sha384-${Buffer.alloc(48).toString('base64')}`;
  const script = `<script src="${fixture.server.url}/sdk/${sdk.file}" integrity="${wrong}" crossorigin="anonymous"></script>`;
  pages.set('/wrong-hash.html', plainPage([script], room.codes.host!));
  const { page, problems } = await openPlainPage('/wrong-hash.html');
  try {
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => customElements.get('convene-meeting')), undefined);
    assert.ok(
      problems.some((text) => /integrity/i.test(text)),
      `the browser says why: ${problems.join(' | ')}`,
    );
  } finally {
    await page.context().close();
  }
});

test('two copies of the script on one page do not throw, and the preview still shows', async () => {
  const room = await fixture.server.createRoom('e2e-script-tag-twice');
  const sdk = await publishedSdk();
  const scripts = [`/sdk/${sdk.file}`, '/sdk/convene.js'].map(
    (file) =>
      `<script src="${fixture.server.url}${file}" integrity="${sdk.integrity}" crossorigin="anonymous"></script>`,
  );
  pages.set('/two-copies.html', plainPage(scripts, room.codes.host!));
  const { page, problems, warnings } = await openPlainPage('/two-copies.html');
  try {
    await page.getByRole('button', { name: 'Join', exact: true }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(problems, []);
    // The second copy ran and found the tag taken (it says so once per tag it would define).
    assert.ok(
      warnings.some((text) =>
        text.includes('<convene-meeting> is already defined by another copy'),
      ),
      `warnings: ${warnings.join(' | ')}`,
    );
  } finally {
    await page.context().close();
  }
});
