// Finds the mediasoup-worker binary: npm install here skips mediasoup's own worker build, and
// scripts/build-mediasoup-worker.sh caches one per mediasoup version outside the checkout.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

const BUILD_COMMAND = 'bash scripts/build-mediasoup-worker.sh';

/** Thrown when no runnable mediasoup-worker binary can be found. */
export class WorkerBinaryNotFoundError extends Error {
  readonly code = 'MEDIASOUP_WORKER_NOT_FOUND';
  override readonly name = 'WorkerBinaryNotFoundError';
}

/** Version of the installed mediasoup package, which keys the cached worker binary. */
export function installedMediasoupVersion(): string {
  const { version } = require('mediasoup/package.json') as { version: string };
  return version;
}

/** Where scripts/build-mediasoup-worker.sh puts the worker; keep the two in step. */
export function cachedWorkerBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  const cacheDir = env.CONVENE_CACHE_DIR || join(env.HOME || homedir(), '.cache', 'convene');
  return join(cacheDir, 'mediasoup-worker', installedMediasoupVersion(), 'mediasoup-worker');
}

/**
 * Returns the worker binary to use: MEDIASOUP_WORKER_BIN when it names an executable file,
 * otherwise the cached build for the installed mediasoup version.
 */
export function resolveWorkerBinary(env: NodeJS.ProcessEnv = process.env): string {
  // MEDIASOUP_WORKER_BIN may still hold the placeholder used to skip mediasoup's postinstall
  // build, so a value that is not an executable file falls through to the cache.
  const fromEnv = env.MEDIASOUP_WORKER_BIN;
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;

  const cached = cachedWorkerBinaryPath(env);
  if (isExecutableFile(cached)) return cached;

  const ignoredEnv = fromEnv ? ` (MEDIASOUP_WORKER_BIN=${fromEnv} is not an executable file)` : '';
  throw new WorkerBinaryNotFoundError(
    `mediasoup-worker ${installedMediasoupVersion()} not found at ${cached}${ignoredEnv}. ` +
      `Build it once with: ${BUILD_COMMAND}`,
  );
}

/**
 * Points MEDIASOUP_WORKER_BIN at the resolved worker and returns its path. Call it before
 * mediasoup is first imported (with a dynamic `await import('mediasoup')` afterwards, since
 * static imports run first): mediasoup 3.12's node/lib/Worker.js copies
 * process.env.MEDIASOUP_WORKER_BIN into its `workerBin` export once, at module load, falling back
 * to node_modules/mediasoup/worker/out/Release/mediasoup-worker, and every createWorker() spawns
 * that `workerBin`. Setting the variable after the import changes nothing, so this throws then.
 */
export function ensureWorkerBinaryEnv(): string {
  const workerBin = resolveWorkerBinary();
  process.env.MEDIASOUP_WORKER_BIN = workerBin;

  const loaded = require.cache[require.resolve('mediasoup')]?.exports as
    { workerBin?: string } | undefined;
  if (loaded && loaded.workerBin !== workerBin) {
    throw new Error(
      `mediasoup was imported before ensureWorkerBinaryEnv() and will spawn ${loaded.workerBin}. ` +
        'Call ensureWorkerBinaryEnv() first, then import mediasoup dynamically.',
    );
  }
  return workerBin;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
