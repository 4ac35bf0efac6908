// Durable state: what the REST API wrote is there after a restart (in-process and as a real
// process, after SIGTERM and after kill -9), and concurrent creates of one name make one row.
// Runs on SQLite, and on PostgreSQL when DATABASE_URL is set.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServerProcess,
  startTestServer,
  makeDataDir,
  type TestServer,
} from '../support/test-server.ts';
import { generateWorkspaceKey } from '../../server/auth/workspace-keys.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { allPages, uniqueName } from './api-assertions.ts';

describe('a restart on the same storage and workspaces', () => {
  const open: TestServer[] = [];
  after(async () => {
    for (const server of open) await server.close();
  });

  async function restart(previous: TestServer): Promise<TestServer> {
    await previous.close();
    open.splice(open.indexOf(previous), 1);
    const next = await startTestServer({
      dataDir: previous.dataDir,
      workspaces: previous.workspaces,
    });
    open.push(next);
    return next;
  }

  it('keeps a room created before it', async () => {
    const first = await startTestServer();
    open.push(first);
    const room = (
      await first.api('POST', '/v2/rooms', { name: uniqueName('durable'), description: 'kept' })
    ).body;

    const second = await restart(first);
    const response = await second.api('GET', `/v2/rooms/${room.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, room);
    assert.ok((await allPages(second, '/v2/rooms')).some((r) => r.id === room.id));
  });

  it('keeps a disabled room disabled and a renamed room renamed', async () => {
    const first = await startTestServer();
    open.push(first);
    const disabled = (await first.api('POST', '/v2/rooms', { name: uniqueName('off') })).body;
    await first.api('POST', `/v2/rooms/${disabled.id}`, { enabled: false });
    const renamed = (await first.api('POST', '/v2/rooms', { name: uniqueName('old') })).body;
    const newName = uniqueName('new');
    await first.api('POST', `/v2/rooms/${renamed.id}`, { name: newName });

    const second = await restart(first);
    assert.equal((await second.api('GET', `/v2/rooms/${disabled.id}`)).body.enabled, false);
    assert.equal((await second.api('GET', `/v2/rooms/${renamed.id}`)).body.name, newName);
    const again = await second.api('POST', '/v2/rooms', { name: newName.toUpperCase() });
    assert.equal(again.body.id, renamed.id, 'the name is still taken, whatever its case');
  });

  it('keeps templates with their roles, and room codes that still give tokens', async () => {
    const first = await startTestServer();
    open.push(first);
    const template = (
      await first.api('POST', '/v2/templates', {
        name: uniqueName('tpl'),
        roles: { speaker: { priority: 2 }, listener: {} },
      })
    ).body;
    const room = (
      await first.api('POST', '/v2/rooms', { name: uniqueName('room'), template_id: template.id })
    ).body;
    const codes = (await first.api('POST', `/v2/room-codes/room/${room.id}`)).body.data;
    const listener = codes.find((c: { role: string }) => c.role === 'listener').code;
    await first.api('POST', '/v2/room-codes/code', { code: listener, enabled: false });

    const second = await restart(first);
    assert.deepEqual((await second.api('GET', `/v2/templates/${template.id}`)).body, template);
    const stored = await allPages(second, `/v2/room-codes/room/${room.id}`);
    assert.deepEqual(
      stored.map((c) => [c.code, c.role, c.enabled]).sort(),
      codes
        .map((c: { code: string; role: string }) => [c.code, c.role, c.code !== listener])
        .sort(),
    );
    const speaker = codes.find((c: { role: string }) => c.role === 'speaker').code;
    const token = await fetch(`${second.url}/v2/token`, {
      method: 'POST',
      body: JSON.stringify({ code: speaker }),
    });
    assert.equal(token.status, 200);
    const refused = await fetch(`${second.url}/v2/token`, {
      method: 'POST',
      body: JSON.stringify({ code: listener }),
    });
    assert.equal(refused.status, 403);
  });
});

describe('a restart without one of the workspaces', () => {
  it('answers 404, not 500, to a room code of the workspace whose key pair is gone', async (t) => {
    const first = await startTestServer();
    const token = await first.managementToken(1);
    const room = (await first.api('POST', '/v2/rooms', { name: uniqueName('orphan') }, token)).body;
    const code = (await first.api('POST', `/v2/room-codes/room/${room.id}`, undefined, token)).body
      .data[0].code;
    await first.close();

    const second = await startTestServer({
      dataDir: first.dataDir,
      workspaces: [first.workspaces[0]!],
    });
    t.after(() => second.close());
    const response = await fetch(`${second.url}/v2/token`, {
      method: 'POST',
      body: JSON.stringify({ code }),
    });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      code: 404,
      message: 'Room code does not exist',
      details: ['code_not_found'],
    });
  });
});

describe('the server process on one data folder', () => {
  const workspaces = [generateWorkspaceKey()];
  const tokens = new TokenService(workspaces);
  const dataDir = makeDataDir();

  async function createRoom(url: string, name: string) {
    const response = await fetch(`${url}/v2/rooms`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokens.mint(workspaces[0]!.accessKey, 'management')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as { id: string };
  }

  async function getRoom(url: string, id: string) {
    return fetch(`${url}/v2/rooms/${id}`, {
      headers: {
        authorization: `Bearer ${await tokens.mint(workspaces[0]!.accessKey, 'management')}`,
      },
    });
  }

  it('keeps a room across a SIGTERM shutdown and a new process', async (t) => {
    const first = await startServerProcess({ dataDir, workspaces });
    t.after(() => first.stop());
    const room = await createRoom(first.url, uniqueName('term'));
    await first.stop('SIGTERM');
    assert.equal(first.child.exitCode, 0, first.output());

    const second = await startServerProcess({ dataDir });
    t.after(() => second.stop());
    assert.equal((await getRoom(second.url, room.id)).status, 200);
  });

  it('keeps a room whose create was answered, even when the process is killed with SIGKILL', async (t) => {
    const first = await startServerProcess({ dataDir, workspaces });
    t.after(() => first.stop());
    const room = await createRoom(first.url, uniqueName('killed'));
    await first.stop('SIGKILL');

    const second = await startServerProcess({ dataDir });
    t.after(() => second.stop());
    const response = await getRoom(second.url, room.id);
    assert.equal(response.status, 200);
  });
});

describe('concurrent creates of one name', () => {
  let server: TestServer;
  after(async () => {
    await server?.close();
  });

  it('make one room, whose id every create returns', async () => {
    server = await startTestServer();
    const name = uniqueName('race');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.api('POST', '/v2/rooms', { name, description: `try ${i}` }),
      ),
    );
    assert.deepEqual(
      responses.map((r) => r.status),
      Array(10).fill(200),
    );
    assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
    assert.equal((await server.api('GET', `/v2/rooms?name=${name}`)).body.data.length, 1);
  });

  it('make one template, whose id every create returns', async () => {
    const name = uniqueName('race');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.api('POST', '/v2/templates', { name, roles: { host: {} } }),
      ),
    );
    assert.deepEqual(
      responses.map((r) => r.status),
      Array(10).fill(200),
    );
    assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
    const templates = await allPages(server, '/v2/templates');
    assert.equal(templates.filter((t) => t.name === name).length, 1);
  });
});
