// HLS glass to glass: a publisher page (bench/hls-latency-page/) joins a room with a canvas
// camera that draws Date.now() as a block code, and an oscillator as its microphone. OURS: the
// room's pipeline (the recorder's Chromium composing the room, ffmpeg writing the two-rendition
// HLS) is started as the live-stream lifecycle starts it, and a viewer page plays its master
// playlist with hls.js, reading the clock back from every presented frame. ANCHOR ffmpeg-direct:
// ffmpeg with the same HLS arguments fed the publisher's own camera and microphone over plain
// RTP (the recorder hop skipped), served by the same playlist routes, played by a second viewer.
// Both run at once and are sampled over the same minute; the ratio is the cost of composing.
// Also the pipeline's CPU (recorder Chromium tree + our ffmpeg) per published peer. The server
// runs in this process (startTestServer) so the bench can reach the pipeline and the room.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openMeeting } from '../test/e2e/support/browser.ts';
import { openStreamingBench } from './streaming-bench.ts';
import { FfmpegOutput } from '../server/streaming/ffmpeg-output.ts';
import { hlsDir, hlsPlaybackPath } from '../server/streaming/hls-publications.ts';
import type { RoomPipeline } from '../server/streaming/room-pipeline.ts';
import { closeLegs, type PlainRtpLeg } from '../server/sfu/plain-rtp.ts';
import { percentile } from './stats.ts';
import { LOW_LATENCY_CONFIG } from '../src/elements/convene-hls-player/convene-hls-player.ts';
import { treeCpuSeconds } from './process-cpu.ts';
import { segmentAges } from './segment-age.ts';
import {
  publisherProducers,
  running,
  STEP_TIMEOUT_MS,
  waitUntil,
  within,
} from './pipeline-steps.ts';
import type { LatencySample, ViewerStatus } from './hls-latency-page/latency-bench-api.ts';

/** The players' settings: <convene-hls-player>'s own, hls.js's low-latency mode near the edge. */
const HLS_CONFIG = {
  ...LOW_LATENCY_CONFIG,
  // Tuning: HLS_LATENCY_CONFIG='{"liveSyncDuration":0.5}' overrides them for one run.
  ...(JSON.parse(process.env.HLS_LATENCY_CONFIG ?? '{}') as Record<string, unknown>),
};
/** After both play, let hls.js settle at its sync point before sampling. */
const SETTLE_MS = 10_000;
const SAMPLE_MS = 60_000;
/** Everything is torn down and the process fails past this, whatever happens. */
const DEADLINE_MS = 5 * 60_000;
const SIZE = { width: 640, height: 360 };

const ms = (value: number) => `${Math.round(value)} ms`;

function spread(samples: LatencySample[]) {
  const values = samples.map((s) => s.latency);
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

export async function runHlsLatencyBench(): Promise<void> {
  const bench = await openStreamingBench('hls-latency', { size: SIZE, deadlineMs: DEADLINE_MS });
  const { server, files, browser, outputs } = bench;
  try {
    const { app } = server;
    const workspaceId = server.workspaces[0]!.accessKey;
    const created = await server.api('POST', '/v2/rooms', { name: 'hls-latency-bench' });
    if (created.status !== 200) throw new Error(`POST /v2/rooms: ${created.status}`);
    const roomId = (created.body as { id: string }).id;

    const open = async (role: string) => {
      const page = await openMeeting(browser, files.url, { viewport: SIZE });
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.on('console', (message) => {
        if (message.type() === 'error') console.error(`[${role}] ${message.text()}`);
      });
      await page.waitForFunction(() => window.hlsLatency !== undefined);
      return page;
    };

    const publisher = await open('publisher');
    const selfError = await publisher.evaluate(() => window.hlsLatency.selfTest());
    if (selfError !== 0) throw new Error(`hls-latency: the clock code reads back ${selfError}`);
    const userId = 'publisher';
    const token = await server.tokens.mint(workspaceId, 'app', { roomId, userId, role: 'host' });
    await publisher.evaluate(([url, t]) => window.hlsLatency.publish(url, t, 'Clock'), [
      server.url,
      token,
    ] as const);
    const room = await waitUntil(() => app.liveRooms.get(roomId), 'live room');
    const { camera: cameraId, microphone: microphoneId } = await waitUntil(
      () => publisherProducers(room, userId),
      "publisher's producers",
    );

    // OURS, as the live-stream lifecycle starts it.
    await app.pipelines.pipelineFor({ workspaceId, roomId });
    const pipeline: RoomPipeline = app.pipelines.existing(roomId)!;
    const oursDir = hlsDir(server.dataDir, 'ours');
    const ours = await pipeline.startOutput({ kind: 'hls', dir: oursDir });
    outputs.add(ours);
    const oursRunning = running(ours);
    // What the recorder page says of itself, for when it does not publish.
    const recorderStates: string[] = [];
    pipeline.browser?.on('state', (state) => recorderStates.push(state));

    // ANCHOR: the same ffmpeg arguments on the publisher's own media.
    const anchorDir = hlsDir(server.dataDir, 'anchor');
    app.hlsPublications.open(anchorDir);
    const anchor = new FfmpegOutput(
      'hls-latency-anchor',
      { kind: 'hls', dir: anchorDir },
      async (): Promise<PlainRtpLeg[]> => {
        const legs: PlainRtpLeg[] = [];
        try {
          for (const id of [cameraId, microphoneId])
            legs.push(await room.media.consumeOverPlainRtp(id));
        } catch (error) {
          closeLegs(legs);
          throw error;
        }
        return legs;
      },
      app.log,
    );
    outputs.add(anchor);
    const anchorRunning = running(anchor);
    await anchor.start();
    await within('both outputs running', Promise.all([oursRunning, anchorRunning])).catch(
      (error: Error) => {
        throw new Error(`${error.message} (the recorder said: ${recorderStates.join('; ')})`);
      },
    );

    const viewers = { ours: await open('viewer ours'), anchor: await open('viewer anchor') };
    const play = (page: Page, id: string) =>
      page.evaluate(([url, config]) => window.hlsLatency.view(url, config), [
        server.url + hlsPlaybackPath(app.urlSigner, id),
        HLS_CONFIG,
      ] as const);
    await within(
      'both viewers showing a readable clock',
      Promise.all([play(viewers.ours, 'ours'), play(viewers.anchor, 'anchor')]),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    const oursPids = () => [pipeline.browser?.pid, ...[...pipeline.outputs].map((o) => o.pid)];
    const recorderPid = pipeline.browser?.pid;
    const oursFfmpegPids = [...pipeline.outputs].map((o) => o.pid);
    const cpuBefore = {
      recorder: treeCpuSeconds([recorderPid]),
      ffmpeg: treeCpuSeconds(oursFfmpegPids),
      anchor: treeCpuSeconds([anchor.pid]),
    };
    const started = Date.now();
    await Promise.all(
      Object.values(viewers).map((page) => page.evaluate(() => window.hlsLatency.startSampling())),
    );
    for (let elapsed = 0; elapsed < SAMPLE_MS; elapsed += 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const [a, b] = await Promise.all(
        Object.values(viewers).map((page) => page.evaluate(() => window.hlsLatency.status())),
      );
      const show = (s: ViewerStatus) =>
        `${s.samples} frames (${s.unreadable} unread), hls.js latency ${s.hlsLatency.toFixed(2)} s ` +
        `(target ${s.targetLatency.toFixed(1)}, ${s.stalls} stalls) at ${s.height}p`;
      // Playlist requests the server holds for their next segment (blocking reload) right now.
      const held = app.hlsPublications.updates.held;
      console.log(
        `${(elapsed + 10_000) / 1000} s: ours ${show(a!)}; anchor ${show(b!)}; ${held} playlist requests held`,
      );
      if (a!.errors.length || b!.errors.length)
        throw new Error(`hls.js: ${[...a!.errors, ...b!.errors].join(', ')}`);
    }
    const ended = Date.now();
    const wall = (ended - started) / 1000;
    if (oursPids().join() !== [recorderPid, ...oursFfmpegPids].join())
      throw new Error('hls-latency: the recorder or ffmpeg restarted during the window');
    const cpu = {
      recorder: treeCpuSeconds([recorderPid]) - cpuBefore.recorder,
      ffmpeg: treeCpuSeconds(oursFfmpegPids) - cpuBefore.ffmpeg,
      anchor: treeCpuSeconds([anchor.pid]) - cpuBefore.anchor,
    };
    const [oursSamples, anchorSamples] = await Promise.all(
      [viewers.ours, viewers.anchor].map((page) =>
        page.evaluate(() => window.hlsLatency.samples()),
      ),
    );
    if (!oursSamples!.length || !anchorSamples!.length) throw new Error('hls-latency: no samples');
    const o = spread(oursSamples!);
    const a = spread(anchorSamples!);
    const publishers = 1;
    console.log(`hls.js config: ${JSON.stringify(HLS_CONFIG)}`);
    // Where the time goes: before the player (frame drawn to its segment on disk), the rest is
    // hls.js's (playlist reloads, segment fetch, its distance from the live edge).
    const [oursAges, anchorAges] = await Promise.all(
      [oursDir, anchorDir].map((dir) => segmentAges(path.join(dir, '0'), started, ended)),
    );
    const age = (ages: number[]) =>
      ages.length ? `p50 ${ms(percentile(ages, 50))} over ${ages.length} segments` : 'none read';
    const share = (seconds: number) => `${((seconds / wall) * 100).toFixed(0)}%`;
    console.log(
      `samples over ${wall.toFixed(0)} s: ours ${oursSamples!.length} frames, anchor ${anchorSamples!.length}`,
    );
    console.log(`ours: p50 ${ms(o.p50)}, p95 ${ms(o.p95)}`);
    console.log(`anchor ffmpeg-direct: p50 ${ms(a.p50)}, p95 ${ms(a.p95)}`);
    console.log(
      `first frame drawn to its segment on disk: ours ${age(oursAges!)}, anchor ${age(anchorAges!)}`,
    );
    console.log(
      `pipeline CPU per published peer (${publishers}): ${share((cpu.recorder + cpu.ffmpeg) / publishers)} of a core ` +
        `(recorder Chromium ${share(cpu.recorder)}, ffmpeg ${share(cpu.ffmpeg)}; anchor ffmpeg ${share(cpu.anchor)})`,
    );
    console.log(
      `hls-latency: ${Math.round(o.p50)} ms p50 (anchor ffmpeg-direct: ${Math.round(a.p50)} ms p50, ratio ${(o.p50 / a.p50).toFixed(2)})`,
    );
  } finally {
    await bench.close();
  }
}
