// A server with one room and a way to join it as any role, for the metadata, session-store and
// track-event tests. Everything it opens is closed by `closeAll`.
import { startTestServer, type TestServer } from './test-server.ts';
import { TestSignalingClient } from './signaling-client.ts';

export interface MetaRoom {
  server: TestServer;
  roomId: string;
  join(
    role: string,
    name?: string,
    userId?: string,
  ): Promise<{ client: TestSignalingClient; joined: any }>;
}

export function metaRooms() {
  const servers: TestServer[] = [];
  const clients: TestSignalingClient[] = [];
  async function open(env: Record<string, string> = {}, server?: TestServer): Promise<MetaRoom> {
    if (!server) {
      server = await startTestServer({
        env: { CONVENE_WORKERS: '1', CONVENE_DEMO_ROOM: 'false', ...env },
      });
      servers.push(server);
    }
    const live = server;
    const room = await live.api('POST', '/v2/rooms', {
      name: `meta-room-${Date.now()}-${clients.length}`,
    });
    const roomId = room.body.id as string;
    return {
      server: live,
      roomId,
      async join(role, name = role, userId = `user-${name}`) {
        const client = await TestSignalingClient.connect(live.url);
        clients.push(client);
        const token = await live.tokens.mint(live.workspaces[0]!.accessKey, 'app', {
          roomId,
          userId,
          role,
        });
        const joined = await client.ok('join', { token, name });
        return { client, joined };
      },
    };
  }
  async function closeAll() {
    for (const client of clients) client.close();
    await Promise.all(servers.map((server) => server.close()));
  }
  return { open, closeAll };
}

export function errorOf(reply: unknown): { code: string; message: string } {
  const message = reply as { ok: boolean; error?: { code: string; message: string } };
  if (message.ok !== false)
    throw new Error(`expected an error reply, got ${JSON.stringify(reply)}`);
  return message.error!;
}
