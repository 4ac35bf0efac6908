// The two designs for a room's stream (docs/architecture.md, "Streaming"), run on the same room:
// OURS, the recorder's Chromium composing the room and publishing one picture and one mix that
// one ffmpeg encodes to two-rendition HLS; ANCHOR ffmpeg-compose, one ffmpeg taking every peer's
// camera and microphone over plain RTP, laying them out with xstack and names (drawtext), mixing
// with amix, and encoding the same HLS. Publishers are bench pages drawing a clock camera with an
// oscillator microphone (bench/hls-latency-page/).
//
// 1. CPU: for 1, 2 and 3 publishers, windows of ours and the anchor alternate (one running at a
//    time), each weighing its own processes (ours: recorder tree + ffmpeg; anchor: its ffmpeg)
//    and the mediasoup worker, which forwards the peers to the recorder or to ffmpeg.
// 2. What a viewer sees when the room changes, both running at once: a peer joins (ffmpeg must
//    be restarted on new inputs, the recorder just shows the new tile), then a microphone and a
//    camera are paused (no RTP arrives from them). Measured as the longest stretch with no new
//    HLS segment, which is a segment's length (1 s) while the output runs smoothly.
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openMeeting } from '../test/e2e/support/browser.ts';
import { openStreamingBench } from './streaming-bench.ts';
import { FfmpegOutput } from '../server/streaming/ffmpeg-output.ts';
import { hlsArgs, SEGMENT_SECONDS } from '../server/streaming/ffmpeg-args.ts';
import { hlsDir } from '../server/streaming/hls-publications.ts';
import type { OutputGap } from '../server/streaming/pipeline-types.ts';
import type { RoomPipeline } from '../server/streaming/room-pipeline.ts';
import type { LiveRoom } from '../server/rooms/live-room.ts';
import { closeLegs, type PlainRtpLeg } from '../server/sfu/plain-rtp.ts';
import { median } from './stats.ts';
import { childrenNamed, treeCpuSeconds } from './process-cpu.ts';
import { composeGraph, NAME_FONT } from './compose-graph.ts';
import {
  publisherProducers,
  running,
  STEP_TIMEOUT_MS,
  waitUntil,
  within,
} from './pipeline-steps.ts';

const PEER_COUNTS = [1, 2, 3];
const ROUNDS = 3;
/** After an output's first media: the recorder's page and x264 settle before weighing. */
const SETTLE_MS = 5_000;
const WINDOW_MS = 15_000;
/** How long a change is watched (a join, a pause) for its effect on the segments. */
const WATCH_MS = 8_000;
const DEADLINE_MS = 15 * 60_000;
const SIZE = { width: 640, height: 360 };

interface Publisher {
  name: string;
  userId: string;
  page: Page;
  camera: string;
  microphone: string;
}

/** CPU of one window, as shares of one core. */
interface Weighing {
  own: number;
  worker: number;
  /** Ours only: the part that is the recorder (the rest of `own` is ffmpeg). */
  recorder?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

/** The longest time in [from, to] with no new segment of `variantDir`, in ms. */
async function longestWithoutSegment(variantDir: string, from: number, to: number) {
  const files = (await readdir(variantDir)).filter((file) => file.endsWith('.m4s'));
  const written = (
    await Promise.all(files.map(async (file) => (await stat(path.join(variantDir, file))).mtimeMs))
  )
    .filter((at) => at > from && at < to)
    .sort((a, b) => a - b);
  const edges = [from, ...written, to];
  let longest = 0;
  for (let i = 1; i < edges.length; i++) longest = Math.max(longest, edges[i]! - edges[i - 1]!);
  return longest;
}

export async function runComposeCostBench(): Promise<void> {
  const bench = await openStreamingBench('compose-cost', { size: SIZE, deadlineMs: DEADLINE_MS });
  const { server, files, browser, outputs } = bench;
  try {
    const { app, dataDir } = server;
    const workspaceId = server.workspaces[0]!.accessKey;
    const created = await server.api('POST', '/v2/rooms', { name: 'compose-cost-bench' });
    if (created.status !== 200) throw new Error(`POST /v2/rooms: ${created.status}`);
    const roomId = (created.body as { id: string }).id;

    const publishers: Publisher[] = [];
    let room: LiveRoom | undefined;
    const publish = async () => {
      const name = `Peer ${publishers.length + 1}`;
      const userId = `peer-${publishers.length + 1}`;
      const page = await openMeeting(browser, files.url, { viewport: SIZE });
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.on('console', (message) => {
        if (message.type() === 'error') console.error(`[${name}] ${message.text()}`);
      });
      await page.waitForFunction(() => window.hlsLatency !== undefined);
      const token = await server.tokens.mint(workspaceId, 'app', { roomId, userId, role: 'host' });
      await page.evaluate(([url, t, n]) => window.hlsLatency.publish(url, t, n), [
        server.url,
        token,
        name,
      ] as const);
      room = await waitUntil(() => app.liveRooms.get(roomId), 'live room');
      const producers = await waitUntil(() => publisherProducers(room!, userId), `${name}'s media`);
      publishers.push({ name, userId, page, ...producers });
    };
    await publish();
    await app.pipelines.pipelineFor({ workspaceId, roomId });
    const pipeline: RoomPipeline = app.pipelines.existing(roomId)!;
    const [workerPid] = childrenNamed(process.pid, 'mediasoup-work');
    if (!workerPid) throw new Error('compose-cost: no mediasoup worker under this process');

    const startOurs = async (dir: string) => {
      const output = await pipeline.startOutput({ kind: 'hls', dir });
      outputs.add(output);
      // ffmpeg starts only once the recorder publishes, after this resolves.
      return { output, first: running(output) };
    };
    /** The anchor: its inputs are whoever publishes when (re)started. */
    const startCompose = async (dir: string) => {
      const output = new FfmpegOutput(
        `compose-${randomUUID()}`,
        { kind: 'hls', dir },
        async (): Promise<PlainRtpLeg[]> => {
          const legs: PlainRtpLeg[] = [];
          try {
            for (const peer of publishers)
              for (const id of [peer.camera, peer.microphone])
                legs.push(await room!.media.consumeOverPlainRtp(id));
          } catch (error) {
            closeLegs(legs);
            throw error;
          }
          return legs;
        },
        app.log,
        (_spec, sdpFile, run) =>
          hlsArgs(
            dir,
            sdpFile,
            run,
            composeGraph(
              publishers.map((peer) => peer.name),
              SIZE,
            ),
          ),
      );
      outputs.add(output);
      const first = running(output);
      await output.start();
      return { output, first };
    };
    const stop = async (output: FfmpegOutput) => {
      await output.stop();
      outputs.delete(output);
    };

    /** Starts one design, waits for its media, weighs one window, stops it. */
    const weigh = async (design: 'ours' | 'anchor', label: string): Promise<Weighing> => {
      const dir = hlsDir(dataDir, label);
      const { output, first } = design === 'ours' ? await startOurs(dir) : await startCompose(dir);
      await within(`${label}: first media`, first);
      await sleep(SETTLE_MS);
      const recorderPid = design === 'ours' ? pipeline.browser?.pid : undefined;
      const ffmpegPid = output.pid;
      const read = () => ({
        recorder: treeCpuSeconds([recorderPid]),
        ffmpeg: treeCpuSeconds([ffmpegPid]),
        worker: treeCpuSeconds([workerPid]),
      });
      const before = read();
      const started = Date.now();
      await sleep(WINDOW_MS);
      const after = read();
      const wall = (Date.now() - started) / 1000;
      if (output.pid !== ffmpegPid || pipeline.browser?.pid !== recorderPid)
        throw new Error(`compose-cost: ${label} restarted during its window`);
      await stop(output);
      const share = (key: keyof typeof before) => (after[key] - before[key]) / wall;
      return design === 'ours'
        ? {
            own: share('recorder') + share('ffmpeg'),
            recorder: share('recorder'),
            worker: share('worker'),
          }
        : { own: share('ffmpeg'), worker: share('worker') };
    };

    const costs = new Map<number, { ours: Weighing[]; anchor: Weighing[] }>();
    const weighAll = async () => {
      const count = publishers.length;
      const entry = { ours: [] as Weighing[], anchor: [] as Weighing[] };
      costs.set(count, entry);
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating which goes first, so neither always follows the other's teardown.
        const order =
          round % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
        for (const design of order)
          entry[design].push(await weigh(design, `${design}-${count}-${round}`));
      }
      const show = (weighings: Weighing[]) => weighings.map((w) => percent(w.own)).join(', ');
      console.log(
        `${count} peer(s): ours ${show(entry.ours)} (recorder ${entry.ours.map((w) => percent(w.recorder!)).join(', ')}), ` +
          `anchor ${show(entry.anchor)} of a core; worker during ours ${entry.ours.map((w) => percent(w.worker)).join(', ')}, ` +
          `during anchor ${entry.anchor.map((w) => percent(w.worker)).join(', ')}`,
      );
    };

    const lastCount = PEER_COUNTS.at(-1)!;
    for (const count of PEER_COUNTS.slice(0, -1)) {
      while (publishers.length < count) await publish();
      await weighAll();
    }
    // 2. Changes, both running; the last peer's join is the first change watched.
    const changesDir = {
      ours: hlsDir(dataDir, 'changes-ours'),
      anchor: hlsDir(dataDir, 'changes-anchor'),
    };
    const { output: ours, first: oursRunning } = await startOurs(changesDir.ours);
    const { output: anchor, first: anchorRunning } = await startCompose(changesDir.anchor);
    await within('both outputs running', Promise.all([oursRunning, anchorRunning]));
    await sleep(SETTLE_MS);

    const watch = async (what: string, change: () => Promise<void>) => {
      const from = Date.now();
      await change();
      await sleep(WATCH_MS);
      const to = Date.now();
      const [o, a] = await Promise.all(
        [changesDir.ours, changesDir.anchor].map((dir) =>
          longestWithoutSegment(path.join(dir, '0'), from, to),
        ),
      );
      console.log(
        `${what}: longest stretch with no new segment: ours ${Math.round(o!)} ms, anchor ${Math.round(a!)} ms ` +
          `(segments are ${SEGMENT_SECONDS * 1000} ms)`,
      );
    };
    let restartGap: OutputGap | undefined;
    await watch(`a peer joins (${lastCount - 1} -> ${lastCount})`, async () => {
      const restarted = new Promise<OutputGap>((resolve) => anchor.once('restarted', resolve));
      await publish();
      // The compose design must start ffmpeg again to take an input it did not have.
      anchor.restartInput('a peer joined');
      restartGap = await within('the anchor restarting', restarted);
    });
    const pauseOne = (source: 'microphone' | 'camera') => async () => {
      const peer = [...room!.peers.values()].find((p) => p.userId === publishers[0]!.userId)!;
      const producer = peer.media.producers.get(publishers[0]![source])!;
      await producer.pause();
      setTimeout(() => void producer.resume().catch(() => undefined), WATCH_MS - 2_000);
    };
    await watch('a microphone paused for 6 s', pauseOne('microphone'));
    await watch('a camera paused for 6 s', pauseOne('camera'));
    await Promise.all([stop(ours), stop(anchor)]);
    await weighAll();

    const restartMs = restartGap ? Date.parse(restartGap.to) - Date.parse(restartGap.from) : NaN;
    console.log(
      `the anchor's restart for the join: ${Math.round(restartMs)} ms from the restart to its first media again` +
        ` (a new HLS run: players see a discontinuity)`,
    );
    console.log(
      `names on the anchor's tiles: ${NAME_FONT ? `drawtext with ${NAME_FONT}` : 'none (no font found)'}`,
    );
    const medianOf = (weighings: Weighing[], key: 'own' | 'worker') =>
      median(weighings.map((w) => w[key]));
    // Each design's whole cost at a peer count: its processes and the worker, median of rounds.
    const total = (weighings: Weighing[]) =>
      medianOf(weighings, 'own') + medianOf(weighings, 'worker');
    console.log('whole cost (own processes + the mediasoup worker, median of rounds):');
    for (const [count, entry] of costs)
      console.log(
        `  ${count} peer(s): ours ${percent(total(entry.ours))} (${percent(total(entry.ours) / count)} per peer), ` +
          `anchor ffmpeg-compose ${percent(total(entry.anchor))} (${percent(total(entry.anchor) / count)} per peer) of a core`,
      );
    // What one more peer adds, from the fewest peers to the most: the rest is each design's
    // fixed cost (ours: the recorder's page and its encode; both: the HLS encode).
    const [fewest, most] = [PEER_COUNTS[0]!, lastCount];
    const added = (design: 'ours' | 'anchor') =>
      (total(costs.get(most)![design]) - total(costs.get(fewest)![design])) / (most - fewest);
    console.log(
      `each further peer adds: ours ${percent(added('ours'))}, anchor ffmpeg-compose ${percent(added('anchor'))} of a core`,
    );
    const oursFfmpeg = median(costs.get(lastCount)!.ours.map((w) => w.own - w.recorder!));
    console.log(
      `each further output of ours (one more ffmpeg on the same recorder): ${percent(oursFfmpeg)} of a core`,
    );
    const oursPerPeer = total(costs.get(lastCount)!.ours) / lastCount;
    const anchorPerPeer = total(costs.get(lastCount)!.anchor) / lastCount;
    console.log(
      `compose-cost: ${percent(oursPerPeer)} of a core per published peer at ${lastCount} peers ` +
        `(anchor ffmpeg-compose: ${percent(anchorPerPeer)} of a core per published peer, ratio ${(oursPerPeer / anchorPerPeer).toFixed(2)})`,
    );
  } finally {
    await bench.close();
  }
}
