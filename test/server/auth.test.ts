// The management API's guard: which bearer tokens it refuses (401), which it refuses as the wrong
// kind (403), that 100ms's own token recipe is accepted, and that a workspace never sees or
// changes another workspace's rooms, templates or room codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { generateWorkspaceKey } from '../../server/auth/workspace-keys.ts';
import { allPages, assertError, rawRequest, uniqueName } from './api-assertions.ts';

let server: TestServer;
let roomId: string;
let templateId: string;

before(async () => {
  // This file sends some seventy bad tokens from one address on purpose; the limit on failed
  // authentications that would answer them 429 has its own tests (auth-failure-limit.test.ts).
  server = await startTestServer({ env: { CONVENE_AUTH_FAILURE_LIMIT: '0' } });
  roomId = (await server.api('POST', '/v2/rooms', { name: uniqueName('guarded') })).body.id;
  templateId = (await server.api('GET', '/v2/templates')).body.data[0].id;
});

after(async () => {
  await server.close();
});

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A management token of workspace 0 with `claims` laid over the usual ones, signed by `secret`. */
function signWith(
  secret: string,
  claims: Record<string, unknown> = {},
  alg = 'HS256',
): Promise<string> {
  const iat = now();
  return new SignJWT({
    access_key: server.workspaces[0]!.accessKey,
    type: 'management',
    version: 2,
    iat,
    nbf: iat,
    exp: iat + 3600,
    jti: randomUUID(),
    ...claims,
  })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

const ownSecret = () => server.workspaces[0]!.secret;

/** Each way a caller can get the token wrong, with the status and reason the API answers. */
const BAD_TOKENS: {
  name: string;
  status: number;
  reason: string;
  authorization: () => Promise<string | undefined>;
}[] = [
  {
    name: 'no Authorization header',
    status: 401,
    reason: 'missing_token',
    authorization: async () => undefined,
  },
  {
    name: 'an Authorization header that is not Bearer',
    status: 401,
    reason: 'missing_token',
    authorization: async () => `Basic ${Buffer.from('user:pass').toString('base64')}`,
  },
  {
    name: 'a bearer value that is not a JWT',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => 'Bearer not-a-jwt',
  },
  {
    name: 'an unsigned token (alg: none)',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => {
      const header = base64url({ alg: 'none', typ: 'JWT' });
      const payload = base64url({
        access_key: server.workspaces[0]!.accessKey,
        type: 'management',
        version: 2,
        iat: now(),
        nbf: now(),
        exp: now() + 3600,
      });
      return `Bearer ${header}.${payload}.`;
    },
  },
  {
    name: 'a token signed with the wrong secret',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => `Bearer ${await signWith('not-the-workspace-secret-at-all')}`,
  },
  {
    name: 'a token signed with HS512 instead of HS256',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => `Bearer ${await signWith(ownSecret(), {}, 'HS512')}`,
  },
  {
    name: 'a token naming an unknown access key',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => {
      const stranger = generateWorkspaceKey();
      return `Bearer ${await signWith(stranger.secret, { access_key: stranger.accessKey })}`;
    },
  },
  {
    name: 'an expired token',
    status: 401,
    reason: 'invalid_token',
    authorization: async () =>
      `Bearer ${await signWith(ownSecret(), { iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })}`,
  },
  {
    name: 'a token whose nbf is in the future',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => `Bearer ${await signWith(ownSecret(), { nbf: now() + 3600 })}`,
  },
  {
    name: 'a token without exp',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => `Bearer ${await signWith(ownSecret(), { exp: undefined })}`,
  },
  {
    name: 'a token of version 1',
    status: 401,
    reason: 'invalid_token',
    authorization: async () => `Bearer ${await signWith(ownSecret(), { version: 1 })}`,
  },
  {
    name: 'an app token',
    status: 403,
    reason: 'wrong_token_type',
    authorization: async () =>
      `Bearer ${await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', { roomId, userId: 'u1', role: 'host' })}`,
  },
];

/** Management endpoints of every resource, reads and writes. */
const ENDPOINTS: { label: string; method: string; path: () => string; body?: () => unknown }[] = [
  { label: 'GET /v2/rooms', method: 'GET', path: () => '/v2/rooms' },
  {
    label: 'POST /v2/rooms',
    method: 'POST',
    path: () => '/v2/rooms',
    body: () => ({ name: uniqueName('x') }),
  },
  { label: 'GET /v2/rooms/:room_id', method: 'GET', path: () => `/v2/rooms/${roomId}` },
  {
    label: 'GET /v2/templates/:template_id',
    method: 'GET',
    path: () => `/v2/templates/${templateId}`,
  },
  {
    label: 'POST /v2/room-codes/room/:room_id',
    method: 'POST',
    path: () => `/v2/room-codes/room/${roomId}`,
  },
  {
    label: 'POST /v2/room-codes/code',
    method: 'POST',
    path: () => '/v2/room-codes/code',
    body: () => ({ code: 'abc-defg-hij', enabled: false }),
  },
];

describe('bearer tokens the management API refuses', () => {
  for (const bad of BAD_TOKENS) {
    for (const endpoint of ENDPOINTS) {
      it(`refuses ${bad.name} on ${endpoint.label} with ${bad.status}`, async () => {
        const headers: Record<string, string> = {};
        const authorization = await bad.authorization();
        if (authorization) headers.authorization = authorization;
        const body = endpoint.body?.();
        if (body !== undefined) headers['content-type'] = 'application/json';
        const response = await rawRequest(server, endpoint.method, endpoint.path(), {
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        assertError(response, bad.status, bad.reason);
      });
    }
  }

  it('refuses a bad token before reading the body, so no room is created', async () => {
    const name = uniqueName('never');
    const response = await rawRequest(server, 'POST', '/v2/rooms', {
      headers: {
        authorization: `Bearer ${await signWith('wrong-secret-wrong-secret')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name }),
    });
    assertError(response, 401);
    assert.deepEqual((await server.api('GET', `/v2/rooms?name=${name}`)).body.data, []);
  });

  it('says in the message why an expired token was refused', async () => {
    const token = await signWith(ownSecret(), {
      iat: now() - 7200,
      nbf: now() - 7200,
      exp: now() - 3600,
    });
    const response = await server.api('GET', '/v2/rooms', undefined, token);
    assertError(response, 401);
    assert.match(response.body.message, /expired/);
  });
});

describe('bearer tokens the management API accepts', () => {
  it("accepts a token minted with 100ms's documented jsonwebtoken recipe", async () => {
    const { accessKey, secret } = server.workspaces[0]!;
    const payload = {
      access_key: accessKey,
      type: 'management',
      version: 2,
      iat: Math.floor(Date.now() / 1000),
      nbf: Math.floor(Date.now() / 1000),
    };
    const token = jwt.sign(payload, secret, {
      algorithm: 'HS256',
      expiresIn: '24h',
      jwtid: randomUUID(),
    });
    const response = await server.api('GET', `/v2/rooms/${roomId}`, undefined, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.id, roomId);
  });

  it("accepts a token whose iat is 60 s in the past, as 100ms's Java sample mints them", async () => {
    const token = await signWith(ownSecret(), { iat: now() - 60, nbf: now() - 60 });
    assert.equal((await server.api('GET', '/v2/rooms', undefined, token)).status, 200);
  });

  it('accepts the scheme word bearer in any case', async () => {
    const response = await rawRequest(server, 'GET', '/v2/rooms', {
      headers: { authorization: `bearer ${await server.managementToken()}` },
    });
    assert.equal(response.status, 200);
  });

  it('accepts one token for many requests', async () => {
    const token = await signWith(ownSecret());
    for (let i = 0; i < 3; i++)
      assert.equal((await server.api('GET', '/v2/rooms', undefined, token)).status, 200);
  });
});

describe('workspaces are isolated', () => {
  let tokenB: string;
  let roomA: { id: string; name: string };
  let templateA: { id: string };
  let codeA: string;

  before(async () => {
    tokenB = await server.managementToken(1);
    roomA = (await server.api('POST', '/v2/rooms', { name: uniqueName('roomA') })).body;
    templateA = (
      await server.api('POST', '/v2/templates', { name: uniqueName('tplA'), roles: { host: {} } })
    ).body;
    codeA = (await server.api('POST', `/v2/room-codes/room/${roomA.id}`)).body.data[0].code;
  });

  it("answers 404 when workspace B gets workspace A's room", async () => {
    assertError(
      await server.api('GET', `/v2/rooms/${roomA.id}`, undefined, tokenB),
      404,
      'room_not_found',
    );
  });

  it("does not list workspace A's rooms to workspace B, even by name", async () => {
    const listed = await allPages(server, '/v2/rooms', tokenB);
    assert.ok(!listed.some((r) => r.id === roomA.id));
    const byName = await server.api('GET', `/v2/rooms?name=${roomA.name}`, undefined, tokenB);
    assert.deepEqual(byName.body.data, []);
  });

  it("answers 404 when workspace B updates or disables workspace A's room, and the room is unchanged", async () => {
    const response = await server.api(
      'POST',
      `/v2/rooms/${roomA.id}`,
      { enabled: false, description: 'B was here' },
      tokenB,
    );
    assertError(response, 404, 'room_not_found');
    const stored = await server.api('GET', `/v2/rooms/${roomA.id}`);
    assert.equal(stored.body.enabled, true);
    assert.equal(stored.body.description, '');
  });

  it("creates a separate room when workspace B creates a room with workspace A's room name", async () => {
    const response = await server.api(
      'POST',
      '/v2/rooms',
      { name: roomA.name, description: 'B' },
      tokenB,
    );
    assert.equal(response.status, 200);
    assert.notEqual(response.body.id, roomA.id);
    assert.equal(response.body.customer_id, server.workspaces[1]!.accessKey);
    assert.equal((await server.api('GET', `/v2/rooms/${roomA.id}`)).body.description, '');
  });

  it("answers 404 when workspace B gets workspace A's template or its roles", async () => {
    assertError(
      await server.api('GET', `/v2/templates/${templateA.id}`, undefined, tokenB),
      404,
      'template_not_found',
    );
    assertError(
      await server.api('GET', `/v2/templates/${templateA.id}/roles/host`, undefined, tokenB),
      404,
    );
    assertError(
      await server.api('DELETE', `/v2/templates/${templateA.id}/roles/host`, undefined, tokenB),
      404,
    );
    const listed = await allPages(server, '/v2/templates', tokenB);
    assert.ok(!listed.some((t) => t.id === templateA.id));
  });

  it("refuses a room in workspace B on workspace A's template", async () => {
    const response = await server.api('POST', '/v2/rooms', { template_id: templateA.id }, tokenB);
    assertError(response, 400, 'invalid_field:template_id');
  });

  it("answers 404 when workspace B creates or lists codes of workspace A's room", async () => {
    assertError(
      await server.api('POST', `/v2/room-codes/room/${roomA.id}`, undefined, tokenB),
      404,
      'room_not_found',
    );
    assertError(
      await server.api('POST', `/v2/room-codes/room/${roomA.id}/role/host`, undefined, tokenB),
      404,
    );
    assertError(await server.api('GET', `/v2/room-codes/room/${roomA.id}`, undefined, tokenB), 404);
  });

  it("answers 404 when workspace B disables workspace A's room code, and the code stays enabled", async () => {
    const response = await server.api(
      'POST',
      '/v2/room-codes/code',
      { code: codeA, enabled: false },
      tokenB,
    );
    assertError(response, 404, 'code_not_found');
    const codes = await allPages(server, `/v2/room-codes/room/${roomA.id}?enabled=true`);
    assert.ok(codes.some((c) => c.code === codeA));
  });
});
