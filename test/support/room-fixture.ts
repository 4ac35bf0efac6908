// Rooms on test servers, and signaling peers joined to them with app tokens, for the server tests
// that need a room full of peers (chat, metadata, the session store, room actions, track events,
// session webhooks). Every server it starts and every socket it opens is closed by `closeAll`.
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './test-server.ts';
import { TestSignalingClient } from './signaling-client.ts';

export interface JoinedPeer {
  client: TestSignalingClient;
  /** The join answer: self, peers, transports, sessionId ... */
  joined: any;
}

export interface FixtureRoom {
  server: TestServer;
  roomId: string;
  templateId: string;
  /** A new signaling client joined to this room as `role`, named `name` (the role if left out). */
  join(role: string, name?: string, userId?: string): Promise<JoinedPeer>;
}

export interface OpenOptions {
  /** The server to make the room on; a new one (with `env`) if left out. */
  server?: TestServer;
  env?: Record<string, string>;
  /** More of the POST /v2/rooms body (a name, a template_id). */
  room?: Record<string, unknown>;
}

export function roomFixtures() {
  const servers: TestServer[] = [];
  const clients: TestSignalingClient[] = [];
  let rooms = 0;

  /** A server with one media worker and no demo room, so a test's rooms are the only ones. */
  async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
    const server = await startTestServer({
      env: { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false', ...env },
    });
    servers.push(server);
    return server;
  }

  /** A signaling client on its own, for a join the test makes itself (a resume, say). */
  async function connect(url: string): Promise<TestSignalingClient> {
    const client = await TestSignalingClient.connect(url);
    clients.push(client);
    return client;
  }

  async function join(
    server: TestServer,
    roomId: string,
    role: string,
    name = role,
    userId = `user-${name}`,
  ): Promise<JoinedPeer> {
    const client = await connect(server.url);
    const token = await server.tokens.mint(server.workspaces[0]!.accessKey, 'app', {
      roomId,
      userId,
      role,
    });
    const joined = await client.ok('join', { token, name });
    return { client, joined };
  }

  async function open({ server, env, room }: OpenOptions = {}): Promise<FixtureRoom> {
    const live = server ?? (await startServer(env));
    const created = await live.api('POST', '/v2/rooms', {
      name: `room-${Date.now()}-${rooms++}`,
      ...room,
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const roomId = created.body.id as string;
    return {
      server: live,
      roomId,
      templateId: created.body.template_id as string,
      join: (role, name, userId) => join(live, roomId, role, name, userId),
    };
  }

  async function closeAll(): Promise<void> {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.close()));
  }

  return { startServer, open, join, connect, closeAll };
}

export function errorOf(reply: unknown): { code: string; message: string } {
  const message = reply as { ok: boolean; error?: { code: string; message: string } };
  if (message.ok !== false)
    throw new Error(`expected an error reply, got ${JSON.stringify(reply)}`);
  return message.error!;
}
