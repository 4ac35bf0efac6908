// What the streaming benches stand on: the pages built (the server's recorder page from src/,
// the bench's clock page), the clock page served, a server in this process (so a bench reaches
// the pipeline and the room), and one Chromium for the bench's pages. Everything is torn down
// by close(), or by the deadline whatever happens, outputs first (ffmpeg needs the room).
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { startTestServer, type TestServer } from '../test/support/test-server.ts';
import type { PipelineOutput, Resolution } from '../server/streaming/pipeline-types.ts';
import { buildPage } from './bundle-chunks.ts';
import { serveStaticFiles, type StaticFiles } from './static-files.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface StreamingBench {
  server: TestServer;
  /** The clock page (bench/hls-latency-page/), built and served. */
  files: StaticFiles;
  browser: Browser;
  /** Outputs the bench started itself: stopped before anything else at close. */
  outputs: Set<PipelineOutput>;
  close(): Promise<void>;
}

export async function openStreamingBench(
  name: string,
  options: { size: Resolution; deadlineMs: number },
): Promise<StreamingBench> {
  let server: TestServer | undefined;
  let files: StaticFiles | undefined;
  let browser: Browser | undefined;
  const outputs = new Set<PipelineOutput>();
  const cleanup = async () => {
    for (const output of outputs) await output.stop().catch(() => undefined);
    outputs.clear();
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await files?.close();
    files = undefined;
    const dataDir = server?.dataDir;
    await server?.close().catch(() => undefined);
    server = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = setTimeout(() => {
    console.error(`${name}: gave up after ${options.deadlineMs / 1000} s`);
    void cleanup().finally(() => process.exit(1));
  }, options.deadlineMs);
  deadline.unref();
  const close = async () => {
    clearTimeout(deadline);
    await cleanup();
  };
  try {
    // The server serves the recorder page from dist/: built here, so it is the one in src/.
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    const buildDir = path.join(ROOT, `.tmp/${name}-bench`);
    await buildPage(path.join(import.meta.dirname, 'hls-latency-page'), buildDir);
    files = await serveStaticFiles(buildDir);
    server = await startTestServer({
      env: {
        CONVENE_WORKERS: '1',
        CONVENE_DEMO_ROOM: 'false',
        CONVENE_RECORDER_WIDTH: String(options.size.width),
        CONVENE_RECORDER_HEIGHT: String(options.size.height),
      },
    });
    browser = await launchBrowser();
    return { server, files, browser, outputs, close };
  } catch (error) {
    await close();
    throw error;
  }
}
