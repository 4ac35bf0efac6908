// The REST API's one JSON body parser: a body of any depth (up to the 256 KiB body limit) is a 400
// naming its field, never a 500, on every route that reads a body; prototype keys are refused by
// name, as Fastify's own parser refused them without saying where.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, assertInvalidField, rawRequest, uniqueName } from './api-assertions.ts';
import { MAX_BODY_DEPTH } from '../../server/api/json-body.ts';

let server: TestServer;
let roomId: string;
let templateId: string;

before(async () => {
  server = await startTestServer();
  roomId = (await server.api('POST', '/v2/rooms', { name: uniqueName('room') })).body.id;
  templateId = (await server.api('POST', '/v2/templates', { name: uniqueName('tpl') })).body.id;
});

after(async () => {
  await server.close();
});

/** `levels` arrays, one inside the other, as JSON text. */
const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

async function post(path: string, json: string, contentType = 'application/json') {
  return rawRequest(server, 'POST', path, {
    headers: {
      authorization: `Bearer ${await server.managementToken()}`,
      'content-type': contentType,
    },
    body: json,
  });
}

/** Every route that reads a body, with a field it takes. */
const BODY_ROUTES = () => [
  ['/v2/rooms', 'description'],
  [`/v2/rooms/${roomId}`, 'description'],
  ['/v2/templates', 'settings'],
  [`/v2/templates/${templateId}`, 'settings'],
  [`/v2/templates/${templateId}/roles/host`, 'permissions'],
  [`/v2/room-codes/room/${roomId}`, 'anything'],
  ['/v2/room-codes/code', 'code'],
  ['/v2/webhooks', 'url'],
  ['/v2/token', 'code'],
];

describe('deeply nested JSON bodies', () => {
  it('are a 400 naming the field on every route that reads a body, 10,000 levels deep', async () => {
    for (const [path, field] of BODY_ROUTES()) {
      const response = await post(path!, `{"${field}": ${nestedArrays(10_000)}}`);
      assertInvalidField(response, field!);
      assert.match(response.body.message, new RegExp(`deeper than ${MAX_BODY_DEPTH} levels`));
    }
  });

  it('are a 400 at the deepest the body limit allows, 100,000 levels in 200 KB', async () => {
    const response = await post('/v2/rooms', `{"recording_info": ${nestedArrays(100_000)}}`);
    assertInvalidField(response, 'recording_info');
  });

  it('name the body itself when it is the nested value', async () => {
    assertInvalidField(await post('/v2/rooms', nestedArrays(10_000)), 'body');
  });

  it(`are read up to ${MAX_BODY_DEPTH} levels, counting the body as one`, async () => {
    // POST /v2/token ignores fields it does not know, so the parser's limit is all that applies.
    const deepest = `{"code": "abc-defg-hij", "extra": ${nestedArrays(MAX_BODY_DEPTH - 1)}}`;
    assertError(await post('/v2/token', deepest), 404, 'code_not_found');
    const deeper = `{"code": "abc-defg-hij", "extra": ${nestedArrays(MAX_BODY_DEPTH)}}`;
    assertInvalidField(await post('/v2/token', deeper), 'extra');
  });
});

describe('prototype keys in JSON bodies', () => {
  it('refuse __proto__ anywhere in a body with a 400 naming where it is', async () => {
    assertInvalidField(await post('/v2/rooms', '{"__proto__": {"enabled": false}}'), '__proto__');
    assertInvalidField(
      await post(
        '/v2/rooms',
        '{"recording_info": {"enabled": true, "upload_info": {"__proto__": 1}}}',
      ),
      'recording_info.upload_info.__proto__',
    );
    assertInvalidField(
      await post('/v2/token', '{"code": "abc-defg-hij", "__proto__": {"x": 1}}'),
      '__proto__',
    );
  });

  it('refuse constructor.prototype, as Fastify does, and accept a plain constructor key', async () => {
    const poisoned = `{"name": "${uniqueName('tpl')}", "settings": {"constructor": {"prototype": {}}}}`;
    assertInvalidField(await post('/v2/templates', poisoned), 'settings.constructor');
    const plain = `{"name": "${uniqueName('tpl')}", "settings": {"constructor": "a value"}}`;
    const response = await post('/v2/templates', plain);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.settings.constructor, 'a value');
  });
});

describe('bodies that are not JSON', () => {
  it('are a 400 invalid_json, empty or broken, where a body is expected', async () => {
    assertError(await post('/v2/rooms', ''), 400, 'invalid_json');
    assertError(await post('/v2/rooms', '{"name": '), 400, 'invalid_json');
    assertError(await post('/v2/token', '{"code": ', 'text/plain'), 400, 'invalid_json');
  });

  it('may be empty on the room-code create routes, which take no body', async () => {
    const response = await post(`/v2/room-codes/room/${roomId}`, '');
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });
});
