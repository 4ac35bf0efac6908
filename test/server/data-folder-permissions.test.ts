// The data folder holds webhook secrets, room codes and workspace secrets, so what Convene
// creates there is the owner's alone even under the usual umask 022: the folder 0700, keys.json
// and the SQLite files 0600. A database an older version left readable is made so on start.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  makeDataDir,
  startServerProcess,
  startTestServer,
  waitFor,
} from '../support/test-server.ts';

// With DATABASE_URL the database is PostgreSQL's, and only the folder and keys.json are ours.
const sqlite = !process.env.DATABASE_URL;
const DATABASE_FILES = ['convene.sqlite', 'convene.sqlite-wal', 'convene.sqlite-shm'];

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

let previousUmask: number;

before(() => {
  previousUmask = process.umask(0o022);
});

after(() => {
  process.umask(previousUmask);
});

describe('a fresh start under umask 022', () => {
  it('creates the data folder 0700 and keys.json and the database files 0600', async () => {
    // A folder that does not exist yet, as on a first start: makeDataDir's own is already 0700.
    const dataDir = path.join(makeDataDir(), 'data');
    const server = await startServerProcess({ dataDir, env: { CONVENE_DEMO_ROOM: 'false' } });
    try {
      assert.equal(modeOf(dataDir), '700');
      assert.equal(modeOf(path.join(dataDir, 'keys.json')), '600');
      if (sqlite) {
        // SQLite makes -shm when it opens and -wal on the first write (the migrations).
        await waitFor(() => DATABASE_FILES.every((f) => fs.existsSync(path.join(dataDir, f))), {
          what: 'the SQLite files',
        });
        for (const file of DATABASE_FILES) {
          assert.equal(modeOf(path.join(dataDir, file)), '600', file);
        }
      }
    } finally {
      await server.stop();
    }
  });
});

describe('a start on a database readable by others', { skip: !sqlite && 'SQLite only' }, () => {
  it('makes the database files 0600 and leaves the folder as the operator set it', async () => {
    const dataDir = makeDataDir();
    const first = await startTestServer({ dataDir });
    await first.close();
    fs.chmodSync(dataDir, 0o750);
    for (const file of DATABASE_FILES) {
      const at = path.join(dataDir, file);
      if (!fs.existsSync(at)) fs.writeFileSync(at, '');
      fs.chmodSync(at, 0o644);
    }
    const second = await startTestServer({ dataDir, workspaces: first.workspaces });
    try {
      for (const file of DATABASE_FILES) {
        assert.equal(modeOf(path.join(dataDir, file)), '600', file);
      }
      assert.equal(modeOf(dataDir), '750');
      assert.equal((await second.api('GET', '/v2/rooms')).status, 200);
    } finally {
      await second.close();
    }
  });
});
