// Chat fan-out: 200 signaling-only peers in one room (a role that publishes nothing, so each has
// only its receive transport), one of them sending; how long from a sendMessage until each of
// the others has the `message` notification, p50 and p99 over every (message, receiver) pair.
// Beside it, in the same run and interleaved round by round, a bare `ws` server fanning the
// same messages to as many sockets (chat-bare-server.ts): the floor. Each message is stored
// (SQLite) before it is delivered, which the floor does not do. Medians over the rounds. Both
// servers are child processes on 127.0.0.1; the peers share this process. Stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { generateWorkspaceKey } from '../server/auth/workspace-keys.ts';
import { TokenService } from '../server/auth/tokens.ts';
import { SIGNALING_PATH } from '../src/protocol/signaling.ts';
import { makeDataDir, startServerProcess } from '../test/support/test-server.ts';

const PEERS = Number(process.env.CHAT_PEERS ?? 200);
const ROUNDS = Number(process.env.CHAT_ROUNDS ?? 6);
const PER_ROUND = Number(process.env.CHAT_PER_ROUND ?? 60);
const DEADLINE_MS = 8 * 60_000;
const MESSAGE_TIMEOUT_MS = 10_000;
const JOIN_BATCH = 20;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const median = (values: number[]) => quantile(values, 0.5);

/** One socket speaking the signaling protocol's request and notification envelopes. */
class Peer {
  #nextId = 1;
  readonly #pending = new Map<number, (reply: any) => void>();
  /** Called with each `message` notification's text, at the moment it is parsed. */
  onMessage: (text: string, at: number) => void = () => undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const at = performance.now();
      const parsed = JSON.parse(raw.toString());
      if (parsed.notification === 'message') this.onMessage(parsed.data.message.message, at);
      else if (typeof parsed.id === 'number') {
        this.#pending.get(parsed.id)?.(parsed);
        this.#pending.delete(parsed.id);
      }
    });
  }

  static async open(url: string): Promise<Peer> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Peer(socket);
  }

  request(method: string, data: unknown): Promise<any> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.data)
          : reject(new Error(`${method}: ${JSON.stringify(reply.error)}`)),
      );
      this.socket.send(JSON.stringify({ id, method, data }));
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Sends PER_ROUND messages one after another; answers every send→receipt latency, in ms. */
async function round(sender: Peer, receivers: Peer[], tag: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < PER_ROUND; i++) {
    const text = `${tag}-${i}`;
    let left = receivers.length;
    let sentAt = 0;
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${text}: ${left} receivers never got it`)),
        MESSAGE_TIMEOUT_MS,
      );
      for (const receiver of receivers) {
        receiver.onMessage = (got, at) => {
          if (got !== text) return;
          latencies.push(at - sentAt);
          if (--left === 0) {
            clearTimeout(timer);
            resolve();
          }
        };
      }
    });
    sentAt = performance.now();
    await Promise.all([sender.request('sendMessage', { message: text }), all]);
  }
  return latencies;
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'chat-bare-server.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return { url: `ws://127.0.0.1:${port}`, child };
}

async function inBatches<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const opened: T[] = [];
  for (let i = 0; i < count; i += JOIN_BATCH) {
    const batch = Array.from({ length: Math.min(JOIN_BATCH, count - i) }, (_, j) => open(i + j));
    opened.push(...(await Promise.all(batch)));
  }
  return opened;
}

export async function runChatBench(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`chat: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const workspaces = [generateWorkspaceKey()];
  const tokens = new TokenService(workspaces);
  const server = await startServerProcess({
    dataDir: makeDataDir(),
    workspaces,
    env: {
      CONVENE_WORKERS: '1',
      CONVENE_DEMO_ROOM: 'false',
      LOG_LEVEL: 'info',
      // Every socket comes from 127.0.0.1, and one sender sends far faster than a person.
      CONVENE_MAX_SOCKETS_PER_ADDRESS: '0',
      CONVENE_FAILED_JOINS_PER_MINUTE: '0',
      CONVENE_SIGNALING_RATE: '0',
      CONVENE_SIGNALING_FANOUT_RATE: '0',
    },
  });
  const bare = await startBare();
  const peers: Peer[] = [];
  try {
    const management = await tokens.mint(workspaces[0]!.accessKey, 'management');
    const api = async (method: string, route: string, body: unknown) => {
      const response = await fetch(server.url + route, {
        method,
        headers: { authorization: `Bearer ${management}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<any>;
    };
    const room = await api('POST', '/v2/rooms', { name: `chat-bench-${Date.now()}` });
    await api('POST', `/v2/templates/${room.template_id}/roles/listener`, {
      publishParams: { allowed: [] },
      subscribeParams: { subscribeToRoles: [] },
    });
    const signalingUrl = `${server.url.replace(/^http/, 'ws')}${SIGNALING_PATH}?v=1`;
    const ours = await inBatches(PEERS, async (i) => {
      const peer = await Peer.open(signalingUrl);
      peers.push(peer);
      const token = await tokens.mint(workspaces[0]!.accessKey, 'app', {
        roomId: room.id,
        userId: `peer-${i}`,
        role: 'listener',
      });
      await peer.request('join', { token });
      return peer;
    });
    const floor = await inBatches(PEERS, async () => {
      const peer = await Peer.open(bare.url);
      peers.push(peer);
      return peer;
    });
    console.log(
      `${PEERS} peers in one room, one sender, ${ROUNDS} rounds of ${PER_ROUND} messages each`,
    );

    const oursP50: number[] = [];
    const oursP99: number[] = [];
    const bareP50: number[] = [];
    const bareP99: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Interleaved, and the order alternates, so neither always runs on a warmer machine.
      const runs: [string, Peer[], number[], number[]][] = [
        ['ours', ours, oursP50, oursP99],
        ['bare', floor, bareP50, bareP99],
      ];
      if (r % 2 === 1) runs.reverse();
      for (const [tag, [sender, ...receivers], p50s, p99s] of runs) {
        const latencies = await round(sender!, receivers, `${tag}-${r}`);
        p50s.push(quantile(latencies, 0.5));
        p99s.push(quantile(latencies, 0.99));
      }
      console.log(
        `round ${r + 1}: convene p50 ${oursP50[r]!.toFixed(2)} ms p99 ${oursP99[r]!.toFixed(2)} ms; ` +
          `bare-ws p50 ${bareP50[r]!.toFixed(2)} ms p99 ${bareP99[r]!.toFixed(2)} ms`,
      );
    }
    const ourP99 = median(oursP99);
    const floorP99 = median(bareP99);
    console.log(
      `medians: convene p50 ${median(oursP50).toFixed(2)} ms, bare-ws p50 ${median(bareP50).toFixed(2)} ms`,
    );
    console.log(
      `chat: ${ourP99.toFixed(2)} ms p99 (anchor bare-ws: ${floorP99.toFixed(2)} ms p99, ratio ${(ourP99 / floorP99).toFixed(2)})`,
    );
  } finally {
    for (const peer of peers) peer.close();
    bare.child.kill('SIGKILL');
    await server.stop();
  }
}
