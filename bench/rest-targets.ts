// The servers the REST bench loads, each run in its own process so the load generator does not
// share an event loop with them: `convene` (the real app on a fresh SQLite folder) or
// `bare-fastify` (one route answering a room-sized JSON object). Prints one JSON line when ready.
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { generateWorkspaceKey } from '../server/auth/workspace-keys.ts';
import { TokenService } from '../server/auth/tokens.ts';
import { makeDataDir } from '../test/support/test-server.ts';

const ROOM_LIKE = {
  id: '01a20175bc6907dafc41a454',
  name: 'bench-room',
  enabled: true,
  description: 'a room read by the benchmark',
  customer_id: '860eff3364303789cbafa7fa',
  template_id: '01a201756c5d09a92ba9ff73',
  region: 'auto',
  created_at: '2026-11-22T04:13:42.889Z',
  updated_at: '2026-11-22T04:13:42.889Z',
};

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === 'bare-fastify') {
    const app = Fastify({ logger: false });
    app.get('/v2/rooms/:room_id', async () => ROOM_LIKE);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(JSON.stringify({ url, path: `/v2/rooms/${ROOM_LIKE.id}` }));
    return;
  }
  const workspace = generateWorkspaceKey();
  const config = loadConfig({ CONVENE_DATA_DIR: makeDataDir(), PORT: '0' });
  const app = await buildApp({ config, workspaces: [workspace], logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const token = await new TokenService([workspace]).mint(workspace.accessKey, 'management');
  const response = await fetch(`${url}/v2/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench-room', description: 'a room read by the benchmark' }),
  });
  const room = (await response.json()) as { id: string };
  console.log(JSON.stringify({ url, path: `/v2/rooms/${room.id}`, token }));
}

await main();
