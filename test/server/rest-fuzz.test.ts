// Property-based fuzzing of every REST route the server has, found from the server itself: the
// OpenAPI document gives the documented routes with their schemas, the router's own table the
// hidden ones, so a new route is fuzzed without anyone listing it. Whatever a request holds, the
// answer is never a 5xx, every 4xx is 100ms's error body with code === status, nothing reaches
// Object.prototype, and the server still serves /health and a plain create-and-read afterwards.
//
// A failure prints its seed; replay it with CONVENE_FUZZ_SEED=<seed>. CONVENE_FUZZ_RUNS sets the
// runs per route (default 100 keeps the file within a minute on CI's two slow cores).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  PROTOTYPE_NAMES,
  bodyValue,
  hostileString,
  jsonBody,
  percentEncode,
  rawPercent,
  wireValue,
  type JsonSchema,
  type Known,
} from '../support/request-arbitraries.ts';
import { uniqueName } from './api-assertions.ts';
import { PAGES_DIR } from '../../server/api/pages.ts';

const SEED = Number(process.env.CONVENE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.CONVENE_FUZZ_RUNS ?? 100);

interface Parameter {
  name: string;
  in: string;
  schema: JsonSchema;
}

/** One route and method, with the path in OpenAPI's syntax (`/v2/rooms/{room_id}`). */
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

interface Reply {
  status: number;
  text: string;
}

let server: TestServer;
/** Ids and names that exist, so that generated requests reach past the "not found" answers. */
const known: Known = {};
let operations: Operation[] = [];
/** Every route in the router's table, and those of them the OpenAPI document does not list. */
let routes: string[] = [];
let hidden: string[] = [];
let authorizations: string[] = [];

before(async () => {
  server = await startTestServer({
    env: {
      // Generated requests carry bad tokens now and then; counted, they would lock this address
      // out and the rest would test only the 429 (auth-failure-limit.test.ts tests the limit).
      CONVENE_AUTH_FAILURE_LIMIT: '0',
      // Likewise POST /v2/token's limit, so its generated bodies reach its handler.
      CONVENE_PUBLIC_RATE_LIMIT: '100000',
    },
  });
  const template = await server.api('POST', '/v2/templates', {
    name: uniqueName('fuzz'),
    roles: { host: {}, guest: {}, constructor: {} },
  });
  const room = await server.api('POST', '/v2/rooms', {
    name: uniqueName('fuzz'),
    template_id: template.body.id,
  });
  const codes = await server.api('POST', `/v2/room-codes/room/${room.body.id}`);
  Object.assign(known, {
    room_id: [room.body.id],
    template_id: [template.body.id],
    role_name: ['host', 'guest', 'constructor'],
    role: ['host', 'guest', 'constructor'],
    code: codes.body.data.map((c: { code: string }) => c.code),
    // The static assets' wildcard (GET /*, once `npm run build` has run).
    '*': ['assets/', 'assets/nope.js', 'assets/../meeting.html', 'assets/%2e%2e/meeting.html'],
  });
  const assets = path.join(PAGES_DIR, 'assets');
  if (fs.existsSync(assets)) known['*']!.push(...fs.readdirSync(assets).map((f) => `assets/${f}`));
  const good = await server.managementToken();
  const appToken = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
    roomId: room.body.id,
    userId: 'fuzz',
    role: 'host',
  });
  authorizations = [`Bearer ${good}`, `Bearer ${await server.managementToken(1)}`];
  authorizations.push(`Bearer ${appToken}`, 'Bearer not-a-token', 'Basic Zm9vOmJhcg==', '');

  const document = (await send({ method: 'GET', path: '/v2/openapi.json', headers: {}, body: '' }))
    .text;
  operations = documentedOperations(JSON.parse(document));
  const documented = new Set(operations.map((op) => `${op.method} ${routerPath(op.path)}`));
  routes = routerRoutes(server.app.printRoutes({ commonPrefix: false }));
  hidden = routes.filter((route) => !documented.has(route));
  operations.push(...hidden.map(hiddenOperation));
});

after(async () => {
  await server.close();
});

function documentedOperations(document: { paths: Record<string, Record<string, any>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []) as Parameter[],
      body: operation.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
    })),
  );
}

/** `/v2/rooms/{room_id}` -> `/v2/rooms/:room_id`, as the router prints it. */
const routerPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Every `METHOD path` in Fastify's printRoutes tree. HEAD is left to the GET it mirrors (fuzzed
 * as a HEAD now and then), and CORS's `OPTIONS *` to the any-method test below.
 */
function routerRoutes(tree: string): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    // A node without methods (`assets/`) is only a prefix of the routes below it.
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2];
    prefixes[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD' && path !== '*') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

/**
 * A hidden route, fuzzed through its path and query only: these are the pages, /health, the
 * OpenAPI document, static assets and GET /v2/signaling without an Upgrade (the WebSocket side
 * is fuzzed by the signaling suites, over a socket).
 */
function hiddenOperation(route: string): Operation {
  const [method, path] = route.split(' ') as [string, string];
  const names = [...path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  return {
    method,
    path: path.replace(/:(\w+)/g, '{$1}').replace('*', '{*}'),
    parameters: names.map((name) => ({ name, in: 'path', schema: { type: 'string' } })),
    body: undefined,
  };
}

/**
 * Sends exactly this request, on a connection of its own: a server closes the connection after
 * some refusals (a body over the limit), and a reused one would then fail the next request.
 */
function send(request: FuzzRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const headers = { ...request.headers };
    // Without it, Node frames no body on GET or DELETE and sends malformed HTTP.
    if (request.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        agent: false,
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 10 s')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * The one 5xx a request may get: the meeting page of a checkout where `npm run build` has not
 * run is a 503 by design. Where the page is built (CI builds it), it is a server error too.
 */
const PAGES_BUILT = fs.existsSync(path.join(PAGES_DIR, 'meeting.html'));
const expectedUnavailable = (request: FuzzRequest, reply: Reply) =>
  !PAGES_BUILT &&
  reply.status === 503 &&
  (reply.text.includes('"pages_not_built"') ||
    (request.method === 'HEAD' && /^\/(meeting|embed)\//.test(request.path)));

/** What every answer must be, whatever was asked. */
function checkReply(request: FuzzRequest, reply: Reply): void {
  const where = `${request.method} ${request.path} -> ${reply.status} ${reply.text.slice(0, 300)}`;
  assert.ok(reply.status < 500 || expectedUnavailable(request, reply), `a server error: ${where}`);
  assert.equal(
    (Object.prototype as Record<string, unknown>).polluted,
    undefined,
    `Object.prototype was changed: ${where}`,
  );
  if (reply.status < 400 || request.method === 'HEAD') return;
  // The error body's shape holds for that 503 as for any refusal.
  let body: { code?: unknown; message?: unknown; details?: unknown };
  try {
    body = JSON.parse(reply.text);
  } catch {
    assert.fail(`a ${reply.status} that is not JSON: ${where}`);
  }
  assert.equal(body.code, reply.status, `code is not the status: ${where}`);
  assert.ok(typeof body.message === 'string' && body.message.length > 0, `no message: ${where}`);
  assert.ok(
    Array.isArray(body.details) && body.details.length === 1 && typeof body.details[0] === 'string',
    `details is not [reason]: ${where}`,
  );
}

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Bodies JSON.stringify would never write. */
const rawBody = fc.constantFrom(
  '',
  '{',
  'null',
  '[]',
  '"a string"',
  '1e999',
  '\ufeff{}',
  '{"a": 1, "a": 2}',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  nested(10_000),
  `{"name": ${nested(100_000)}}`,
  'name=x&enabled=true',
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      '',
    ),
  },
);

function requestFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathValues = operation.parameters
    .filter((p) => p.in === 'path')
    .map((p) =>
      wireValue(p.schema ?? {}, known[p.name] ?? [])
        .filter((value) => value !== '')
        .map((value) => [p.name, value] as const),
    );
  const queryPairs = fc.array(
    fc.tuple(
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            'limit',
            'start',
            ...operation.parameters.filter((p) => p.in === 'query').map((p) => p.name),
          ),
        },
        { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, 'a[b]', 'x[__proto__]') },
        { weight: 1, arbitrary: hostileString.map(percentEncode) },
      ),
      fc.oneof(
        {
          weight: 4,
          arbitrary: wireValue(
            { type: 'string' },
            ['1', '100', '101', '0', 'true', 'false', 'pending'].concat(known.room_id ?? []),
          ),
        },
        { weight: 1, arbitrary: rawPercent },
      ),
    ),
    { maxLength: 4 },
  );
  const methods = operation.method === 'GET' ? ['GET', 'GET', 'GET', 'HEAD'] : [operation.method];
  const body = operation.body
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: bodyValue(operation.body, known).map(jsonBody),
        },
        { weight: 1, arbitrary: rawBody },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: rawBody });
  return fc
    .record({
      method: fc.constantFrom(...methods),
      path: fc.tuple(...pathValues),
      query: queryPairs,
      authorization: fc.oneof(
        { weight: 8, arbitrary: fc.constant(authorizations[0]!) },
        { weight: 2, arbitrary: fc.constantFrom(...authorizations) },
      ),
      contentType,
      body,
    })
    .map(({ method, path, query, authorization, contentType: type, body: text }) => {
      let url = operation.path;
      for (const [name, value] of path) url = url.replace(`{${name}}`, value);
      if (query.length > 0) url += '?' + query.map(([k, v]) => `${k}=${v}`).join('&');
      const headers: Record<string, string> = {};
      if (authorization) headers.authorization = authorization;
      const withBody = text !== undefined && method !== 'HEAD';
      if (withBody && type) headers['content-type'] = type;
      return { method, path: url, headers, body: withBody ? text : undefined };
    });
}

async function fuzz(arbitrary: fc.Arbitrary<FuzzRequest>, runs = RUNS): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => checkReply(request, await send(request))),
    { seed: SEED, numRuns: runs, includeErrorInReport: true },
  );
}

describe('the REST API under generated requests', () => {
  it('finds the documented routes and the hidden ones from the server itself', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS} runs per route`);
    // The router's table is read from its printout: these fail if that ever reads wrong.
    const documented = routes.filter((route) => !hidden.includes(route));
    assert.ok(documented.length >= 25, `the documented routes in the router: ${documented}`);
    for (const route of ['GET /health', 'GET /v2/openapi.json', 'GET /meeting/:code'])
      assert.ok(hidden.includes(route), `${route} among the hidden routes: ${hidden.join(', ')}`);
    assert.equal(operations.length, routes.length);
  });

  it('answers every route without a 5xx, and every 4xx in 100ms’s error shape', async (t) => {
    for (const operation of operations) {
      await t.test(`${operation.method} ${operation.path}`, () => fuzz(requestFor(operation)));
    }
  });

  it('answers any method on any path the same way', async () => {
    const segment = fc.oneof(
      fc.constantFrom('v2', 'rooms', 'templates', 'roles', 'room-codes', 'webhooks', 'health'),
      fc.constantFrom(...PROTOTYPE_NAMES),
      hostileString.map(percentEncode),
      rawPercent,
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'),
      path: fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => '/' + parts.join('/')),
      headers: fc.constant({ authorization: authorizations[0]! }),
      body: fc.constant(undefined),
    });
    await fuzz(request, RUNS * 2);
  });

  it('still serves /health and a room created and read back afterwards', async () => {
    assert.equal((await server.api('GET', '/health')).status, 200);
    const name = uniqueName('after-fuzz');
    const created = await server.api('POST', '/v2/rooms', { name, description: 'still here' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const read = await server.api('GET', `/v2/rooms/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.name, name);
    assert.equal(read.body.description, 'still here');
  });
});
