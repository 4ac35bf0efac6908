// Failed management authentications are limited per client address: past the limit in a minute,
// that address is answered 429 rate_limited with a retry-after, good token or not, while other
// addresses carry on. Each test speaks from its own loopback address (127.0.0.x) to stay apart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, type ApiResponse } from './api-assertions.ts';
import { FailureWindow } from '../../server/auth/failure-window.ts';

const LIMIT = 3;

let server: TestServer;
let goodToken: string;

before(async () => {
  server = await startTestServer({ env: { CONVENE_AUTH_FAILURE_LIMIT: String(LIMIT) } });
  goodToken = await server.managementToken();
});

after(async () => {
  await server.close();
});

/** GET `path` on `target` from the loopback address `from`, with these headers. */
function getFrom(
  target: TestServer,
  from: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse & { headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(target.url + path, { localAddress: from, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
    });
    request.on('error', reject);
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('failed management authentications per address', () => {
  it(`answer 429 rate_limited with a retry-after once ${LIMIT} failed in a minute`, async () => {
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      assertError(await getFrom(server, '127.0.0.2', '/v2/rooms', bearer('guess')), 401);
    }
    const refused = await getFrom(server, '127.0.0.2', '/v2/rooms', bearer('guess'));
    assertError(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
    assert.match(refused.body.message, /retry in \d+ s/);
  });

  it('refuse a good token from that address too, until its minute is over', async () => {
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      await getFrom(server, '127.0.0.3', '/v2/rooms', bearer('guess'));
    }
    assertError(await getFrom(server, '127.0.0.3', '/v2/rooms', bearer(goodToken)), 429);
  });

  it('leave other addresses alone', async () => {
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      await getFrom(server, '127.0.0.4', '/v2/rooms', bearer('guess'));
    }
    assertError(await getFrom(server, '127.0.0.4', '/v2/rooms', bearer(goodToken)), 429);
    const other = await getFrom(server, '127.0.0.5', '/v2/rooms', bearer(goodToken));
    assert.equal(other.status, 200, JSON.stringify(other.body));
  });

  it('count requests without a token, but not an app token refused with 403', async () => {
    const appToken = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId: 'r',
      userId: 'u',
      role: 'host',
    });
    for (let attempt = 0; attempt < LIMIT * 2; attempt++) {
      assertError(await getFrom(server, '127.0.0.6', '/v2/rooms', bearer(appToken)), 403);
    }
    assert.equal((await getFrom(server, '127.0.0.6', '/v2/rooms', bearer(goodToken))).status, 200);
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      assertError(await getFrom(server, '127.0.0.7', '/v2/templates'), 401, 'missing_token');
    }
    assertError(await getFrom(server, '127.0.0.7', '/v2/templates'), 429, 'rate_limited');
  });

  it('do not reach the public endpoints, which have their own limit', async () => {
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      await getFrom(server, '127.0.0.8', '/v2/rooms', bearer('guess'));
    }
    assert.equal((await getFrom(server, '127.0.0.8', '/health')).status, 200);
  });
});

describe('the failed-authentication limit by configuration', () => {
  it('is 20 a minute by default', async () => {
    const defaults = await startTestServer();
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        assertError(await getFrom(defaults, '127.0.0.9', '/v2/rooms', bearer('guess')), 401);
      }
      assertError(await getFrom(defaults, '127.0.0.9', '/v2/rooms', bearer('guess')), 429);
    } finally {
      await defaults.close();
    }
  });

  it('is off with CONVENE_AUTH_FAILURE_LIMIT=0', async () => {
    const unlimited = await startTestServer({ env: { CONVENE_AUTH_FAILURE_LIMIT: '0' } });
    try {
      for (let attempt = 0; attempt < 40; attempt++) {
        assertError(await getFrom(unlimited, '127.0.0.10', '/v2/rooms', bearer('guess')), 401);
      }
    } finally {
      await unlimited.close();
    }
  });
});

describe('the window behind the limit', () => {
  it('serves an address again once the minute of its first failure is over', () => {
    const window = new FailureWindow(LIMIT, 60_000);
    const start = 1_000_000;
    for (let failure = 0; failure < LIMIT; failure++) window.record('a', start + failure);
    assert.equal(window.retryAfterMs('a', start + 10_000), 50_000);
    assert.equal(window.retryAfterMs('b', start + 10_000), 0, 'another address');
    assert.equal(window.retryAfterMs('a', start + 60_000), 0);
  });
});
