// REST v2 templates and roles, as 100ms's policy API: create (an existing name overwrites), list,
// get, update (the body replaces all), and role create/update/get/delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { allPages, assertError, assertInvalidField, uniqueName } from './api-assertions.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

async function createTemplate(body: Record<string, unknown> = {}) {
  const response = await server.api('POST', '/v2/templates', { name: uniqueName('tpl'), ...body });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

describe('the default template', () => {
  it('exists in every workspace with the roles host, guest and hls-viewer', async () => {
    for (const workspace of [0, 1]) {
      const token = await server.managementToken(workspace);
      const templates = await allPages(server, '/v2/templates', token);
      const defaults = templates.filter((t) => t.name === 'default');
      assert.equal(defaults.length, 1, `workspace ${workspace} has one default template`);
      assert.deepEqual(Object.keys(defaults[0].roles).sort(), ['guest', 'hls-viewer', 'host']);
      assert.equal(defaults[0].customer_id, server.workspaces[workspace]!.accessKey);
    }
  });

  it('gives host every permission, guest a publishing role, and hls-viewer no publishing', async () => {
    const [template] = (await allPages(server, '/v2/templates')).filter(
      (t) => t.name === 'default',
    );
    const { host, guest } = template.roles;
    assert.ok(Object.values(host.permissions).every((allowed) => allowed === true));
    assert.deepEqual(host.subscribeParams.subscribeToRoles.sort(), ['guest', 'host']);
    assert.deepEqual(guest.publishParams.allowed, ['audio', 'video', 'screen']);
    assert.equal(guest.permissions.endRoom, false);
    assert.deepEqual(template.roles['hls-viewer'].publishParams.allowed, []);
    assert.deepEqual(template.plugins.whiteboard.permissions.admin, ['host']);
  });

  it('is created once: a restart on the same storage does not add a second one', async () => {
    const again = await startTestServer({ dataDir: server.dataDir, workspaces: server.workspaces });
    try {
      const templates = await allPages(again, '/v2/templates');
      assert.equal(templates.filter((t) => t.name === 'default').length, 1);
    } finally {
      await again.close();
    }
  });
});

describe('POST /v2/templates', () => {
  it('creates a template whose roles sent as {} get sane defaults', async () => {
    const name = uniqueName('tpl');
    const response = await server.api('POST', '/v2/templates', {
      name,
      roles: { host: {}, guest: {} },
    });
    assert.equal(response.status, 200);
    const template = response.body;
    assert.match(template.id, /^[0-9a-f]{24}$/);
    assert.equal(template.name, name);
    assert.equal(template.customer_id, server.workspaces[0]!.accessKey);
    assert.deepEqual(Object.keys(template.roles).sort(), ['guest', 'host']);
    assert.equal(template.roles.host.name, 'host');
    assert.deepEqual(template.roles.host.publishParams.allowed, ['audio', 'video', 'screen']);
    assert.equal(template.roles.host.publishParams.audio.codec, 'opus');
    assert.equal(template.roles.host.priority, 1);
    assert.equal(template.roles.host.maxPeerCount, 0);
    assert.ok(!Number.isNaN(Date.parse(template.created_at)));
    assert.ok(!Number.isNaN(Date.parse(template.updated_at)));
  });

  it('keeps the role fields it was sent and fills the rest', async () => {
    const template = await createTemplate({
      roles: {
        speaker: {
          priority: 2,
          permissions: { mute: true },
          publishParams: { video: { width: 640 } },
        },
        listener: {
          subscribeParams: { subscribeToRoles: ['speaker'] },
          publishParams: { allowed: [] },
        },
      },
    });
    const { speaker, listener } = template.roles;
    assert.equal(speaker.priority, 2);
    assert.equal(speaker.permissions.mute, true);
    assert.equal(speaker.permissions.endRoom, false);
    assert.equal(speaker.publishParams.video.width, 640);
    assert.equal(speaker.publishParams.video.codec, 'vp8');
    assert.deepEqual(listener.subscribeParams.subscribeToRoles, ['speaker']);
    assert.deepEqual(listener.publishParams.allowed, []);
  });

  it('names a template it was sent without a name', async () => {
    const response = await server.api('POST', '/v2/templates', { roles: { host: {} } });
    assert.equal(response.status, 200);
    assert.ok(response.body.name.length > 0);
  });

  it('overwrites the template of an existing name and returns the same id', async () => {
    const first = await createTemplate({ roles: { host: {}, guest: {} } });
    const second = await server.api('POST', '/v2/templates', {
      name: first.name,
      roles: { viewer: {} },
    });
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.id);
    assert.deepEqual(Object.keys(second.body.roles), ['viewer']);
    const stored = await server.api('GET', `/v2/templates/${first.id}`);
    assert.deepEqual(Object.keys(stored.body.roles), ['viewer']);
  });

  it('keeps plugins.whiteboard.permissions that name the template roles', async () => {
    const template = await createTemplate({
      roles: { host: {}, guest: {} },
      plugins: { whiteboard: { permissions: { admin: ['host'], reader: ['guest'] } } },
    });
    assert.deepEqual(template.plugins.whiteboard.permissions, {
      admin: ['host'],
      reader: ['guest'],
    });
  });

  it('rejects a name with characters 100ms does not allow, naming the field name', async () => {
    assertInvalidField(await server.api('POST', '/v2/templates', { name: 'no/slash' }), 'name');
  });

  it('rejects a role name with characters 100ms does not allow, naming roles.<role>', async () => {
    const response = await server.api('POST', '/v2/templates', {
      name: uniqueName('tpl'),
      roles: { 'bad role': {} },
    });
    assertInvalidField(response, 'roles.bad role');
  });

  it('rejects an out-of-range role field, naming roles.<role>.<field>', async () => {
    const response = await server.api('POST', '/v2/templates', {
      roles: { host: { priority: 9 } },
    });
    assertInvalidField(response, 'roles.host.priority');
  });

  it('rejects an unknown permission, naming it', async () => {
    const response = await server.api('POST', '/v2/templates', {
      roles: { host: { permissions: { fly: true } } },
    });
    assertInvalidField(response, 'roles.host.permissions.fly');
  });

  it('rejects a nested publish parameter out of range, naming its path', async () => {
    const response = await server.api('POST', '/v2/templates', {
      roles: { host: { publishParams: { audio: { bitRate: 1000 } } } },
    });
    assertInvalidField(response, 'roles.host.publishParams.audio.bitRate');
  });

  it('rejects a subscribeToRoles entry that names no role of the template', async () => {
    const response = await server.api('POST', '/v2/templates', {
      roles: { host: { subscribeParams: { subscribeToRoles: ['ghost'] } } },
    });
    assertInvalidField(response, 'roles.host.subscribeParams.subscribeToRoles');
    assert.match(response.body.message, /ghost/);
  });

  it('rejects whiteboard permissions that name no role of the template', async () => {
    const response = await server.api('POST', '/v2/templates', {
      roles: { host: {} },
      plugins: { whiteboard: { permissions: { writer: ['ghost'] } } },
    });
    assertInvalidField(response, 'plugins.whiteboard.permissions.writer');
  });

  it('rejects a field the template object does not have, naming it', async () => {
    assertInvalidField(await server.api('POST', '/v2/templates', { colour: 'blue' }), 'colour');
  });

  it('rejects a settings.region other than in, us, eu or auto', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/templates', { settings: { region: 'mars' } }),
      'settings.region',
    );
  });
});

describe('GET /v2/templates', () => {
  it('pages through every template by limit, start and last until last is empty', async () => {
    const token = await server.managementToken(1);
    const created = [];
    for (let i = 0; i < 4; i++) {
      const response = await server.api(
        'POST',
        '/v2/templates',
        { name: uniqueName(`page${i}`) },
        token,
      );
      created.push(response.body.id);
    }
    const first = await server.api('GET', '/v2/templates?limit=2', undefined, token);
    assert.equal(first.status, 200);
    assert.equal(first.body.limit, 2);
    assert.equal(first.body.data.length, 2);
    assert.notEqual(first.body.last, '');
    assert.equal(first.body.last, first.body.data[1].id);

    const ids = (await allPages(server, '/v2/templates?limit=2', token)).map((t) => t.id);
    assert.equal(ids.length, 5, 'the default template and the four created');
    assert.equal(new Set(ids).size, 5, 'no template is listed twice');
    assert.deepEqual(ids.slice(1), created, 'oldest first');
  });

  it('answers a page of 10 when no limit is sent', async () => {
    const response = await server.api('GET', '/v2/templates');
    assert.equal(response.status, 200);
    assert.equal(response.body.limit, 10);
  });

  it('rejects a limit over 100, naming the query parameter limit', async () => {
    const response = await server.api('GET', '/v2/templates?limit=101');
    assertInvalidField(response, 'limit');
    assert.match(response.body.message, /query parameter/);
  });

  it('rejects a limit that is not a number', async () => {
    assertInvalidField(await server.api('GET', '/v2/templates?limit=ten'), 'limit');
  });
});

describe('GET /v2/templates/:template_id', () => {
  it('returns the template as it was created', async () => {
    const template = await createTemplate({ roles: { host: {} }, settings: { region: 'eu' } });
    const response = await server.api('GET', `/v2/templates/${template.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, template);
  });

  it('answers 404 for an id that names no template', async () => {
    assertError(
      await server.api('GET', '/v2/templates/000000000000000000000000'),
      404,
      'template_not_found',
    );
  });

  it('answers 400 for an id with characters no id has, naming template_id', async () => {
    assertInvalidField(await server.api('GET', '/v2/templates/bad.id'), 'template_id');
  });
});

describe('POST /v2/templates/:template_id', () => {
  it('replaces all of the template: roles not sent are gone', async () => {
    const template = await createTemplate({ roles: { host: {}, guest: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}`, {
      roles: { host: { priority: 3 } },
      settings: { region: 'us' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, template.id);
    assert.equal(response.body.name, template.name);
    assert.deepEqual(Object.keys(response.body.roles), ['host']);
    assert.equal(response.body.roles.host.priority, 3);
    assert.deepEqual(response.body.settings, { region: 'us' });
    const stored = await server.api('GET', `/v2/templates/${template.id}`);
    assert.deepEqual(stored.body, response.body);
  });

  it('renames a template to a free name', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    const name = uniqueName('renamed');
    const response = await server.api('POST', `/v2/templates/${template.id}`, {
      name,
      roles: template.roles,
      settings: {},
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, name);
  });

  it('answers 409 when renamed to the name of another template', async () => {
    const taken = await createTemplate();
    const template = await createTemplate({ roles: { host: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}`, {
      name: taken.name,
      roles: template.roles,
      settings: {},
    });
    assertError(response, 409, 'template_name_taken');
  });

  it('requires roles, naming the field', async () => {
    const template = await createTemplate();
    assertInvalidField(
      await server.api('POST', `/v2/templates/${template.id}`, { settings: {} }),
      'roles',
    );
  });

  it('requires settings, naming the field', async () => {
    const template = await createTemplate();
    assertInvalidField(
      await server.api('POST', `/v2/templates/${template.id}`, { roles: {} }),
      'settings',
    );
  });

  it('answers 404 for an id that names no template', async () => {
    const response = await server.api('POST', '/v2/templates/000000000000000000000000', {
      roles: {},
      settings: {},
    });
    assertError(response, 404, 'template_not_found');
  });
});

describe('roles: /v2/templates/:template_id/roles/:role_name', () => {
  it('GET returns one role of the template', async () => {
    const template = await createTemplate({ roles: { host: { priority: 4 } } });
    const response = await server.api('GET', `/v2/templates/${template.id}/roles/host`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, template.roles.host);
  });

  it('GET answers 404 for a role the template does not have', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    assertError(
      await server.api('GET', `/v2/templates/${template.id}/roles/guest`),
      404,
      'role_not_found',
    );
  });

  it('GET answers 404 for a template that does not exist', async () => {
    const response = await server.api('GET', '/v2/templates/000000000000000000000000/roles/host');
    assertError(response, 404, 'template_not_found');
  });

  it('POST creates a new role with defaults for the fields not sent', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}/roles/viewer`, {
      publishParams: { allowed: [] },
      subscribeParams: { subscribeToRoles: ['host'] },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'viewer');
    assert.deepEqual(response.body.publishParams.allowed, []);
    assert.deepEqual(response.body.subscribeParams.subscribeToRoles, ['host']);
    assert.equal(response.body.priority, 1);
    const stored = await server.api('GET', `/v2/templates/${template.id}`);
    assert.deepEqual(Object.keys(stored.body.roles).sort(), ['host', 'viewer']);
    assert.deepEqual(stored.body.roles.viewer, response.body);
  });

  it('POST updates an existing role and keeps the fields not sent', async () => {
    const template = await createTemplate({
      roles: { host: { priority: 2, permissions: { mute: true } } },
    });
    const response = await server.api('POST', `/v2/templates/${template.id}/roles/host`, {
      permissions: { endRoom: true },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.priority, 2);
    assert.equal(response.body.permissions.mute, true);
    assert.equal(response.body.permissions.endRoom, true);
  });

  it('POST rejects a body name that differs from the role name in the path', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}/roles/host`, {
      name: 'guest',
    });
    assertInvalidField(response, 'name');
  });

  it('POST rejects a role name in the path with characters role names may not have', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    assertInvalidField(
      await server.api('POST', `/v2/templates/${template.id}/roles/a.b`, {}),
      'role_name',
    );
  });

  it('POST rejects an invalid role field, naming it', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}/roles/host`, {
      publishParams: { video: { frameRate: 60 } },
    });
    assertInvalidField(response, 'publishParams.video.frameRate');
  });

  it('POST rejects subscribing to a role the template does not have', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    const response = await server.api('POST', `/v2/templates/${template.id}/roles/host`, {
      subscribeParams: { subscribeToRoles: ['ghost'] },
    });
    assertInvalidField(response, 'roles.host.subscribeParams.subscribeToRoles');
  });

  it('POST answers 404 for a template that does not exist', async () => {
    const response = await server.api(
      'POST',
      '/v2/templates/000000000000000000000000/roles/host',
      {},
    );
    assertError(response, 404, 'template_not_found');
  });

  it('DELETE removes the role with 204 and removes it from other roles and the whiteboard', async () => {
    const template = await createTemplate({
      roles: { host: { subscribeParams: { subscribeToRoles: ['host', 'guest'] } }, guest: {} },
      plugins: { whiteboard: { permissions: { admin: ['host'], reader: ['guest'] } } },
    });
    const response = await server.api('DELETE', `/v2/templates/${template.id}/roles/guest`);
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
    const stored = (await server.api('GET', `/v2/templates/${template.id}`)).body;
    assert.deepEqual(Object.keys(stored.roles), ['host']);
    assert.deepEqual(stored.roles.host.subscribeParams.subscribeToRoles, ['host']);
    assert.deepEqual(stored.plugins.whiteboard.permissions, { admin: ['host'], reader: [] });
    assertError(await server.api('GET', `/v2/templates/${template.id}/roles/guest`), 404);
  });

  it('DELETE answers 404 for a role the template does not have', async () => {
    const template = await createTemplate({ roles: { host: {} } });
    assertError(
      await server.api('DELETE', `/v2/templates/${template.id}/roles/guest`),
      404,
      'role_not_found',
    );
  });

  it('DELETE answers 404 for a template that does not exist', async () => {
    const response = await server.api(
      'DELETE',
      '/v2/templates/000000000000000000000000/roles/host',
    );
    assertError(response, 404, 'template_not_found');
  });
});
