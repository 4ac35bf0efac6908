// One output (HLS, an MP4, RTMP) as an ffmpeg process fed the recorder's picture and sound over
// plain RTP. ffmpeg that dies while wanted is started again on fresh legs, and the stretch lost
// is reported as a gap; a run of quick deaths fails the output. Stopping asks ffmpeg to finish
// (SIGINT: it closes the playlist, the last MP4 fragment) before the output says it ended.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { writeFile, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { closeLegs, sdpOf, startLegs, type PlainRtpLeg } from '../sfu/plain-rtp.ts';
import { ffmpegArgs } from './ffmpeg-args.ts';
import { joinRecordingParts } from './recording-parts.ts';
import type { OutputEvents, OutputGap, OutputSpec, PipelineOutput } from './pipeline-types.ts';

const FFMPEG = process.env.CONVENE_FFMPEG || '/usr/bin/ffmpeg';
/** More deaths than this within a minute and the output fails instead of restarting again. */
const MAX_RESTARTS_PER_MINUTE = 5;
const STOP_GRACE_MS = 10_000;

/** Makes the legs of a run: consumers of the recorder's current producers. */
export type LegSource = () => Promise<PlainRtpLeg[]>;
/** ffmpeg's command line for a run (the compose-cost bench gives its own). */
export type FfmpegCommand = (spec: OutputSpec, sdpFile: string, run: number) => string[];

/** A file path (not a URL's): each folder of it, up to the file's own name. */
const FILE_PATH = /(?<![\w:/])\/(?:[^\s/'"]+\/)+/g;

/**
 * What an output says about a failure where people see it (the REST object, every peer of the
 * room): ffmpeg's words, with each RTMP URL named by its position (its stream key is a secret)
 * and each file path cut to its file's name (the server's folders are nobody else's business).
 */
export function publicReason(text: string, rtmpUrls: readonly string[] = []): string {
  return nameRtmpUrls(text, rtmpUrls).replace(FILE_PATH, '…/');
}

/** RTMP URLs carry their stream key, a secret: logs and reasons name them by position. */
function nameRtmpUrls(text: string, rtmpUrls: readonly string[]): string {
  return rtmpUrls.reduce(
    (redacted, url, index) => redacted.replaceAll(url, `rtmp_urls[${index}]`),
    text,
  );
}

export class FfmpegOutput extends EventEmitter<OutputEvents> implements PipelineOutput {
  readonly #legSource: LegSource;
  readonly #command: FfmpegCommand;
  readonly #log: FastifyBaseLogger;
  readonly #gaps: OutputGap[] = [];
  readonly #deaths: number[] = [];
  readonly #failedUrls = new Set<string>();
  #child: ChildProcess | undefined;
  #legs: PlainRtpLeg[] = [];
  #run = -1;
  #stopping = false;
  #ended = false;
  #running = false;
  #gapFrom: { at: string; reason: string } | undefined;
  /** Set by the pipeline for HLS outputs: metadata goes into the playlists, not to ffmpeg. */
  addTimedMetadata?: (payload: string, durationSeconds: number) => void;

  constructor(
    readonly id: string,
    readonly spec: OutputSpec,
    legSource: LegSource,
    log: FastifyBaseLogger,
    command: FfmpegCommand = ffmpegArgs,
  ) {
    super();
    this.#legSource = legSource;
    this.#command = command;
    this.#log = log;
  }

  /** How many times ffmpeg was started (1 + restarts). */
  get runs(): number {
    return this.#run + 1;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  async start(): Promise<void> {
    if (this.spec.kind === 'hls') {
      for (let i = 0; i < 2; i++)
        await mkdir(path.join(this.spec.dir, String(i)), { recursive: true });
    } else {
      const file = this.#recordingFile();
      if (file) await mkdir(path.dirname(file), { recursive: true });
    }
    await this.#launch();
  }

  /** The recorder was replaced: its old producers are gone, so start ffmpeg on the new ones. */
  restartInput(reason: string): void {
    if (this.#stopping || this.#ended) return;
    this.#gapFrom ??= { at: new Date().toISOString(), reason };
    this.#child?.kill('SIGINT');
  }

  async #launch(): Promise<void> {
    this.#run++;
    const run = this.#run;
    const legs = await this.#legSource();
    this.#legs = legs;
    const sdpFile = path.join(os.tmpdir(), `convene-${this.id}-r${run}.sdp`);
    await writeFile(sdpFile, sdpOf(legs));
    const child = spawn(FFMPEG, this.#command(this.spec, sdpFile, run), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    let stderrTail = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
      this.#noticeFailedDestinations(chunk);
    });
    let progressed = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const match = /out_time_us=(\d+)/.exec(chunk);
      if (progressed || !match || Number(match[1]) <= 0) return;
      progressed = true;
      this.#firstMedia();
    });
    child.once('exit', (code, signal) => {
      rm(sdpFile, { force: true }).catch(() => undefined);
      closeLegs(legs);
      if (this.#child === child) this.#child = undefined;
      this.#exited(code, signal, stderrTail).catch((error: unknown) =>
        this.#log.error({ err: error }, 'could not handle ffmpeg exiting'),
      );
    });
    // What is sent before ffmpeg listens is lost, the first key frame with it: so the media
    // flows at once, and key frames are asked for until ffmpeg decodes (it gives no other sign
    // of listening).
    await startLegs(legs).catch(() => undefined);
    const keyFrames = setInterval(() => {
      if (progressed || this.#child !== child) return clearInterval(keyFrames);
      for (const leg of legs)
        if (leg.kind === 'video') leg.consumer.requestKeyFrame().catch(() => {});
    }, 500);
  }

  #firstMedia(): void {
    if (!this.#running) {
      this.#running = true;
      this.emit('running');
      return;
    }
    const from = this.#gapFrom;
    this.#gapFrom = undefined;
    if (!from) return;
    const gap = { from: from.at, to: new Date().toISOString(), reason: from.reason };
    this.#gaps.push(gap);
    this.emit('restarted', gap);
  }

  #noticeFailedDestinations(chunk: string): void {
    if (this.spec.kind !== 'rtmp') return;
    for (const url of this.spec.urls) {
      if (this.#failedUrls.has(url) || !chunk.includes(url)) continue;
      if (!/fail|error|refused|timed out|not found/i.test(chunk)) continue;
      this.#failedUrls.add(url);
      const line = chunk.split('\n').find((text) => text.includes(url)) ?? 'failed';
      const reason = this.#publicReason(line.trim()).slice(0, 300);
      this.emit('destinationFailed', { url, reason });
      // With every URL gone, ffmpeg would go on encoding for nobody.
      if (this.#failedUrls.size === this.spec.urls.length)
        this.#end(`every RTMP URL failed: ${reason}`).catch((error: unknown) =>
          this.#log.error({ err: error }, 'could not end an output'),
        );
    }
  }

  get #rtmpUrls(): readonly string[] {
    return this.spec.kind === 'rtmp' ? this.spec.urls : [];
  }

  /** For the logs: the whole text, stream keys named by position. */
  #redact(text: string): string {
    return nameRtmpUrls(text, this.#rtmpUrls);
  }

  #publicReason(text: string): string {
    return publicReason(text, this.#rtmpUrls);
  }

  async #exited(code: number | null, signal: NodeJS.Signals | null, stderrTail: string) {
    if (this.#stopping) return;
    const reason = `ffmpeg exited (${signal ?? `code ${code}`})`;
    this.#log.warn({ output: this.id, tail: this.#redact(stderrTail.slice(-800)) }, reason);
    this.#gapFrom ??= { at: new Date().toISOString(), reason };
    const now = Date.now();
    this.#deaths.push(now);
    while (this.#deaths[0]! < now - 60_000) this.#deaths.shift();
    const lastLine = this.#publicReason(stderrTail.trim().split('\n').at(-1) ?? '');
    if (this.#deaths.length > MAX_RESTARTS_PER_MINUTE) {
      await this.#end(`ffmpeg kept failing: ${lastLine}`.slice(0, 500));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * this.#deaths.length));
    if (this.#stopping || this.#ended) return;
    await this.#launch().catch(async (error: unknown) => {
      await this.#end(`could not restart ffmpeg: ${(error as Error).message}`);
    });
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const child = this.#child;
    // A child killed by a signal keeps exitCode null: only one with neither is still running.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    closeLegs(this.#legs);
    await this.#end(undefined);
  }

  /** The output could not start at all (no recorder came): it ends as failed. */
  fail(reason: string): void {
    this.#end(reason).catch((error: unknown) =>
      this.#log.error({ err: error }, 'could not end an output'),
    );
  }

  /** Kills ffmpeg as a crash would (tests, and the fault the restart exists for). */
  crash(): void {
    this.#child?.kill('SIGKILL');
  }

  /** The MP4 this output writes in parts: a recording's, or an RTMP stream's recording. */
  #recordingFile(): string | undefined {
    if (this.spec.kind === 'recording') return this.spec.file;
    if (this.spec.kind === 'rtmp') return this.spec.recordFile;
    return undefined;
  }

  async #end(failed: string | undefined): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#stopping = true;
    this.#child?.kill('SIGKILL');
    const file = this.#recordingFile();
    if (file) {
      await joinRecordingParts(file, this.runs).catch((error: unknown) =>
        this.#log.error({ err: error }, 'could not join the recording parts'),
      );
    }
    // Whatever the cause (ffmpeg's last words, an error starting it), said as people may see it.
    const reason = failed && this.#publicReason(failed);
    this.emit('ended', { ...(reason ? { failed: reason } : {}), gaps: [...this.#gaps] });
  }
}
