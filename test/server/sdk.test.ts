// /sdk/: the script-tag bundle at a latest and a versioned address, each cached as its name
// promises, with the subresource-integrity hash of the very bytes served; a 404 in 100ms's error
// shape when the bundle is not built.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { ROOT, startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, rawRequest } from './api-assertions.ts';
import { installErrorHandler } from '../../server/api/error-handler.ts';
import { sdkRoutes } from '../../server/api/sdk.ts';
import { SDK_DIR, SDK_PACKAGE_MANIFEST, sdkFileName } from '../../server/api/sdk-files.ts';

const { version } = JSON.parse(readFileSync(path.join(ROOT, SDK_PACKAGE_MANIFEST), 'utf8')) as {
  version: string;
};
const versioned = `/sdk/${sdkFileName(version)}`;
const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

async function download(server: TestServer, file: string) {
  const response = await fetch(server.url + file, { headers: { origin: 'https://cms.example' } });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('the built script-tag bundle', () => {
  let server: TestServer;

  before(async () => {
    assert.ok(
      existsSync(path.join(ROOT, SDK_DIR, 'integrity.json')),
      'the script-tag bundle is not built: run npm run build:sdk',
    );
    server = await startTestServer();
  });
  after(async () => server?.close());

  it(`is served at ${versioned} as JavaScript cached for a year, readable from any origin`, async () => {
    const { response, bytes } = await download(server, versioned);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
    assert.match(bytes.toString('utf8', 0, 40), /^var Convene=/);
  });

  it('publishes the sha384 of the bytes served in /sdk/integrity.json', async () => {
    const { bytes } = await download(server, versioned);
    const listing = await rawRequest(server, 'GET', '/sdk/integrity.json');
    assert.equal(listing.status, 200);
    assert.deepEqual(listing.body, {
      version,
      file: sdkFileName(version),
      integrity: sri(bytes),
    });
  });

  it('serves the same bytes at /sdk/convene.js, cached five minutes', async () => {
    const latest = await download(server, '/sdk/convene.js');
    const pinned = await download(server, versioned);
    assert.equal(latest.response.status, 200);
    assert.equal(latest.response.headers.get('cache-control'), 'public, max-age=300');
    assert.ok(latest.bytes.equals(pinned.bytes));
  });

  it('answers 404 for another version or another file', async () => {
    assertError(await rawRequest(server, 'GET', '/sdk/convene-0.0.0-other.js'), 404, 'not_found');
    assertError(await rawRequest(server, 'GET', '/sdk/index.html'), 404, 'not_found');
  });
});

describe('a server whose bundle is not built', () => {
  it('answers 404 sdk_not_built in the API error shape at every /sdk/ address', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'convene-sdk-'));
    const app = Fastify({ logger: false });
    try {
      installErrorHandler(app);
      await app.register(sdkRoutes, { dir: empty });
      for (const file of ['convene.js', sdkFileName(version), 'integrity.json']) {
        const response = await app.inject({ method: 'GET', url: `/sdk/${file}` });
        assertError({ status: response.statusCode, body: response.json() }, 404, 'sdk_not_built');
        assert.match(response.json().message, /npm run build:sdk/);
      }
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
