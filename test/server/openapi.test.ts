// GET /v2/openapi.json: the OpenAPI 3 document generated from the routes' own schemas.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { rawRequest } from './api-assertions.ts';

let server: TestServer;
let document: any;

before(async () => {
  server = await startTestServer();
  const response = await rawRequest(server, 'GET', '/v2/openapi.json');
  assert.equal(response.status, 200);
  document = response.body;
});

after(async () => {
  await server.close();
});

/** Every REST v2 operation this suite covers, as `method path` in OpenAPI's path syntax. */
const OPERATIONS = [
  'post /v2/templates',
  'get /v2/templates',
  'get /v2/templates/{template_id}',
  'post /v2/templates/{template_id}',
  'get /v2/templates/{template_id}/roles/{role_name}',
  'post /v2/templates/{template_id}/roles/{role_name}',
  'delete /v2/templates/{template_id}/roles/{role_name}',
  'post /v2/rooms',
  'get /v2/rooms',
  'get /v2/rooms/{room_id}',
  'post /v2/rooms/{room_id}',
  'post /v2/room-codes/room/{room_id}',
  'post /v2/room-codes/room/{room_id}/role/{role}',
  'get /v2/room-codes/room/{room_id}',
  'post /v2/room-codes/code',
  'post /v2/token',
];

describe('GET /v2/openapi.json', () => {
  it('serves an OpenAPI 3 document as JSON without a token', async () => {
    const response = await rawRequest(server, 'GET', '/v2/openapi.json');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(document.openapi, /^3\.\d+\.\d+$/);
    assert.equal(typeof document.info.title, 'string');
    assert.equal(typeof document.info.version, 'string');
  });

  it('lists every /v2 operation of templates, roles, rooms, room codes and tokens', () => {
    const listed = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    for (const operation of OPERATIONS)
      assert.ok(listed.includes(operation), `${operation} is documented`);
    assert.ok(
      Object.keys(document.paths).every((path) => path.startsWith('/v2/')),
      'only /v2 paths',
    );
  });

  it('leaves out the health check and the document itself', () => {
    assert.equal(document.paths['/health'], undefined);
    assert.equal(document.paths['/v2/openapi.json'], undefined);
  });

  it('documents the management token as a bearer JWT, and POST /v2/token as needing none', () => {
    assert.deepEqual(document.components.securitySchemes.managementToken, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    assert.deepEqual(document.security, [{ managementToken: [] }]);
    assert.deepEqual(document.paths['/v2/token'].post.security, []);
  });

  it('describes request bodies, parameters and responses from the route schemas', () => {
    const createRoom = document.paths['/v2/rooms'].post;
    const body = createRoom.requestBody.content['application/json'].schema;
    assert.ok(
      body.properties.name && body.properties.template_id && body.properties.max_duration_seconds,
    );
    assert.equal(body.properties.max_duration_seconds.minimum, 120);
    assert.ok(createRoom.responses['200'].content['application/json'].schema.properties.id);

    const listRooms = document.paths['/v2/rooms'].get;
    const query = listRooms.parameters
      .filter((p: { in: string }) => p.in === 'query')
      .map((p: { name: string }) => p.name);
    for (const name of ['limit', 'start', 'name', 'enabled', 'template_id', 'after', 'before']) {
      assert.ok(query.includes(name), `GET /v2/rooms documents ${name}`);
    }

    const getRoom = document.paths['/v2/rooms/{room_id}'].get;
    assert.ok(
      getRoom.parameters.some(
        (p: { in: string; name: string }) => p.in === 'path' && p.name === 'room_id',
      ),
    );
  });

  it('gives every operation a summary and a tag', () => {
    for (const [path, item] of Object.entries(
      document.paths as Record<string, Record<string, any>>,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        assert.ok(operation.summary, `${method} ${path} has a summary`);
        assert.ok(operation.tags?.length, `${method} ${path} has a tag`);
      }
    }
  });
});
