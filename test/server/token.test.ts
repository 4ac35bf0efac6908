// POST /v2/token, driven the way 100ms's web SDK drives it: hms-video-store's
// getAuthTokenByRoomCode posts JSON.stringify({code, user_id}) with no headers (so text/plain),
// retries up to 4 times while the body's code is 429 or 5xx, reads data.token, and on an error
// reads data.code and data.message. The real SDK runs here too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { jwtVerify } from 'jose';
import type * as HmsVideoStore from '@100mslive/hms-video-store';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, assertInvalidField, rawRequest, uniqueName } from './api-assertions.ts';

// The SDK's ES build imports a CommonJS dependency by a named import Node cannot satisfy; its
// CommonJS build loads in Node as it is.
const require = createRequire(import.meta.url);
const hms = require('@100mslive/hms-video-store') as typeof HmsVideoStore;

/** The status codes whose body `code` makes the SDK try again (its fetchWithRetry). */
const SDK_RETRY_CODES = [429, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511];
const SDK_MAX_ATTEMPTS = 4;

/** The request getAuthTokenByRoomCode makes: a POST whose only part is the JSON string body. */
function sdkRequest(endpoint: string, code: string, userId?: string): Request {
  return new Request(endpoint, { method: 'POST', body: JSON.stringify({ code, user_id: userId }) });
}

/** The SDK's exchange, step by step: retries as fetchWithRetry does, then reads the body as it does. */
async function getTokenLikeTheSdk(endpoint: string, code: string, userId?: string) {
  let attempts = 0;
  let response!: Response;
  let data: any;
  for (let i = 0; i < SDK_MAX_ATTEMPTS; i++) {
    attempts++;
    response = await fetch(sdkRequest(endpoint, code, userId));
    data = await response.clone().json();
    if (!(!response.ok && SDK_RETRY_CODES.includes(data.code))) break;
  }
  return response.ok
    ? { attempts, ok: true as const, token: data.token as string }
    : { attempts, ok: false as const, code: data.code as number, message: data.message as string };
}

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

async function roomWithCodes(template?: string) {
  const room = (
    await server.api('POST', '/v2/rooms', { name: uniqueName('room'), template_id: template })
  ).body;
  const codes = (await server.api('POST', `/v2/room-codes/room/${room.id}`)).body.data as {
    code: string;
    role: string;
  }[];
  const codeOf = (role: string) => codes.find((c) => c.role === role)!.code;
  return { room, codeOf };
}

async function verifyAppToken(token: string) {
  const { secret } = server.workspaces[0]!;
  const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
    algorithms: ['HS256'],
  });
  assert.equal(protectedHeader.alg, 'HS256');
  return payload;
}

describe('POST /v2/token as the web SDK calls it', () => {
  it('sends a text/plain body with no other header: the request under test is the SDK request', () => {
    const request = sdkRequest(`${server.url}/v2/token`, 'abc-defg-hij', 'user-1');
    assert.deepEqual([...request.headers], [['content-type', 'text/plain;charset=UTF-8']]);
  });

  it('answers {token} for an enabled code, with no management token needed', async () => {
    const { codeOf } = await roomWithCodes();
    const response = await fetch(sdkRequest(`${server.url}/v2/token`, codeOf('host'), 'user-1'));
    assert.equal(response.status, 200);
    const data = await response.json();
    assert.equal(typeof data.token, 'string');
    assert.equal(data.token.split('.').length, 3);
  });

  it("returns an app token carrying the code's room_id and role, the user_id, type app and version 2", async () => {
    const { room, codeOf } = await roomWithCodes();
    const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf('guest'), 'user-42');
    assert.ok(result.ok);
    const claims = await verifyAppToken(result.token);
    assert.equal(claims.access_key, server.workspaces[0]!.accessKey);
    assert.equal(claims.room_id, room.id);
    assert.equal(claims.role, 'guest');
    assert.equal(claims.user_id, 'user-42');
    assert.equal(claims.type, 'app');
    assert.equal(claims.version, 2);
    assert.equal(typeof claims.jti, 'string');
    assert.ok(claims.iat! <= Math.floor(Date.now() / 1000) + 1);
    assert.ok(claims.nbf! <= Math.floor(Date.now() / 1000) + 1);
    assert.equal(claims.exp! - claims.iat!, 24 * 3600, 'valid for 24 hours, as 100ms tokens are');
  });

  it('gives each role of a room a token for that role', async () => {
    const { codeOf } = await roomWithCodes();
    for (const role of ['host', 'guest', 'hls-viewer']) {
      const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf(role), 'user-1');
      assert.ok(result.ok);
      assert.equal((await verifyAppToken(result.token)).role, role);
    }
  });

  it('makes up a user_id when the body has none (the SDK drops an undefined userId)', async () => {
    const { codeOf } = await roomWithCodes();
    const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf('host'));
    assert.ok(result.ok);
    const claims = await verifyAppToken(result.token);
    assert.equal(typeof claims.user_id, 'string');
    assert.ok((claims.user_id as string).length > 0);
  });

  it('answers body code 404 and a message for an unknown code, without a retry', async () => {
    const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, 'zzz-zzzz-zzz', 'user-1');
    assert.deepEqual(result, {
      attempts: 1,
      ok: false,
      code: 404,
      message: 'Room code does not exist',
    });
  });

  it('answers body code 403 for a disabled code, without a retry', async () => {
    const { codeOf } = await roomWithCodes();
    await server.api('POST', '/v2/room-codes/code', { code: codeOf('host'), enabled: false });
    const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf('host'), 'user-1');
    assert.ok(!result.ok);
    assert.equal(result.attempts, 1);
    assert.equal(result.code, 403);
    assert.match(result.message, /disabled/);
  });

  it('answers body code 403 for a code of a disabled room', async () => {
    const { room, codeOf } = await roomWithCodes();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    const result = await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf('guest'), 'user-1');
    assert.ok(!result.ok);
    assert.equal(result.code, 403);
  });

  it('gives tokens again once a disabled room is enabled', async () => {
    const { room, codeOf } = await roomWithCodes();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: true });
    assert.ok((await getTokenLikeTheSdk(`${server.url}/v2/token`, codeOf('guest'), 'user-1')).ok);
  });

  it('answers body code 403 for a code whose role was deleted from the template', async () => {
    const template = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { host: {}, guest: {} },
    });
    const { codeOf } = await roomWithCodes(template.body.id);
    await server.api('DELETE', `/v2/templates/${template.body.id}/roles/guest`);
    const response = await fetch(sdkRequest(`${server.url}/v2/token`, codeOf('guest'), 'user-1'));
    assertError({ status: response.status, body: await response.json() }, 403, 'role_not_found');
  });

  it('answers 400 naming code when the body has no code', async () => {
    const response = await rawRequest(server, 'POST', '/v2/token', {
      body: JSON.stringify({ user_id: 'user-1' }),
    });
    assertInvalidField(response, 'code');
  });

  it('answers 400 naming code when the code is empty', async () => {
    const response = await rawRequest(server, 'POST', '/v2/token', {
      body: JSON.stringify({ code: '' }),
    });
    assertInvalidField(response, 'code');
  });

  it('answers 400 naming user_id when the user_id is empty', async () => {
    const response = await rawRequest(server, 'POST', '/v2/token', {
      body: JSON.stringify({ code: 'abc-defg-hij', user_id: '' }),
    });
    assertInvalidField(response, 'user_id');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await rawRequest(server, 'POST', '/v2/token', { body: 'code=abc-defg-hij' });
    assertError(response, 400, 'invalid_json');
  });

  it('answers 400 to an empty body', async () => {
    assertError(await rawRequest(server, 'POST', '/v2/token', {}), 400);
  });

  it('reads the body as JSON whatever the content type: application/json and curl form encoding', async () => {
    const { codeOf } = await roomWithCodes();
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      const response = await rawRequest(server, 'POST', '/v2/token', {
        headers: { 'content-type': contentType },
        body: JSON.stringify({ code: codeOf('host'), user_id: 'user-1' }),
      });
      assert.equal(response.status, 200, `${contentType}: ${JSON.stringify(response.body)}`);
      assert.equal(typeof response.body.token, 'string');
    }
  });

  it('lets a page on another origin read the answer (CORS on a simple text/plain request)', async () => {
    const { codeOf } = await roomWithCodes();
    const response = await rawRequest(server, 'POST', '/v2/token', {
      headers: { origin: 'https://app.example.com' },
      body: JSON.stringify({ code: codeOf('host'), user_id: 'user-1' }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });
});

describe('POST /v2/token rate limit (CONVENE_PUBLIC_RATE_LIMIT)', () => {
  let limited: TestServer;

  before(async () => {
    limited = await startTestServer({ env: { CONVENE_PUBLIC_RATE_LIMIT: '3' } });
  });

  after(async () => {
    await limited.close();
  });

  it('answers 429 with body code 429 once a client is over the limit, and the SDK gives up after 4 tries', async () => {
    const room = (await limited.api('POST', '/v2/rooms', { name: uniqueName('busy') })).body;
    const code = (await limited.api('POST', `/v2/room-codes/room/${room.id}`)).body.data[0].code;
    for (let i = 0; i < 3; i++) {
      const within = await getTokenLikeTheSdk(`${limited.url}/v2/token`, code, `user-${i}`);
      assert.ok(within.ok, `request ${i + 1} of 3 is within the limit`);
    }
    const over = await rawRequest(limited, 'POST', '/v2/token', {
      body: JSON.stringify({ code, user_id: 'user-x' }),
    });
    assertError(over, 429, 'rate_limited');
    assert.ok(Number(over.headers.get('retry-after')) > 0, 'retry-after says when to come back');

    const sdk = await getTokenLikeTheSdk(`${limited.url}/v2/token`, code, 'user-y');
    assert.ok(!sdk.ok);
    assert.equal(sdk.attempts, SDK_MAX_ATTEMPTS);
    assert.equal(sdk.code, 429);
  });

  it('makes the real SDK try 4 times and then reject with code 429', async () => {
    const room = (await limited.api('POST', '/v2/rooms', { name: uniqueName('busy') })).body;
    const code = (await limited.api('POST', `/v2/room-codes/room/${room.id}`)).body.data[0].code;
    // Use up what is left of this minute's allowance of 3, whatever other tests used.
    for (let i = 0; i <= 3; i++) {
      const body = JSON.stringify({ code, user_id: 'user-z' });
      if ((await rawRequest(limited, 'POST', '/v2/token', { body })).status === 429) break;
    }
    // The real fetch still reaches the real server; this only counts what the SDK sends.
    const realFetch = globalThis.fetch;
    const sent: string[] = [];
    globalThis.fetch = (input, init) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      const actions = new hms.HMSReactiveStore().getActions();
      actions.setLogLevel(hms.HMSLogLevel.NONE);
      const failure = actions.getAuthTokenByRoomCode(
        { roomCode: code },
        { endpoint: `${limited.url}/v2/token` },
      );
      await assert.rejects(
        failure,
        (error: any) => error.code === 429 && error.action === 'GET_TOKEN',
      );
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.deepEqual(sent, Array(SDK_MAX_ATTEMPTS).fill(`${limited.url}/v2/token`));
  });

  it('does not limit the management API', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await limited.api('GET', '/v2/rooms')).status, 200);
  });
});

describe('POST /v2/token body size limit (CONVENE_BODY_LIMIT)', () => {
  let small: TestServer;

  before(async () => {
    small = await startTestServer({ env: { CONVENE_BODY_LIMIT: '256' } });
  });

  after(async () => {
    await small.close();
  });

  it('answers 413 with body code 413 to a body over the limit', async () => {
    const response = await rawRequest(small, 'POST', '/v2/token', {
      body: JSON.stringify({ code: 'abc-defg-hij', user_id: 'u'.repeat(300) }),
    });
    assertError(response, 413, 'body_too_large');
  });
});

describe("the real SDK: hms-video-store's getAuthTokenByRoomCode", () => {
  function sdkActions() {
    const actions = new hms.HMSReactiveStore().getActions();
    actions.setLogLevel(hms.HMSLogLevel.NONE);
    return actions;
  }

  it('gets an app token for a room code from our endpoint', async () => {
    const { room, codeOf } = await roomWithCodes();
    const token = await sdkActions().getAuthTokenByRoomCode(
      { roomCode: codeOf('host'), userId: 'sdk-user' },
      { endpoint: `${server.url}/v2/token` },
    );
    const claims = await verifyAppToken(token);
    assert.equal(claims.room_id, room.id);
    assert.equal(claims.role, 'host');
    assert.equal(claims.user_id, 'sdk-user');
    assert.equal(claims.type, 'app');
    assert.equal(claims.version, 2);
  });

  it('rejects with code 404 and our message for an unknown code (Roomkit: "Room code does not exist")', async () => {
    const failure = sdkActions().getAuthTokenByRoomCode(
      { roomCode: 'zzz-zzzz-zzz', userId: 'sdk-user' },
      { endpoint: `${server.url}/v2/token` },
    );
    await assert.rejects(failure, (error: any) => {
      assert.equal(error.code, 404);
      assert.equal(error.action, 'GET_TOKEN');
      assert.equal(error.description, 'Room code does not exist');
      return true;
    });
  });

  it('rejects with code 403 for a disabled room (Roomkit: "This room is currently inactive")', async () => {
    const { room, codeOf } = await roomWithCodes();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    const failure = sdkActions().getAuthTokenByRoomCode(
      { roomCode: codeOf('guest') },
      { endpoint: `${server.url}/v2/token` },
    );
    await assert.rejects(
      failure,
      (error: any) => error.code === 403 && error.action === 'GET_TOKEN',
    );
  });
});
