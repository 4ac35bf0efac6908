// /embed/{room_code}: the meeting page for iframes, which only the origins in
// CONVENE_EMBED_ORIGINS may frame (CSP frame-ancestors) and drive (written into the page for the
// frame's own check of each message's origin).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { PAGES_DIR, embedFrameAncestors } from '../../server/api/pages.ts';
import { startTestServer } from '../support/test-server.ts';

const BUILT = fs.existsSync(path.join(PAGES_DIR, 'embed.html'));

describe('CONVENE_EMBED_ORIGINS', () => {
  test('lists origins, comma-separated, a trailing slash forgiven; none by default', () => {
    assert.deepEqual(loadConfig({}).embed.origins, []);
    assert.deepEqual(
      loadConfig({
        CONVENE_EMBED_ORIGINS: ' https://app.example.com, http://localhost:3000/ ,',
      }).embed.origins,
      ['https://app.example.com', 'http://localhost:3000'],
    );
  });

  test('refuses what is not an origin, saying what it wants', () => {
    for (const value of ['app.example.com', 'https://app.example.com/meet', 'file:///x', '*']) {
      assert.throws(
        () => loadConfig({ CONVENE_EMBED_ORIGINS: value }),
        /CONVENE_EMBED_ORIGINS must list origins such as https:\/\/app\.example\.com/,
        value,
      );
    }
  });

  test("frames from the listed origins only, or the server's own pages when none", () => {
    assert.equal(
      embedFrameAncestors(['https://a.example', 'https://b.example']),
      'frame-ancestors https://a.example https://b.example',
    );
    assert.equal(embedFrameAncestors([]), "frame-ancestors 'self'");
  });
});

describe('GET /embed/{room_code}', { skip: !BUILT && 'run npm run build first' }, () => {
  test('answers the page with the CSP and the allowed origins written in', async () => {
    const server = await startTestServer({
      env: { CONVENE_EMBED_ORIGINS: 'https://a.example,https://b.example:8443' },
    });
    try {
      const response = await fetch(`${server.url}/embed/abc-defg-hij?name=Ada`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(
        response.headers.get('content-security-policy'),
        'frame-ancestors https://a.example https://b.example:8443',
      );
      assert.match(
        await response.text(),
        /<meta name="convene-embed-origins" content="https:\/\/a\.example,https:\/\/b\.example:8443" \/>/,
      );
    } finally {
      await server.close();
    }
  });

  test("without origins configured, only the server's own pages may frame it", async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/embed/abc-defg-hij`);
      assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'");
      assert.match(await response.text(), /<meta name="convene-embed-origins" content="" \/>/);
    } finally {
      await server.close();
    }
  });
});
