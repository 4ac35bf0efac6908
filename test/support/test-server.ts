// Starts real Convene servers for tests: in-process (buildApp on port 0) or as a child process
// (for restarts and kill -9). Each gets its own data folder and fresh workspace keys, so tests
// never see each other's data, on SQLite and on a shared PostgreSQL (DATABASE_URL) alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import {
  generateWorkspaceKey,
  writeKeyFile,
  type WorkspaceKey,
} from '../../server/auth/workspace-keys.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import type { HostResolver } from '../../server/webhooks/delivery-client.ts';
import type { PipelineProvider } from '../../server/streaming/pipeline-types.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'convene-test-'));
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  workspaces: WorkspaceKey[];
  /** Mints tokens for the test's workspaces (index 0 is the default one). */
  tokens: TokenService;
  managementToken(workspace?: number): Promise<string>;
  /** fetch() against the server with a management token of workspace 0 and JSON bodies. */
  api(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    env?: Record<string, string>;
    workspaces?: WorkspaceKey[];
    dataDir?: string;
    /** Resolves webhook endpoint host names, so a test can point a name at 127.0.0.1. */
    resolveHost?: HostResolver;
    /** Where streams find a room's media pipeline (none: every start is a 404, no session). */
    pipelines?: PipelineProvider;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const workspaces = options.workspaces ?? [generateWorkspaceKey(), generateWorkspaceKey()];
  const config = loadConfig({
    CONVENE_DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL,
    PORT: '0',
    ...options.env,
  });
  const app = await buildApp({
    config,
    workspaces,
    logger: false,
    resolveHost: options.resolveHost,
    pipelines: options.pipelines,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const tokens = new TokenService(workspaces);
  const managementToken = (workspace = 0) =>
    tokens.mint(workspaces[workspace]!.accessKey, 'management');
  const defaultToken = await managementToken();
  return {
    app,
    url,
    dataDir,
    workspaces,
    tokens,
    managementToken,
    async api(method, path, body, token = defaultToken) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
    },
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process logged so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `server/main.ts` as a real process with the given data folder and keys. */
export async function startServerProcess(options: {
  dataDir: string;
  workspaces?: WorkspaceKey[];
  env?: Record<string, string>;
  /** How long it may take to listen (a loaded machine starts slowly). */
  startTimeoutMs?: number;
}): Promise<ServerProcess> {
  if (options.workspaces) writeKeyFile(options.dataDir, options.workspaces);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CONVENE_DATA_DIR: options.dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Killed, so a server that never got ready neither holds the test's process open nor
      // lingers on after it.
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, options.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)","msg":"Convene is listening"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
