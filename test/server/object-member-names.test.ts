// Names from outside that are also names of Object members (`constructor`, `toString`,
// `__proto__`): a role, room or template so named is either stored and read back like any other,
// or, for `__proto__` alone, refused with a 400 naming the field. Never a 500, never a role that
// exists only because Object.prototype has a member of that name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, assertInvalidField, rawRequest, uniqueName } from './api-assertions.ts';

/** Valid role names that are also Object.prototype members. */
const MEMBER_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

async function createTemplate(roles: Record<string, unknown> = { host: {} }) {
  const response = await server.api('POST', '/v2/templates', { name: uniqueName('tpl'), roles });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

/** A POST with exactly this JSON text, for keys JSON.stringify would not write (`__proto__`). */
async function postJson(path: string, json: string) {
  return rawRequest(server, 'POST', path, {
    headers: {
      authorization: `Bearer ${await server.managementToken()}`,
      'content-type': 'application/json',
    },
    body: json,
  });
}

describe('roles named like Object members', () => {
  it('are created, read back, listed in their template and deleted like any role', async () => {
    const template = await createTemplate();
    for (const name of MEMBER_NAMES) {
      const path = `/v2/templates/${template.id}/roles/${name}`;
      const created = await server.api('POST', path, { priority: 3 });
      assert.equal(created.status, 200, `${name}: ${JSON.stringify(created.body)}`);
      assert.equal(created.body.name, name);
      const read = await server.api('GET', path);
      assert.equal(read.status, 200, name);
      assert.deepEqual(read.body, created.body);
      const stored = await server.api('GET', `/v2/templates/${template.id}`);
      assert.equal(stored.body.roles[name].priority, 3);
      assert.equal((await server.api('DELETE', path)).status, 204, name);
      assertError(await server.api('GET', path), 404, 'role_not_found');
    }
  });

  it('are not found, not a server error, in a template that lacks them', async () => {
    const template = await createTemplate();
    for (const name of MEMBER_NAMES) {
      const path = `/v2/templates/${template.id}/roles/${name}`;
      assertError(await server.api('GET', path), 404, 'role_not_found');
      assertError(await server.api('DELETE', path), 404, 'role_not_found');
    }
  });

  it('may be keys of roles in a template body', async () => {
    const roles = Object.fromEntries(MEMBER_NAMES.map((name) => [name, { priority: 2 }]));
    const template = await createTemplate(roles);
    assert.deepEqual(Object.keys(template.roles).sort(), [...MEMBER_NAMES].sort());
    const updated = await server.api('POST', `/v2/templates/${template.id}`, {
      roles: { ...roles, toString: { priority: 4 } },
      settings: {},
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.roles.toString.priority, 4);
    assert.equal(updated.body.roles.constructor.priority, 2, 'kept from the stored role');
  });

  it('are not taken for existing roles when other roles or plugins name them', async () => {
    const subscribe = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { host: { subscribeParams: { subscribeToRoles: ['constructor'] } } },
    });
    assertInvalidField(subscribe, 'roles.host.subscribeParams.subscribeToRoles');
    const whiteboard = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { host: {} },
      plugins: { whiteboard: { permissions: { admin: ['toString'] } } },
    });
    assertInvalidField(whiteboard, 'plugins.whiteboard.permissions.admin');
  });
});

describe('a role named __proto__', () => {
  it('is refused in the path of GET, POST and DELETE with a 400 naming role_name', async () => {
    const template = await createTemplate();
    const path = `/v2/templates/${template.id}/roles/__proto__`;
    assertInvalidField(await server.api('GET', path), 'role_name');
    assertInvalidField(await server.api('POST', path, {}), 'role_name');
    assertInvalidField(await server.api('DELETE', path), 'role_name');
  });

  it('is refused as a key of roles with a 400 naming it', async () => {
    const response = await postJson(
      '/v2/templates',
      `{"name": "${uniqueName('tpl')}", "roles": {"host": {}, "__proto__": {}}}`,
    );
    assertInvalidField(response, 'roles.__proto__');
  });

  it('is refused in the room-code routes that take a role', async () => {
    const room = await server.api('POST', '/v2/rooms', { name: uniqueName('room') });
    assertInvalidField(
      await server.api('POST', `/v2/room-codes/room/${room.body.id}/role/__proto__`),
      'role',
    );
    assertInvalidField(
      await server.api('GET', `/v2/room-codes/room/${room.body.id}?role=__proto__`),
      'role',
    );
  });
});

describe('room codes for a role named like an Object member', () => {
  it('become app tokens, and stop when the role is deleted', async () => {
    const template = await createTemplate({ host: {}, constructor: {} });
    const room = await server.api('POST', '/v2/rooms', {
      name: uniqueName('room'),
      template_id: template.id,
    });
    const codes = await server.api('POST', `/v2/room-codes/room/${room.body.id}`);
    const code = codes.body.data.find((c: { role: string }) => c.role === 'constructor');
    assert.ok(code, 'a code for the role constructor');
    const exchange = () =>
      rawRequest(server, 'POST', '/v2/token', { body: JSON.stringify({ code: code.code }) });
    assert.equal((await exchange()).status, 200);

    const path = `/v2/templates/${template.id}/roles/constructor`;
    assert.equal((await server.api('DELETE', path)).status, 204);
    assertError(await exchange(), 403, 'role_not_found');
    await server.api('POST', '/v2/room-codes/code', { code: code.code, enabled: false });
    assertError(
      await server.api('POST', '/v2/room-codes/code', { code: code.code, enabled: true }),
      403,
      'role_not_found',
    );
  });

  it('are not made for a member name the template does not have', async () => {
    const room = await server.api('POST', '/v2/rooms', { name: uniqueName('room') });
    assertError(
      await server.api('POST', `/v2/room-codes/room/${room.body.id}/role/toString`),
      404,
      'role_not_found',
    );
  });
});

describe('rooms and templates named like Object members', () => {
  for (const name of ['__proto__', 'constructor', 'toString']) {
    it(`store and find a room and a template named ${name}`, async () => {
      // Names are per workspace; the second workspace keeps these tests apart from others.
      const token = await server.managementToken(1);
      const template = await server.api('POST', '/v2/templates', { name }, token);
      assert.equal(template.status, 200, JSON.stringify(template.body));
      assert.equal(template.body.name, name);
      const room = await server.api('POST', '/v2/rooms', { name }, token);
      assert.equal(room.status, 200, JSON.stringify(room.body));
      const found = await server.api('GET', `/v2/rooms?name=${name}`, undefined, token);
      assert.equal(found.status, 200);
      assert.deepEqual(
        found.body.data.map((r: { id: string }) => r.id),
        [room.body.id],
      );
    });
  }
});

describe('ids in paths named like Object members', () => {
  it('are not found, not server errors, on every route that takes an id', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const cases: [string, string, string][] = [
        ['GET', `/v2/rooms/${name}`, 'room_not_found'],
        ['GET', `/v2/templates/${name}`, 'template_not_found'],
        ['GET', `/v2/sessions/${name}`, 'session_not_found'],
        ['GET', `/v2/room-codes/room/${name}`, 'room_not_found'],
        ['GET', `/v2/active-rooms/${name}`, 'room_not_active'],
        ['DELETE', `/v2/webhooks/${name}`, 'endpoint_not_found'],
        ['POST', `/v2/webhooks/deliveries/${name}/replay`, 'delivery_not_found'],
      ];
      for (const [method, path, reason] of cases) {
        assertError(await server.api(method, path), 404, reason);
      }
    }
  });
});

describe('query parameters named like Object members', () => {
  it('are ignored like any unknown parameter', async () => {
    for (const query of ['__proto__=1', '__proto__[x]=1', 'constructor=x', 'toString=1']) {
      for (const path of ['/v2/rooms', '/v2/templates', '/v2/sessions']) {
        const response = await server.api('GET', `${path}?${query}`);
        assert.equal(response.status, 200, `${path}?${query}: ${JSON.stringify(response.body)}`);
        assert.ok(Array.isArray(response.body.data));
      }
    }
  });
});
