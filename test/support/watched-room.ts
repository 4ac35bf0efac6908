// A Convene server in a child process, with one room watched by two legitimate peers, for tests
// that throw hostile traffic at the signaling socket. The child process is the point: a request
// that crashes the server kills the child only, and the test reports the crash with the server's
// last words instead of dying with it. The sentinel (a host publishing a microphone and a camera)
// and the watcher (a guest receiving them) must stay answered and in the room all along.
import assert from 'node:assert/strict';
import { generateWorkspaceKey } from '../../server/auth/workspace-keys.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { makeDataDir, startServerProcess, waitFor, type ServerProcess } from './test-server.ts';
import { FuzzSocket, type RoomFacts } from './fuzz-socket.ts';
import { rtpParametersFor } from './signaling-arbitraries.ts';

/** The roles of the default template, each with a token for this room. */
const ROLES = ['host', 'guest', 'hls-viewer'];

export class WatchedRoom {
  readonly #server: ServerProcess;
  readonly #tokens: TokenService;
  readonly #accessKey: string;
  readonly roomId: string;
  readonly facts: RoomFacts;
  readonly sentinel: FuzzSocket;
  readonly watcher: FuzzSocket;

  private constructor(fields: {
    server: ServerProcess;
    tokens: TokenService;
    accessKey: string;
    roomId: string;
    facts: RoomFacts;
    sentinel: FuzzSocket;
    watcher: FuzzSocket;
  }) {
    this.#server = fields.server;
    this.#tokens = fields.tokens;
    this.#accessKey = fields.accessKey;
    this.roomId = fields.roomId;
    this.facts = fields.facts;
    this.sentinel = fields.sentinel;
    this.watcher = fields.watcher;
  }

  static async start(): Promise<WatchedRoom> {
    const workspace = generateWorkspaceKey();
    const server = await startServerProcess({
      dataDir: makeDataDir(),
      workspaces: [workspace],
      env: {
        CONVENE_WORKERS: '1',
        CONVENE_DEMO_ROOM: 'false',
        CONVENE_RECONNECT_GRACE_MS: '1000',
        // Hostile tokens are the point here: counting their failed joins against the address
        // would lock the legitimate peers (same address) out. signaling-limits.test.ts proves
        // that limit; the message rates stay on, and a rate_limited answer is always correct.
        CONVENE_FAILED_JOINS_PER_MINUTE: '0',
        CONVENE_MAX_FAILED_JOINS_PER_SOCKET: '0',
        // The media worker's own complaints (a request it discards, say) reach the output too.
        DEBUG: 'mediasoup:ERROR*',
      },
    });
    const tokens = new TokenService([workspace]);
    const management = await tokens.mint(workspace.accessKey, 'management');
    const created = await fetch(`${server.url}/v2/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${management}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `fuzz-${Date.now()}` }),
    });
    assert.equal(created.status, 200, await created.clone().text());
    const { id: roomId, template_id: templateId } = (await created.json()) as {
      id: string;
      template_id: string;
    };
    // Fuzzed hosts may do everything but harm the legitimate peers: muting, re-roling, removing
    // them or ending the room is what those permissions are for (test/server/room-actions.test.ts
    // proves them), and would only make this room's health checks fail. Asking to unmute stays.
    const restricted = await fetch(`${server.url}/v2/templates/${templateId}/roles/host`, {
      method: 'POST',
      headers: { authorization: `Bearer ${management}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        permissions: { mute: false, changeRole: false, removeOthers: false, endRoom: false },
      }),
    });
    assert.equal(restricted.status, 200, await restricted.clone().text());
    const mint = (role: string, userId: string) =>
      tokens.mint(workspace.accessKey, 'app', { roomId, userId, role });
    const diagnose = serverDiagnosis(server, 0);

    const sentinel = await FuzzSocket.connect(server.url, diagnose);
    const joined = await sentinel.ok('join', { token: await mint('host', 'sentinel') });
    const caps = joined.routerRtpCapabilities;
    await sentinel.ok('setRtpCapabilities', { rtpCapabilities: caps });
    const produce = (source: string, kind: 'audio' | 'video', ssrc: number) =>
      sentinel.ok('produce', {
        transportId: joined.transports.send.id,
        source,
        kind,
        rtpParameters: rtpParametersFor(kind, ssrc),
      });
    const mic = await produce('microphone', 'audio', 1001);
    const camera = await produce('camera', 'video', 1002);
    const watcher = await FuzzSocket.connect(server.url, diagnose);
    const watching = await watcher.ok('join', {
      token: await mint('guest', 'watcher'),
      rtpCapabilities: caps,
    });
    await waitFor(() => watcher.consumers.length >= 2, { what: "the watcher's two consumers" });

    const roleTokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await mint(role, `fuzz-${role}`)])),
    );
    return new WatchedRoom({
      server,
      tokens,
      accessKey: workspace.accessKey,
      roomId,
      facts: {
        tokens: roleTokens,
        routerRtpCapabilities: caps,
        otherPeerIds: [joined.self.id, watching.self.id],
        otherProducerIds: [mic.producerId, camera.producerId],
      },
      sentinel,
      watcher,
    });
  }

  get url(): string {
    return this.#server.url;
  }

  get alive(): boolean {
    return this.#server.child.exitCode === null && this.#server.child.signalCode === null;
  }

  mint(claims: { role: string; userId: string; roomId?: string }): Promise<string> {
    return this.#tokens.mint(this.#accessKey, 'app', { roomId: this.roomId, ...claims });
  }

  /** A socket whose failures carry what the server logged since it opened. */
  connect(): Promise<FuzzSocket> {
    const diagnose = serverDiagnosis(this.#server, this.#server.output().length);
    return FuzzSocket.connect(this.url, diagnose, this.facts);
  }

  /**
   * A peer in the room as `role`, its Device's capabilities declared in the join, holding the
   * consumers of the sentinel's microphone and camera.
   */
  async joinPeer(role = 'host'): Promise<FuzzSocket> {
    const socket = await this.connect();
    await socket.ok('join', {
      token: this.facts.tokens[role],
      rtpCapabilities: this.facts.routerRtpCapabilities,
    });
    if (role !== 'hls-viewer') {
      await waitFor(() => socket.consumers.length >= 2, { what: `the ${role}'s consumers` });
    }
    return socket;
  }

  /** Cheap enough for every run: the process, its HTTP side, and the two legitimate peers. */
  async assertUp(): Promise<void> {
    if (!this.alive) assert.fail(await serverDiagnosis(this.#server, 0)());
    const health = await fetch(`${this.url}/health`).catch((error: unknown) => error);
    assert.ok(
      health instanceof Response && health.status === 200,
      `GET /health failed: ${health instanceof Response ? health.status : String(health)}`,
    );
    await this.sentinel.ok('ping');
    await this.watcher.ok('ping');
    const legit = new Set(this.facts.otherPeerIds);
    for (const socket of [this.sentinel, this.watcher]) {
      const bad = socket.client.notifications.find(
        (n) =>
          n.notification === 'removed' ||
          (n.notification === 'peerLeft' && legit.has((n.data as { peerId: string }).peerId)),
      );
      if (bad) await socket.fail(`a legitimate peer was told ${JSON.stringify(bad)}`, 'the run');
    }
  }

  /** Also the media worker: a newcomer can still join and get a transport made. */
  async assertServing(): Promise<void> {
    await this.assertUp();
    const newcomer = await this.connect();
    await newcomer.ok('join', { token: await this.mint({ role: 'guest', userId: 'newcomer' }) });
    await newcomer.ok('createTransport', { direction: 'recv' });
    await newcomer.finish();
  }

  async stop(): Promise<void> {
    this.sentinel.client.close();
    this.watcher.client.close();
    await this.#server.stop();
  }
}

/**
 * What a failure message needs from the server: whether it still runs, and the warnings and
 * errors it logged since `offset` (with the top of their stacks), or its last output if it died.
 */
function serverDiagnosis(server: ServerProcess, offset: number): () => Promise<string> {
  const exited = () => server.child.exitCode !== null || server.child.signalCode !== null;
  return async () => {
    // Its log and its exit travel apart from the socket: give them a moment to arrive.
    const now = server.output().length;
    await waitFor(() => exited() || loggedProblems(server.output().slice(now)).length > 0, {
      timeoutMs: 1_000,
    }).catch(() => undefined);
    if (exited()) {
      const { exitCode, signalCode } = server.child;
      return `  THE SERVER PROCESS EXITED (code ${exitCode}, signal ${signalCode}); its last output:\n${server.output().slice(-3000)}`;
    }
    const problems = loggedProblems(server.output().slice(offset)).slice(-6);
    return problems.length > 0
      ? `  the server logged:\n${problems.join('\n')}`
      : '  the server logged no warning or error';
  };
}

function loggedProblems(output: string): string[] {
  const problems: string[] = [];
  for (const line of output.split('\n')) {
    if (line.includes('mediasoup:ERROR')) {
      problems.push(`    ${line.replace(/^\S+ /, '').slice(0, 400)}`);
      continue;
    }
    let entry: {
      level?: number;
      msg?: string;
      method?: string;
      err?: { type?: string; message?: string; stack?: string };
    };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if ((entry.level ?? 0) < 40) continue;
    const where = (entry.err?.stack?.split('\n').slice(1, 4) ?? [])
      .map((line) => `      | ${line.trim()}`)
      .join('\n');
    problems.push(
      `    ${entry.msg}${entry.method ? ` (${entry.method})` : ''}: ${entry.err?.type ?? ''} ${entry.err?.message ?? ''}\n${where}`,
    );
  }
  return problems;
}
