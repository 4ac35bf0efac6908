// The recorder's browser: Debian's Chromium, headless, opening the recorder page of a room with
// a one-time token. Its console says how the page is doing (recorder-page.ts); an exit while it
// is wanted is reported to the pipeline, which starts another.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { CHROMIUM_PATH, FULL_RATE_FLAGS, HEADLESS_CHROMIUM_FLAGS } from './chromium-flags.mjs';

const FLAGS = [
  '--headless=new',
  ...HEADLESS_CHROMIUM_FLAGS,
  '--mute-audio',
  '--autoplay-policy=no-user-gesture-required',
  // The recorder's page is never seen.
  ...FULL_RATE_FLAGS,
  // Its console, on stderr, says how the page is doing.
  '--enable-logging=stderr',
  '--v=0',
];

export class RecorderBrowser extends EventEmitter<{ exit: [string]; state: [string] }> {
  #child: ChildProcess | undefined;
  #profile: string | undefined;
  #stopping = false;

  constructor(private readonly log: FastifyBaseLogger) {
    super();
  }

  async launch(url: string): Promise<void> {
    this.#profile = await mkdtemp(path.join(os.tmpdir(), 'convene-recorder-'));
    if (this.#stopping) return this.#cleanProfile();
    // With a DevTools pipe on fds 3 and 4, Chromium exits when this process does, however it
    // ends (a killed server leaves no recorder behind); nothing is ever sent on it.
    const child = spawn(
      CHROMIUM_PATH,
      [...FLAGS, '--remote-debugging-pipe', `--user-data-dir=${this.#profile}`, url],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    this.#child = child;
    let tail = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const match of chunk.matchAll(/convene-recorder ([^"\n]*)/g)) {
        this.emit('state', match[1]!);
      }
    });
    child.once('error', (error) => this.log.error({ err: error }, 'could not start Chromium'));
    child.once('exit', (code, signal) => {
      this.#child = undefined;
      this.#cleanProfile().catch(() => undefined);
      if (this.#stopping) return;
      const reason = `the recorder's browser exited (${signal ?? `code ${code}`})`;
      this.log.warn({ tail: tail.slice(-1000) }, reason);
      this.emit('exit', reason);
    });
  }

  /** Kills the browser (a test's crash, or the pipeline's end) without reporting it when stopping. */
  kill(stopping = true): void {
    this.#stopping = stopping;
    this.#child?.kill('SIGKILL');
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  async #cleanProfile(): Promise<void> {
    const profile = this.#profile;
    this.#profile = undefined;
    if (profile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}
