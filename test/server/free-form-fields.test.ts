// Free-form JSON fields (a room's recording_info.upload_info, a template's settings and
// destinations) take any shape within FREE_FORM_LIMITS: deeper or larger is a 400 naming the
// field, so nothing stored can make the room or template unreadable later.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertInvalidField, rawRequest, uniqueName } from './api-assertions.ts';
import { FREE_FORM_KEYWORD, FREE_FORM_LIMITS } from '../../src/protocol/free-form.ts';

const { maxDepth, maxBytes } = FREE_FORM_LIMITS;

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

/** An object `levels` deep, the object itself counting as one: {a: {a: … {}}}. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

/** An object of one string whose JSON is exactly `bytes` long. */
function sized(bytes: number): Record<string, unknown> {
  return { s: 'x'.repeat(bytes - '{"s":""}'.length) };
}

const withUploadInfo = (upload_info: unknown) => ({
  name: uniqueName('room'),
  recording_info: { enabled: true, upload_info },
});

describe("a room's recording_info.upload_info", () => {
  it(`is stored and listed by name at ${maxDepth} levels and ${maxBytes} bytes`, async () => {
    for (const uploadInfo of [nested(maxDepth), sized(maxBytes)]) {
      const body = withUploadInfo(uploadInfo);
      const created = await server.api('POST', '/v2/rooms', body);
      assert.equal(created.status, 200, JSON.stringify(created.body).slice(0, 300));
      const listed = await server.api('GET', `/v2/rooms?name=${body.name}`);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.data[0].recording_info.upload_info, uploadInfo);
      const read = await server.api('GET', `/v2/rooms/${created.body.id}`);
      assert.deepEqual(read.body.recording_info.upload_info, uploadInfo);
    }
  });

  it(`is a 400 naming it one level deeper than ${maxDepth}`, async () => {
    const response = await server.api('POST', '/v2/rooms', withUploadInfo(nested(maxDepth + 1)));
    assertInvalidField(response, 'recording_info.upload_info');
    assert.match(response.body.message, new RegExp(`deeper than ${maxDepth} levels`));
  });

  it(`is a 400 naming it one byte larger than ${maxBytes}`, async () => {
    const response = await server.api('POST', '/v2/rooms', withUploadInfo(sized(maxBytes + 1)));
    assertInvalidField(response, 'recording_info.upload_info');
    assert.match(response.body.message, new RegExp(`larger than ${maxBytes} bytes`));
  });

  it('is a 400 on update as on create, and the room keeps what it had', async () => {
    const created = await server.api('POST', '/v2/rooms', withUploadInfo({ bucket: 'b' }));
    const path = `/v2/rooms/${created.body.id}`;
    const update = { recording_info: { enabled: true, upload_info: nested(maxDepth + 1) } };
    assertInvalidField(await server.api('POST', path, update), 'recording_info.upload_info');
    const read = await server.api('GET', path);
    assert.deepEqual(read.body.recording_info.upload_info, { bucket: 'b' });
  });
});

describe("a template's settings and destinations", () => {
  for (const field of ['settings', 'destinations']) {
    it(`${field}: stored within the limits, a 400 naming it beyond, on create and update`, async () => {
      const name = uniqueName('tpl');
      const created = await server.api('POST', '/v2/templates', {
        name,
        [field]: { deep: nested(maxDepth - 1) },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body).slice(0, 300));
      assert.deepEqual(created.body[field], { deep: nested(maxDepth - 1) });

      const tooDeep = { name, [field]: { deep: nested(maxDepth) } };
      assertInvalidField(await server.api('POST', '/v2/templates', tooDeep), field);
      const tooLarge = { name, [field]: sized(maxBytes + 1) };
      assertInvalidField(await server.api('POST', '/v2/templates', tooLarge), field);

      const update = { roles: {}, settings: {}, [field]: sized(maxBytes + 1) };
      const path = `/v2/templates/${created.body.id}`;
      assertInvalidField(await server.api('POST', path, update), field);
      assert.deepEqual((await server.api('GET', path)).body[field], {
        deep: nested(maxDepth - 1),
      });
    });
  }
});

describe('free-form fields in the OpenAPI document', () => {
  it(`are all bounded: every open schema in a request body lies under ${FREE_FORM_KEYWORD}`, async () => {
    const document = (await rawRequest(server, 'GET', '/v2/openapi.json')).body;
    const unbounded: string[] = [];
    const isOpen = (schema: Record<string, unknown>) =>
      Object.keys(schema).length === 0 ||
      schema.additionalProperties === true ||
      (typeof schema.additionalProperties === 'object' &&
        Object.keys(schema.additionalProperties as object).length === 0);
    const walk = (schema: unknown, where: string): void => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as Record<string, unknown>;
      if (FREE_FORM_KEYWORD in node) return;
      if (isOpen(node)) unbounded.push(where);
      for (const [key, child] of Object.entries((node.properties as object) ?? {}))
        walk(child, `${where}.${key}`);
      for (const key of ['items', 'additionalProperties'])
        if (typeof node[key] === 'object') walk(node[key], `${where}.${key}`);
      for (const key of ['anyOf', 'oneOf', 'allOf'])
        for (const child of (node[key] as unknown[]) ?? []) walk(child, `${where}.${key}`);
    };
    let bodies = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, any>)) {
      for (const [method, operation] of Object.entries(item as Record<string, any>)) {
        for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
          bodies++;
          walk((content as { schema: unknown }).schema, `${method} ${path} (${type})`);
        }
      }
    }
    assert.ok(bodies >= 8, `found the request bodies (${bodies})`);
    assert.deepEqual(unbounded, [], 'free-form fields without bounds');
  });
});
