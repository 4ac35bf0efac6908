// REST v2 rooms, as 100ms documents them: create (an existing name, in any case, updates that
// room), list with filters and cursor pagination, get, update, enable and disable; plus the
// transport-level errors every endpoint shares (413, 415, bad JSON, unknown routes).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  allPages,
  assertError,
  assertInvalidField,
  rawRequest,
  uniqueName,
} from './api-assertions.ts';

let server: TestServer;
let defaultTemplateId: string;

before(async () => {
  server = await startTestServer();
  const templates = await server.api('GET', '/v2/templates');
  defaultTemplateId = templates.body.data.find((t: { name: string }) => t.name === 'default').id;
});

after(async () => {
  await server.close();
});

async function createRoom(body: Record<string, unknown> = {}, token?: string) {
  const response = await server.api(
    'POST',
    '/v2/rooms',
    { name: uniqueName('room'), ...body },
    token,
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

async function createTemplate(token?: string) {
  const response = await server.api(
    'POST',
    '/v2/templates',
    { name: uniqueName('tpl'), roles: { host: {} } },
    token,
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

describe('POST /v2/rooms', () => {
  it('creates an enabled room on the default template with 100ms room fields', async () => {
    const name = uniqueName('Room');
    const response = await server.api('POST', '/v2/rooms', { name, description: 'weekly sync' });
    assert.equal(response.status, 200);
    const room = response.body;
    assert.match(room.id, /^[0-9a-f]{24}$/);
    assert.equal(room.name, name);
    assert.equal(room.description, 'weekly sync');
    assert.equal(room.enabled, true);
    assert.equal(room.template_id, defaultTemplateId);
    assert.equal(room.template, 'default');
    assert.equal(room.customer_id, server.workspaces[0]!.accessKey);
    assert.deepEqual(room.recording_info, { enabled: false });
    assert.equal(room.region, 'auto');
    assert.equal(room.large_room, false);
    assert.ok(!Number.isNaN(Date.parse(room.created_at)));
    assert.ok(!Number.isNaN(Date.parse(room.updated_at)));
  });

  it('keeps every optional field it was sent', async () => {
    const template = await createTemplate();
    const room = await createRoom({
      template_id: template.id,
      region: 'eu',
      size: 50,
      max_duration_seconds: 3600,
      large_room: true,
      recording_info: { enabled: true, upload_info: { type: 's3', location: 'bucket' } },
    });
    assert.equal(room.template_id, template.id);
    assert.equal(room.template, template.name);
    assert.equal(room.region, 'eu');
    assert.equal(room.size, 50);
    assert.equal(room.max_duration_seconds, 3600);
    assert.equal(room.large_room, true);
    assert.deepEqual(room.recording_info, {
      enabled: true,
      upload_info: { type: 's3', location: 'bucket' },
    });
  });

  it('names a room it was sent without a name', async () => {
    const response = await server.api('POST', '/v2/rooms', {});
    assert.equal(response.status, 200);
    assert.match(response.body.name, /^[a-zA-Z0-9.:_-]{1,100}$/);
  });

  it('returns the same room, updated, when created again with an existing name', async () => {
    const room = await createRoom({ description: 'first' });
    const template = await createTemplate();
    const again = await server.api('POST', '/v2/rooms', {
      name: room.name,
      description: 'second',
      template_id: template.id,
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, room.id);
    assert.equal(again.body.description, 'second');
    assert.equal(
      again.body.template_id,
      template.id,
      'the new template is assigned, as 100ms warns',
    );
    assert.equal(again.body.created_at, room.created_at);
    const stored = await server.api('GET', `/v2/rooms/${room.id}`);
    assert.equal(stored.body.description, 'second');
  });

  it('treats room names case-insensitively: another case of an existing name is the same room', async () => {
    const name = uniqueName('MixedCase');
    const room = await createRoom({ name });
    const again = await server.api('POST', '/v2/rooms', {
      name: name.toUpperCase(),
      description: 'upper',
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, room.id);
    assert.equal(again.body.description, 'upper');
    const listed = await server.api('GET', `/v2/rooms?name=${name.toLowerCase()}`);
    assert.deepEqual(
      listed.body.data.map((r: { id: string }) => r.id),
      [room.id],
    );
  });

  it('keeps the fields a create with an existing name does not send', async () => {
    const room = await createRoom({ description: 'kept', region: 'in', size: 10 });
    const again = await server.api('POST', '/v2/rooms', {
      name: room.name,
      max_duration_seconds: 600,
    });
    assert.equal(again.body.description, 'kept');
    assert.equal(again.body.region, 'in');
    assert.equal(again.body.size, 10);
    assert.equal(again.body.max_duration_seconds, 600);
  });

  it('rejects a name with characters 100ms does not allow, naming the field name', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { name: 'two words' }), 'name');
  });

  it('rejects a name longer than 100 characters', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { name: 'a'.repeat(101) }), 'name');
  });

  it('rejects a region other than in, us, eu or auto, naming region', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { region: 'mars' }), 'region');
  });

  it('rejects max_duration_seconds under 120, naming it', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { max_duration_seconds: 60 }),
      'max_duration_seconds',
    );
  });

  it('rejects max_duration_seconds over 43200, naming it', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { max_duration_seconds: 43201 }),
      'max_duration_seconds',
    );
  });

  it('rejects a negative size, naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { size: -1 }), 'size');
  });

  it('rejects a size that is not an integer, naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { size: 2.5 }), 'size');
  });

  it('rejects large_room that is not a boolean, naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { large_room: 'yes' }), 'large_room');
  });

  it('rejects a description that is not a string, naming it', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { description: { text: 'x' } }),
      'description',
    );
  });

  it('rejects recording_info without enabled, naming recording_info.enabled', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { recording_info: {} }),
      'recording_info.enabled',
    );
  });

  it('rejects the field template (100ms wants template_id), naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', { template: 'default' }), 'template');
  });

  it('rejects a template_id that names no template of the workspace', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { template_id: '000000000000000000000000' }),
      'template_id',
    );
  });

  it('rejects a template_id with characters no id has', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { template_id: 'a/b' }),
      'template_id',
    );
  });

  it('rejects a body that is not an object', async () => {
    assertInvalidField(await server.api('POST', '/v2/rooms', ['name']), 'body');
  });
});

describe('GET /v2/rooms', () => {
  // A workspace of its own (workspace 1), so the counts below are exact.
  let token: string;
  let templateId: string;
  const names: string[] = [];
  const ids: string[] = [];
  let disabledId: string;

  before(async () => {
    token = await server.managementToken(1);
    templateId = (await createTemplate(token)).id;
    for (let i = 0; i < 5; i++) {
      const room = await createRoom(
        { name: uniqueName(`list${i}`), template_id: i < 2 ? templateId : undefined },
        token,
      );
      names.push(room.name);
      ids.push(room.id);
    }
    disabledId = (await createRoom({ name: uniqueName('off') }, token)).id;
    const disabled = await server.api('POST', `/v2/rooms/${disabledId}`, { enabled: false }, token);
    assert.equal(disabled.body.enabled, false);
  });

  it('lists enabled rooms only when enabled is not sent, oldest first', async () => {
    const rooms = await allPages(server, '/v2/rooms', token);
    assert.deepEqual(
      rooms.map((r) => r.id),
      ids,
    );
  });

  it('lists only disabled rooms with enabled=false', async () => {
    const rooms = await allPages(server, '/v2/rooms?enabled=false', token);
    assert.deepEqual(
      rooms.map((r) => r.id),
      [disabledId],
    );
  });

  it('pages by limit and start, with last naming the last room until the final page has last ""', async () => {
    const first = await server.api('GET', '/v2/rooms?limit=2', undefined, token);
    assert.equal(first.body.limit, 2);
    assert.deepEqual(
      first.body.data.map((r: { id: string }) => r.id),
      ids.slice(0, 2),
    );
    assert.equal(first.body.last, ids[1]);
    const second = await server.api(
      'GET',
      `/v2/rooms?limit=2&start=${first.body.last}`,
      undefined,
      token,
    );
    assert.deepEqual(
      second.body.data.map((r: { id: string }) => r.id),
      ids.slice(2, 4),
    );
    assert.equal(second.body.last, ids[3]);
    const third = await server.api(
      'GET',
      `/v2/rooms?limit=2&start=${second.body.last}`,
      undefined,
      token,
    );
    assert.deepEqual(
      third.body.data.map((r: { id: string }) => r.id),
      ids.slice(4),
    );
    assert.equal(third.body.last, '');
  });

  it('ends with last "" when the rooms fill the final page exactly', async () => {
    const first = await server.api('GET', '/v2/rooms?limit=5', undefined, token);
    assert.equal(first.body.data.length, 5);
    assert.equal(first.body.last, '');
  });

  it('filters by name, whatever its case', async () => {
    const response = await server.api(
      'GET',
      `/v2/rooms?name=${names[3]!.toUpperCase()}`,
      undefined,
      token,
    );
    assert.deepEqual(
      response.body.data.map((r: { id: string }) => r.id),
      [ids[3]],
    );
  });

  it('filters by template_id', async () => {
    const rooms = await allPages(server, `/v2/rooms?template_id=${templateId}`, token);
    assert.deepEqual(
      rooms.map((r) => r.id),
      ids.slice(0, 2),
    );
  });

  it('filters by after and before, both inclusive, in any RFC 3339 form', async () => {
    const rooms = await allPages(server, '/v2/rooms', token);
    const third = rooms[2];
    const afterThird = await allPages(
      server,
      `/v2/rooms?after=${encodeURIComponent(third.created_at)}`,
      token,
    );
    // Two rooms may share a millisecond, so the expectation comes from their created_at.
    const at = (room: { created_at: string }) => Date.parse(room.created_at);
    assert.deepEqual(
      afterThird.map((r) => r.id),
      rooms.filter((r) => at(r) >= at(third)).map((r) => r.id),
    );
    assert.ok(
      afterThird.some((r) => r.id === third.id),
      'after is inclusive',
    );
    const beforeThird = await allPages(
      server,
      `/v2/rooms?before=${encodeURIComponent(third.created_at)}`,
      token,
    );
    assert.deepEqual(
      beforeThird.map((r) => r.id),
      rooms.filter((r) => at(r) <= at(third)).map((r) => r.id),
    );
    assert.ok(
      beforeThird.some((r) => r.id === third.id),
      'before is inclusive',
    );
    // The same instants written without milliseconds and with an offset.
    const secondStart = new Date(Math.floor(Date.parse(rooms[0].created_at) / 1000) * 1000);
    const wholeSecond = secondStart.toISOString().replace('.000Z', 'Z');
    const withOffset = secondStart.toISOString().replace('.000Z', '+00:00');
    for (const form of [wholeSecond, withOffset]) {
      const listed = await allPages(server, `/v2/rooms?after=${encodeURIComponent(form)}`, token);
      assert.deepEqual(
        listed.map((r) => r.id),
        ids,
        `after=${form}`,
      );
    }
    const later = new Date(Date.parse(rooms[4].created_at) + 1).toISOString();
    assert.deepEqual(
      await allPages(server, `/v2/rooms?after=${encodeURIComponent(later)}`, token),
      [],
    );
  });

  it('combines filters', async () => {
    const response = await server.api(
      'GET',
      `/v2/rooms?template_id=${templateId}&name=${names[1]}`,
      undefined,
      token,
    );
    assert.deepEqual(
      response.body.data.map((r: { id: string }) => r.id),
      [ids[1]],
    );
    const none = await server.api(
      'GET',
      `/v2/rooms?template_id=${templateId}&name=${names[4]}`,
      undefined,
      token,
    );
    assert.deepEqual(none.body, { limit: 10, data: [], last: '' });
  });

  it('rejects an after that is not a date-time, naming the query parameter', async () => {
    const response = await server.api('GET', '/v2/rooms?after=yesterday', undefined, token);
    assertInvalidField(response, 'after');
    assert.match(response.body.message, /query parameter/);
  });

  it('rejects a before that is not a date-time, naming the query parameter', async () => {
    assertInvalidField(
      await server.api('GET', '/v2/rooms?before=2024-13-01', undefined, token),
      'before',
    );
  });

  it('rejects an enabled that is not a boolean', async () => {
    assertInvalidField(
      await server.api('GET', '/v2/rooms?enabled=maybe', undefined, token),
      'enabled',
    );
  });

  it('rejects a limit of 0 and a limit over 100', async () => {
    assertInvalidField(await server.api('GET', '/v2/rooms?limit=0', undefined, token), 'limit');
    assertInvalidField(await server.api('GET', '/v2/rooms?limit=101', undefined, token), 'limit');
  });

  it('rejects a template_id with characters no id has', async () => {
    assertInvalidField(
      await server.api('GET', '/v2/rooms?template_id=a.b', undefined, token),
      'template_id',
    );
  });
});

describe('GET /v2/rooms/:room_id', () => {
  it('returns the room as it was created', async () => {
    const room = await createRoom({ description: 'get me' });
    const response = await server.api('GET', `/v2/rooms/${room.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, room);
  });

  it('returns a disabled room too', async () => {
    const room = await createRoom();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    const response = await server.api('GET', `/v2/rooms/${room.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.body.enabled, false);
  });

  it('answers 404 for an id that names no room', async () => {
    assertError(
      await server.api('GET', '/v2/rooms/000000000000000000000000'),
      404,
      'room_not_found',
    );
  });

  it('answers 400 for an id with characters no id has, naming room_id', async () => {
    assertInvalidField(await server.api('GET', '/v2/rooms/bad!id'), 'room_id');
  });
});

describe('POST /v2/rooms/:room_id', () => {
  it('does not coerce body types: a null enabled or a text size is a 400 naming the field', async () => {
    const room = await createRoom();
    const nullEnabled = await server.api('POST', `/v2/rooms/${room.id}`, { enabled: null });
    assert.equal(nullEnabled.status, 400);
    assert.match(nullEnabled.body.message, /enabled/);
    const textSize = await server.api('POST', `/v2/rooms/${room.id}`, { size: '12' });
    assert.equal(textSize.status, 400);
    assert.match(textSize.body.message, /size/);
    const unchanged = await server.api('GET', `/v2/rooms/${room.id}`);
    assert.equal(unchanged.body.enabled, true);
  });

  it('updates the fields it is sent and keeps the others', async () => {
    const room = await createRoom({ description: 'before', region: 'us', size: 20 });
    const response = await server.api('POST', `/v2/rooms/${room.id}`, {
      description: 'after',
      max_duration_seconds: 7200,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, room.id);
    assert.equal(response.body.name, room.name);
    assert.equal(response.body.description, 'after');
    assert.equal(response.body.region, 'us');
    assert.equal(response.body.size, 20);
    assert.equal(response.body.max_duration_seconds, 7200);
    assert.equal(response.body.created_at, room.created_at);
    assert.ok(response.body.updated_at >= room.updated_at);
  });

  it('renames a room to a free name', async () => {
    const room = await createRoom();
    const name = uniqueName('renamed');
    const response = await server.api('POST', `/v2/rooms/${room.id}`, { name });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, name);
    assert.equal((await server.api('GET', `/v2/rooms?name=${name}`)).body.data[0].id, room.id);
  });

  it('renames a room to another case of its own name', async () => {
    const room = await createRoom({ name: uniqueName('case') });
    const response = await server.api('POST', `/v2/rooms/${room.id}`, {
      name: room.name.toUpperCase(),
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, room.name.toUpperCase());
  });

  it('answers 409 when renamed to the name of another room, in any case', async () => {
    const taken = await createRoom();
    const room = await createRoom();
    assertError(
      await server.api('POST', `/v2/rooms/${room.id}`, { name: taken.name }),
      409,
      'room_name_taken',
    );
    const upper = await server.api('POST', `/v2/rooms/${room.id}`, {
      name: taken.name.toUpperCase(),
    });
    assertError(upper, 409, 'room_name_taken');
    assert.equal((await server.api('GET', `/v2/rooms/${room.id}`)).body.name, room.name);
  });

  it('disables a room with {"enabled": false} and enables it with {"enabled": true}', async () => {
    const room = await createRoom();
    const disabled = await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.enabled, false);
    assert.equal((await server.api('GET', `/v2/rooms/${room.id}`)).body.enabled, false);
    const enabled = await server.api('POST', `/v2/rooms/${room.id}`, { enabled: true });
    assert.equal(enabled.body.enabled, true);
    assert.equal((await server.api('GET', `/v2/rooms/${room.id}`)).body.enabled, true);
  });

  it('moves a room to another template of the workspace', async () => {
    const room = await createRoom();
    const template = await createTemplate();
    const response = await server.api('POST', `/v2/rooms/${room.id}`, { template_id: template.id });
    assert.equal(response.body.template_id, template.id);
    assert.equal(response.body.template, template.name);
  });

  it('rejects a template_id that names no template of the workspace', async () => {
    const room = await createRoom();
    const response = await server.api('POST', `/v2/rooms/${room.id}`, {
      template_id: '000000000000000000000000',
    });
    assertInvalidField(response, 'template_id');
  });

  it('rejects an enabled that is not a boolean, naming it', async () => {
    const room = await createRoom();
    assertInvalidField(
      await server.api('POST', `/v2/rooms/${room.id}`, { enabled: 'sometimes' }),
      'enabled',
    );
  });

  it('rejects an invalid name, naming it', async () => {
    const room = await createRoom();
    assertInvalidField(await server.api('POST', `/v2/rooms/${room.id}`, { name: 'a b' }), 'name');
  });

  it('rejects a field the room object does not take, naming it', async () => {
    const room = await createRoom();
    assertInvalidField(
      await server.api('POST', `/v2/rooms/${room.id}`, { customer_id: 'x' }),
      'customer_id',
    );
  });

  it('answers 404 for an id that names no room', async () => {
    const response = await server.api('POST', '/v2/rooms/000000000000000000000000', {
      enabled: false,
    });
    assertError(response, 404, 'room_not_found');
  });
});

describe('errors every endpoint shares', () => {
  it('answers 415 to a POST /v2/rooms body sent as text/xml', async () => {
    const response = await rawRequest(server, 'POST', '/v2/rooms', {
      headers: {
        authorization: `Bearer ${await server.managementToken()}`,
        'content-type': 'text/xml',
      },
      body: '<room><name>x</name></room>',
    });
    assertError(response, 415, 'unsupported_media_type');
  });

  it('answers 400 to a body that is not valid JSON', async () => {
    const response = await rawRequest(server, 'POST', '/v2/rooms', {
      headers: {
        authorization: `Bearer ${await server.managementToken()}`,
        'content-type': 'application/json',
      },
      body: '{"name": ',
    });
    assertError(response, 400, 'invalid_json');
  });

  it('answers 404 with the error body to a path no route serves', async () => {
    assertError(await server.api('GET', '/v2/nothing-here'), 404, 'no_route');
  });

  it('answers 404 to a method the path does not serve', async () => {
    assertError(await server.api('DELETE', '/v2/rooms/000000000000000000000000'), 404, 'no_route');
  });
});

describe('the body size limit (CONVENE_BODY_LIMIT)', () => {
  let small: TestServer;

  before(async () => {
    small = await startTestServer({ env: { CONVENE_BODY_LIMIT: '512' } });
  });

  after(async () => {
    await small.close();
  });

  it('answers 413 to a body over the limit', async () => {
    const response = await small.api('POST', '/v2/rooms', {
      name: 'big',
      description: 'x'.repeat(600),
    });
    assertError(response, 413, 'body_too_large');
  });

  it('accepts a body under the limit', async () => {
    const response = await small.api('POST', '/v2/rooms', {
      name: uniqueName('small'),
      description: 'x'.repeat(100),
    });
    assert.equal(response.status, 200);
  });
});
