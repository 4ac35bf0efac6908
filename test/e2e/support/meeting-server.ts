// A real Convene server process for end-to-end tests, with a room and its room codes.
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openMeeting } from './browser.ts';
import type { WorkspaceKey } from '../../../server/auth/workspace-keys.ts';
import { generateWorkspaceKey } from '../../../server/auth/workspace-keys.ts';
import { TokenService } from '../../../server/auth/tokens.ts';
import { makeDataDir, startServerProcess, type ServerProcess } from '../../support/test-server.ts';

export interface MeetingServer {
  process: ServerProcess;
  url: string;
  dataDir: string;
  workspace: WorkspaceKey;
  api(method: string, path: string, body?: unknown): Promise<any>;
  /**
   * Creates a room and returns its room codes by role. With `roles`, the room gets a template of
   * its own with those roles (what each leaves out takes the defaults), so a test that tunes a
   * role does not change the rooms of the tests after it.
   */
  createRoom(
    name: string,
    roles?: Record<string, unknown>,
  ): Promise<{ id: string; templateId: string; codes: Record<string, string> }>;
  meetingLink(code: string, name: string, extra?: string): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMeetingServer(env: Record<string, string> = {}): Promise<MeetingServer> {
  const dataDir = makeDataDir();
  const workspace = generateWorkspaceKey();
  const tokens = new TokenService([workspace]);
  // A fixed port, so pages that lose the server find it again at the same address after a restart.
  let proc = await startServerProcess({
    dataDir,
    workspaces: [workspace],
    env: { CONVENE_DEMO_ROOM: 'false', ...env },
  });
  const server: MeetingServer = {
    process: proc,
    url: proc.url,
    dataDir,
    workspace,
    async api(method, path, body) {
      const token = await tokens.mint(workspace.accessKey, 'management');
      const response = await fetch(server.url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await response.json();
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
    async createRoom(name, roles) {
      const template = roles
        ? await server.api('POST', '/v2/templates', { name: `${name}-template`, roles })
        : undefined;
      const room = await server.api('POST', '/v2/rooms', {
        name,
        ...(template ? { template_id: template.id } : {}),
      });
      const { data } = await server.api('POST', `/v2/room-codes/room/${room.id}`);
      const codes = Object.fromEntries(
        (data as { role: string; code: string }[]).map((c) => [c.role, c.code]),
      );
      return { id: room.id, templateId: room.template_id, codes };
    },
    meetingLink(code, name, extra = '') {
      return `${server.url}/meeting/${code}?name=${encodeURIComponent(name)}&skip_preview=true${extra}`;
    },
    async restart() {
      await proc.stop('SIGKILL');
      const port = new URL(server.url).port;
      proc = await startServerProcess({
        dataDir,
        env: { CONVENE_DEMO_ROOM: 'false', ...env, PORT: port },
      });
      server.process = proc;
    },
    async stop() {
      await proc.stop();
    },
  };
  return server;
}

export interface MeetingFixture {
  server: MeetingServer;
  browser: Browser;
}

/** Starts a meeting server and a browser before the file's tests and stops both after them. */
export function useMeetingFixture(env: Record<string, string> = {}): MeetingFixture {
  const fixture = {} as MeetingFixture;
  before(async () => {
    fixture.server = await startMeetingServer(env);
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

export interface TwoPeople {
  room: { id: string; templateId: string; codes: Record<string, string> };
  /** Joined as host through the room's meeting link. */
  ada: Page;
  /** Joined as guest. */
  bob: Page;
}

/** Opens room `name` for Ada (host) and Bob (guest), runs `body`, and closes both pages. */
export async function withAdaAndBob(
  fixture: MeetingFixture,
  name: string,
  body: (people: TwoPeople) => Promise<void>,
): Promise<void> {
  const room = await fixture.server.createRoom(name);
  const ada = await openMeeting(
    fixture.browser,
    fixture.server.meetingLink(room.codes.host!, 'Ada'),
  );
  const bob = await openMeeting(
    fixture.browser,
    fixture.server.meetingLink(room.codes.guest!, 'Bob'),
  );
  try {
    await body({ room, ada, bob });
  } finally {
    await ada.context().close();
    await bob.context().close();
  }
}
