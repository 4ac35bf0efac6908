// `npx convene token` mints development tokens the server accepts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { ROOT, startTestServer, type TestServer } from '../support/test-server.ts';
import { writeKeyFile } from '../../server/auth/workspace-keys.ts';

const run = promisify(execFile);
let server: TestServer;

before(async () => {
  server = await startTestServer({ env: { CONVENE_DEMO_ROOM: 'false' } });
  writeKeyFile(server.dataDir, server.workspaces);
});

after(() => server.close());

async function convene(...args: string[]) {
  return run(process.execPath, ['bin/convene.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, CONVENE_DATA_DIR: server.dataDir },
  });
}

test('a management token from the CLI opens the REST API of the default workspace', async () => {
  const { stdout } = await convene('token', '--type', 'management');
  const token = stdout.trim();
  assert.equal(decodeJwt(token).access_key, server.workspaces[0]!.accessKey);
  const rooms = await server.api('GET', '/v2/rooms', undefined, token);
  assert.equal(rooms.status, 200);
});

test('an app token from the CLI carries the room, role and user', async () => {
  const { stdout } = await convene(
    'token',
    '--type',
    'app',
    '--room-id',
    'r1',
    '--role',
    'guest',
    '--user-id',
    'u1',
  );
  const claims = decodeJwt(stdout.trim());
  assert.deepEqual(
    [claims.type, claims.room_id, claims.role, claims.user_id],
    ['app', 'r1', 'guest', 'u1'],
  );
});

test('the CLI refuses an app token without a room, with a usage message', async () => {
  await assert.rejects(convene('token', '--type', 'app'), (error: { stderr: string }) => {
    assert.match(error.stderr, /--room-id and --role/);
    return true;
  });
});
