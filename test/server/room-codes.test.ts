// REST v2 room codes, as 100ms documents them: codes for every role of a room, one more code for a
// role, the list with its filters, and enabling or disabling one code.
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

const CODE_FORMAT = /^[a-z]{3,4}-[a-z]{3,4}-[a-z]{3,4}$/;

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

async function createRoom(body: Record<string, unknown> = {}) {
  const response = await server.api('POST', '/v2/rooms', { name: uniqueName('room'), ...body });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

async function createCodes(roomId: string) {
  const response = await server.api('POST', `/v2/room-codes/room/${roomId}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.data as { code: string; role: string; enabled: boolean; room_id: string }[];
}

const byRole = (codes: { role: string }[]) =>
  [...codes].sort((a, b) => a.role.localeCompare(b.role));

describe('POST /v2/room-codes/room/:room_id', () => {
  it("creates one enabled code for each role of the room's template", async () => {
    const room = await createRoom();
    const response = await server.api('POST', `/v2/room-codes/room/${room.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(
      Object.keys(response.body),
      ['data'],
      'the envelope is {data} only, as 100ms answers',
    );
    const codes = response.body.data;
    assert.deepEqual(codes.map((c: { role: string }) => c.role).sort(), [
      'guest',
      'hls-viewer',
      'host',
    ]);
    for (const code of codes) {
      assert.match(code.code, CODE_FORMAT);
      assert.equal(code.room_id, room.id);
      assert.equal(code.enabled, true);
      assert.ok(!Number.isNaN(Date.parse(code.created_at)));
      assert.ok(!Number.isNaN(Date.parse(code.updated_at)));
    }
    assert.equal(
      new Set(codes.map((c: { code: string }) => c.code)).size,
      3,
      'every code is different',
    );
  });

  it('returns the same codes when called again, adding none', async () => {
    const room = await createRoom();
    const first = await createCodes(room.id);
    const second = await createCodes(room.id);
    assert.deepEqual(byRole(second), byRole(first));
  });

  it('creates a code for a role added since, and disables the code of a role deleted since', async () => {
    const template = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { host: {}, guest: {} },
    });
    const room = await createRoom({ template_id: template.body.id });
    const first = await createCodes(room.id);
    const guestCode = first.find((c) => c.role === 'guest')!;

    await server.api('POST', `/v2/templates/${template.body.id}/roles/viewer`, {});
    assert.equal(
      (await server.api('DELETE', `/v2/templates/${template.body.id}/roles/guest`)).status,
      204,
    );

    const second = await createCodes(room.id);
    assert.deepEqual(second.map((c) => c.role).sort(), ['host', 'viewer']);
    const listed = await allPages(server, `/v2/room-codes/room/${room.id}?role=guest`);
    assert.deepEqual(
      listed.map((c) => [c.code, c.enabled]),
      [[guestCode.code, false]],
    );
  });

  it('accepts the empty body a client sends with Content-Type: application/json', async () => {
    const room = await createRoom();
    const response = await rawRequest(server, 'POST', `/v2/room-codes/room/${room.id}`, {
      headers: {
        authorization: `Bearer ${await server.managementToken()}`,
        'content-type': 'application/json',
      },
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.data.length, 3);
  });

  it('answers 404 for a room that does not exist', async () => {
    assertError(
      await server.api('POST', '/v2/room-codes/room/000000000000000000000000'),
      404,
      'room_not_found',
    );
  });

  it('answers 403 for a disabled room', async () => {
    const room = await createRoom();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    assertError(await server.api('POST', `/v2/room-codes/room/${room.id}`), 403, 'room_disabled');
  });

  it('answers 400 for a room id with characters no id has, naming room_id', async () => {
    assertInvalidField(await server.api('POST', '/v2/room-codes/room/bad.id'), 'room_id');
  });
});

describe('POST /v2/room-codes/room/:room_id/role/:role', () => {
  it('creates one more enabled code for the role and returns it unwrapped', async () => {
    const room = await createRoom();
    const [existing] = (await createCodes(room.id)).filter((c) => c.role === 'host');
    const response = await server.api('POST', `/v2/room-codes/room/${room.id}/role/host`);
    assert.equal(response.status, 200);
    assert.equal(response.body.role, 'host');
    assert.equal(response.body.room_id, room.id);
    assert.equal(response.body.enabled, true);
    assert.match(response.body.code, CODE_FORMAT);
    assert.notEqual(response.body.code, existing!.code);
    const hostCodes = await allPages(server, `/v2/room-codes/room/${room.id}?role=host`);
    assert.deepEqual(
      hostCodes.map((c) => c.code).sort(),
      [existing!.code, response.body.code].sort(),
    );
  });

  it('answers 404 for a role the room template does not have', async () => {
    const room = await createRoom();
    assertError(
      await server.api('POST', `/v2/room-codes/room/${room.id}/role/ghost`),
      404,
      'role_not_found',
    );
  });

  it('answers 404 for a room that does not exist', async () => {
    const response = await server.api(
      'POST',
      '/v2/room-codes/room/000000000000000000000000/role/host',
    );
    assertError(response, 404, 'room_not_found');
  });

  it('answers 403 for a disabled room', async () => {
    const room = await createRoom();
    await server.api('POST', `/v2/rooms/${room.id}`, { enabled: false });
    assertError(
      await server.api('POST', `/v2/room-codes/room/${room.id}/role/host`),
      403,
      'room_disabled',
    );
  });

  it('answers 400 for a role name with characters role names may not have, naming role', async () => {
    const room = await createRoom();
    assertInvalidField(await server.api('POST', `/v2/room-codes/room/${room.id}/role/a.b`), 'role');
  });
});

describe('GET /v2/room-codes/room/:room_id', () => {
  let room: { id: string };
  let codes: { code: string; role: string }[];
  let disabledCode: string;

  before(async () => {
    room = await createRoom();
    codes = await createCodes(room.id);
    const extra = await server.api('POST', `/v2/room-codes/room/${room.id}/role/guest`);
    codes.push(extra.body);
    disabledCode = codes.find((c) => c.role === 'hls-viewer')!.code;
    await server.api('POST', '/v2/room-codes/code', { code: disabledCode, enabled: false });
  });

  it('lists every code of the room in a {limit, data, last} page', async () => {
    const response = await server.api('GET', `/v2/room-codes/room/${room.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.body.limit, 10);
    assert.equal(response.body.last, '');
    assert.deepEqual(
      response.body.data.map((c: { code: string }) => c.code).sort(),
      codes.map((c) => c.code).sort(),
    );
  });

  it('filters by role', async () => {
    const guests = await allPages(server, `/v2/room-codes/room/${room.id}?role=guest`);
    assert.equal(guests.length, 2);
    assert.ok(guests.every((c) => c.role === 'guest'));
  });

  it('filters by enabled', async () => {
    const disabled = await allPages(server, `/v2/room-codes/room/${room.id}?enabled=false`);
    assert.deepEqual(
      disabled.map((c) => c.code),
      [disabledCode],
    );
    const enabled = await allPages(server, `/v2/room-codes/room/${room.id}?enabled=true`);
    assert.equal(enabled.length, 3);
    assert.ok(enabled.every((c) => c.enabled));
  });

  it('pages by limit and start until last is ""', async () => {
    const first = await server.api('GET', `/v2/room-codes/room/${room.id}?limit=3`);
    assert.equal(first.body.data.length, 3);
    assert.equal(first.body.last, first.body.data[2].code);
    const all = await allPages(server, `/v2/room-codes/room/${room.id}?limit=1`);
    assert.deepEqual(all.map((c) => c.code).sort(), codes.map((c) => c.code).sort());
  });

  it('lists nothing for a room without codes', async () => {
    const other = await createRoom();
    assert.deepEqual((await server.api('GET', `/v2/room-codes/room/${other.id}`)).body, {
      limit: 10,
      data: [],
      last: '',
    });
  });

  it('answers 403 for a disabled room, as 100ms does', async () => {
    const disabledRoom = await createRoom();
    await createCodes(disabledRoom.id);
    await server.api('POST', `/v2/rooms/${disabledRoom.id}`, { enabled: false });
    assertError(
      await server.api('GET', `/v2/room-codes/room/${disabledRoom.id}`),
      403,
      'room_disabled',
    );
  });

  it('answers 404 for a room that does not exist', async () => {
    assertError(
      await server.api('GET', '/v2/room-codes/room/000000000000000000000000'),
      404,
      'room_not_found',
    );
  });

  it('rejects an enabled filter that is not a boolean, naming it', async () => {
    assertInvalidField(
      await server.api('GET', `/v2/room-codes/room/${room.id}?enabled=perhaps`),
      'enabled',
    );
  });

  it('rejects a role filter with characters role names may not have, naming it', async () => {
    assertInvalidField(await server.api('GET', `/v2/room-codes/room/${room.id}?role=a.b`), 'role');
  });
});

describe('POST /v2/room-codes/code', () => {
  it('disables a code and enables it again, returning the updated code', async () => {
    const room = await createRoom();
    const [code] = await createCodes(room.id);
    const disabled = await server.api('POST', '/v2/room-codes/code', {
      code: code!.code,
      enabled: false,
    });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.code, code!.code);
    assert.equal(disabled.body.enabled, false);
    assert.equal(disabled.body.role, code!.role);
    assert.equal(disabled.body.room_id, room.id);
    const enabled = await server.api('POST', '/v2/room-codes/code', {
      code: code!.code,
      enabled: true,
    });
    assert.equal(enabled.body.enabled, true);
    const listed = await allPages(server, `/v2/room-codes/room/${room.id}?enabled=false`);
    assert.deepEqual(listed, []);
  });

  it('answers 403 when enabling a code whose role was deleted', async () => {
    const template = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { host: {}, guest: {} },
    });
    const room = await createRoom({ template_id: template.body.id });
    const guest = (await createCodes(room.id)).find((c) => c.role === 'guest')!;
    await server.api('POST', '/v2/room-codes/code', { code: guest.code, enabled: false });
    await server.api('DELETE', `/v2/templates/${template.body.id}/roles/guest`);
    const response = await server.api('POST', '/v2/room-codes/code', {
      code: guest.code,
      enabled: true,
    });
    assertError(response, 403, 'role_not_found');
  });

  it('answers 404 for a code that does not exist', async () => {
    const response = await server.api('POST', '/v2/room-codes/code', {
      code: 'zzz-zzzz-zzz',
      enabled: false,
    });
    assertError(response, 404, 'code_not_found');
  });

  it('requires code, naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/room-codes/code', { enabled: false }), 'code');
  });

  it('requires enabled, naming it', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/room-codes/code', { code: 'abc-defg-hij' }),
      'enabled',
    );
  });

  it('rejects an enabled that is not a boolean, naming it', async () => {
    const response = await server.api('POST', '/v2/room-codes/code', {
      code: 'abc-defg-hij',
      enabled: 'no',
    });
    assertInvalidField(response, 'enabled');
  });

  it('rejects a code not in the ***-****-*** form, naming it', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/room-codes/code', { code: 'ABC', enabled: true }),
      'code',
    );
  });

  it('rejects any field other than code and enabled, naming it', async () => {
    const response = await server.api('POST', '/v2/room-codes/code', {
      code: 'abc-defg-hij',
      enabled: true,
      role: 'host',
    });
    assertInvalidField(response, 'role');
  });

  it('answers 400 naming code to an empty body', async () => {
    const response = await rawRequest(server, 'POST', '/v2/room-codes/code', {
      headers: {
        authorization: `Bearer ${await server.managementToken()}`,
        'content-type': 'application/json',
      },
    });
    assertInvalidField(response, 'code');
  });
});
