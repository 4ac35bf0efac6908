// A live room's media pipeline: one hidden recorder (a headless Chromium composing the room, see
// src/pages/recorder-page.ts) publishing one picture and one mix, and an ffmpeg per output fed
// from it over plain RTP. The recorder starts with the first output and leaves with the last;
// a recorder that dies is replaced, and every output restarts on the new one (a gap, reported).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { TokenService } from '../auth/tokens.ts';
import type { LiveRoom } from '../rooms/live-room.ts';
import { RECORDER_ROLE } from '../rooms/recorder-role.ts';
import type { PlainRtpLeg } from '../sfu/plain-rtp.ts';
import { closeLegs } from '../sfu/plain-rtp.ts';
import { invalid } from '../../src/protocol/errors.ts';
import { FfmpegOutput } from './ffmpeg-output.ts';
import type { HlsPublications } from './hls-publications.ts';
import type { OutputSpec, Resolution, RoomPipelineApi } from './pipeline-types.ts';
import { RecorderBrowser } from './recorder-browser.ts';

/** How long a recorder gets to join and publish before the outputs waiting for it fail. */
const RECORDER_READY_MS = 30_000;

export interface RoomPipelineDeps {
  tokens: TokenService;
  /** Where the recorder's browser reaches this server (loopback). */
  origin: () => string;
  /** The picture the recorder composes; outputs scale it. */
  size: Resolution;
  hls: HlsPublications;
  log: FastifyBaseLogger;
}

export class RoomPipeline implements RoomPipelineApi {
  readonly #room: LiveRoom;
  readonly #deps: RoomPipelineDeps;
  readonly #outputs = new Set<FfmpegOutput>();
  #browser: RecorderBrowser | undefined;
  #recorderUserId: string | undefined;
  #closed = false;

  constructor(room: LiveRoom, deps: RoomPipelineDeps) {
    this.#room = room;
    this.#deps = deps;
  }

  get outputs(): ReadonlySet<FfmpegOutput> {
    return this.#outputs;
  }

  /** The recorder's browser process (for fault tests). */
  get browser(): RecorderBrowser | undefined {
    return this.#browser;
  }

  async startOutput(spec: OutputSpec): Promise<FfmpegOutput> {
    if (this.#closed || this.#room.closed) throw invalid('the room has closed', 'room_closed');
    const output = new FfmpegOutput(
      randomUUID(),
      spec,
      () => this.#legs(),
      this.#deps.log.child({ output: spec.kind }),
    );
    if (spec.kind === 'hls') {
      this.#deps.hls.open(spec.dir);
      output.addTimedMetadata = (payload, durationSeconds) =>
        this.#deps.hls.addMetadata(spec.dir, {
          id: randomUUID(),
          startDate: new Date().toISOString(),
          durationSeconds,
          payload,
        });
    }
    this.#outputs.add(output);
    output.once('ended', () => {
      if (spec.kind === 'hls') this.#deps.hls.end(spec.dir);
      this.#outputs.delete(output);
      if (this.#outputs.size === 0) this.#stopRecorder();
    });
    await this.#ensureRecorder();
    // ffmpeg starts once the recorder publishes; an output that cannot start ends as failed.
    output.start().catch((error: unknown) => output.fail((error as Error).message));
    return output;
  }

  /** Everything stops: the room closed. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#outputs].map((output) => output.stop()));
    this.#stopRecorder();
  }

  async #ensureRecorder(): Promise<void> {
    if (this.#browser) return;
    const browser = new RecorderBrowser(this.#deps.log.child({ module: 'recorder' }));
    this.#browser = browser;
    browser.on('exit', (reason) => {
      if (this.#browser !== browser) return;
      this.#browser = undefined;
      this.#recorderUserId = undefined;
      if (this.#closed || this.#outputs.size === 0) return;
      for (const output of this.#outputs) output.restartInput(reason);
      this.#ensureRecorder().catch((error: unknown) =>
        this.#deps.log.error({ err: error }, 'could not start another recorder'),
      );
    });
    const userId = `recorder-${randomUUID()}`;
    this.#recorderUserId = userId;
    this.#room.expectRecorder(userId, this.#deps.size);
    const token = await this.#deps.tokens.mint(this.#room.workspaceId, 'app', {
      roomId: this.#room.id,
      userId,
      role: RECORDER_ROLE,
      ttlSeconds: 3600,
    });
    // The room may have closed, or its outputs stopped, while the token was made.
    if (this.#closed || this.#browser !== browser) return;
    const { width, height } = this.#deps.size;
    const fragment = new URLSearchParams({ token, width: String(width), height: String(height) });
    await browser.launch(`${this.#deps.origin()}/internal/recorder#${fragment}`);
    if (this.#closed || this.#browser !== browser) browser.kill();
  }

  #stopRecorder(): void {
    const browser = this.#browser;
    this.#browser = undefined;
    if (this.#recorderUserId) this.#room.forgetRecorder(this.#recorderUserId);
    this.#recorderUserId = undefined;
    browser?.kill();
  }

  /** The current recorder's picture and mix, once it publishes both. */
  async #legs(): Promise<PlainRtpLeg[]> {
    const deadline = Date.now() + RECORDER_READY_MS;
    while (Date.now() < deadline) {
      if (this.#closed || this.#room.closed) throw new Error('the room closed');
      const producers = this.#recorderProducers();
      if (producers) {
        const legs: PlainRtpLeg[] = [];
        try {
          for (const id of producers) legs.push(await this.#room.media.consumeOverPlainRtp(id));
        } catch (error) {
          closeLegs(legs);
          throw error;
        }
        return legs;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the recorder did not publish within ${RECORDER_READY_MS / 1000} s`);
  }

  #recorderProducers(): [string, string] | undefined {
    const userId = this.#recorderUserId;
    if (!userId) return undefined;
    for (const peer of this.#room.peers.values()) {
      if (!peer.hidden || peer.userId !== userId) continue;
      const bySource = new Map(
        [...peer.media.producers.values()].map((producer) => [
          producer.appData.source,
          producer.id,
        ]),
      );
      const video = bySource.get('camera');
      const audio = bySource.get('microphone');
      if (video && audio) return [video, audio];
    }
    return undefined;
  }
}
