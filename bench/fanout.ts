// Fan-out: how many forwarded video streams one mediasoup worker core carries. One worker and
// router; one VP8 producer (~1 Mbps) fed into a `comedia` PlainTransport by ffmpeg (or, when
// ffmpeg is missing, by a Node sender replaying synthetic VP8 RTP); N consumers on PlainTransports
// sending to one UDP sink on 127.0.0.1 that counts what arrives. For each N, the worker's CPU time
// (getResourceUsage: ru_utime + ru_stime) over fixed windows gives streams per core = N / cores
// used. No anchor runs here: the worker is mediasoup itself, so there is no bare variant to hold
// it against (the floor it would be is the same binary); docs/architecture.md keeps the figures
// measured before, for comparison.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { ensureWorkerBinaryEnv } from '../server/sfu/worker-binary.ts';
import { MEDIA_CODECS } from '../server/sfu/media-codecs.ts';

/** Consumers per step; FANOUT_N="10,50,100,200,400" overrides. FANOUT_SOURCE=synthetic skips ffmpeg. */
const STEPS = (process.env.FANOUT_N ?? '10,50,100,200')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const WINDOWS = 3;
const WINDOW_MS = 3_000;
/** After every consumer delivers, let key-frame bursts and socket buffers settle. */
const SETTLE_MS = 1_000;
const ALL_FLOWING_TIMEOUT_MS = 15_000;
/** Everything is torn down and the process fails past this, whatever happens. */
const DEADLINE_MS = 180_000;

const PRODUCER_SSRC = 11111111;
const PAYLOAD_TYPE = 101;
const BITRATE = 1_000_000;
const FPS = 30;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Counts RTP packets (not RTCP, not probation) arriving from the consumers, and which SSRCs have been seen. */
class Sink {
  readonly socket: Socket = createSocket('udp4');
  packets = 0;
  bytes = 0;
  readonly ssrcs = new Set<number>();

  async listen(): Promise<number> {
    this.socket.on('message', (msg) => {
      if (msg.length < 12) return;
      // RTCP packet types (192-223) sit where RTP has marker|PT >= 224 or PT < 128; PT 127 is
      // mediasoup's bandwidth probation (SSRC 1234), not a forwarded stream.
      if (msg[1]! >= 192 && msg[1]! <= 223) return;
      if ((msg[1]! & 0x7f) === 127) return;
      this.packets++;
      this.bytes += msg.length;
      this.ssrcs.add(msg.readUInt32BE(8));
    });
    this.socket.bind(0, '127.0.0.1');
    await once(this.socket, 'listening');
    this.socket.setRecvBufferSize(8 * 1024 * 1024);
    return this.socket.address().port;
  }

  close(): void {
    this.socket.close();
  }
}

interface Source {
  name: string;
  stop(): void;
}

function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore' }).status === 0;
}

/** ffmpeg encoding a moving test pattern to VP8 at ~1 Mbps, 30 fps, a key frame every second. */
function startFfmpeg(port: number): Source {
  const child: ChildProcess = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-re'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}`],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-threads', '1'],
      ...[
        '-b:v',
        '1M',
        '-minrate',
        '1M',
        '-maxrate',
        '1M',
        '-bufsize',
        '500k',
        '-g',
        String(FPS),
        '-an',
      ],
      ...['-f', 'rtp', '-ssrc', String(PRODUCER_SSRC), '-payload_type', String(PAYLOAD_TYPE)],
      // Its RTCP goes to port + 1 (an ffmpeg whose rtcpport is the RTP port sends nothing at all).
      `rtp://127.0.0.1:${port}?pkt_size=1200`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // ffmpeg dies with this process even when it dies of an uncaught error.
  process.once('exit', stop);
  return { name: 'ffmpeg libvpx testsrc2 640x360', stop };
}

/**
 * Synthetic VP8 RTP at ~1 Mbps: 30 frames/s of ~4 packets of 1,100 bytes, a key frame every
 * second. The payload descriptor (X, S, PID, 15-bit picture id) and the key-frame bit are real,
 * so the worker parses and rewrites them as it does for a browser's VP8; the rest is filler.
 */
function startSyntheticSender(port: number): Source {
  const socket = createSocket('udp4');
  const payloadSize = 1100;
  const packetsPerFrame = Math.round(BITRATE / 8 / FPS / payloadSize);
  let seq = 0;
  let frame = 0;
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const sendFrame = () => {
    const pictureId = frame & 0x7fff;
    const keyFrame = frame % FPS === 0;
    for (let i = 0; i < packetsPerFrame; i++) {
      const packet = Buffer.alloc(12 + 4 + payloadSize, 0x5a);
      packet[0] = 0x80;
      packet[1] = (i === packetsPerFrame - 1 ? 0x80 : 0) | PAYLOAD_TYPE;
      packet.writeUInt16BE(seq++ & 0xffff, 2);
      packet.writeUInt32BE((frame * (90000 / FPS)) >>> 0, 4);
      packet.writeUInt32BE(PRODUCER_SSRC, 8);
      packet[12] = i === 0 ? 0x90 : 0x80; // X=1, S=1 on the frame's first packet, PID=0
      packet[13] = 0x80; // I: picture id present
      packet.writeUInt16BE(0x8000 | pictureId, 14); // M=1: 15-bit picture id
      // VP8 frame tag: bit 0 clear = key frame; then the key-frame start code and 640x360.
      packet[16] = keyFrame ? 0x10 : 0x11;
      if (i === 0 && keyFrame) packet.set([0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01], 19);
      socket.send(packet, port, '127.0.0.1');
    }
    frame++;
    timer = setTimeout(
      sendFrame,
      Math.max(0, startedAt + (frame * 1000) / FPS - performance.now()),
    );
  };
  sendFrame();
  return {
    name: 'synthetic VP8 RTP from Node',
    stop: () => {
      clearTimeout(timer);
      socket.close();
    },
  };
}

interface Row {
  n: number;
  cpu: number;
  sinkPps: number;
  producerPps: number;
  delivered: number;
  streamsPerCore: number;
  ppsPerCore: number;
}

export async function runFanoutBench(): Promise<void> {
  ensureWorkerBinaryEnv();
  const mediasoup = await import('mediasoup');
  const worker = await mediasoup.createWorker({ logLevel: 'error' });
  const sink = new Sink();
  let source: Source | undefined;
  const deadline = setTimeout(() => {
    console.error(`fanout: gave up after ${DEADLINE_MS / 1000} s`);
    source?.stop();
    worker.close();
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const rows: Row[] = [];
  try {
    const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const sinkPort = await sink.listen();
    const ingest = await router.createPlainTransport({
      listenIp: '127.0.0.1',
      rtcpMux: true,
      comedia: true,
    });
    const producer = await ingest.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: PAYLOAD_TYPE, clockRate: 90000 }],
        encodings: [{ ssrc: PRODUCER_SSRC }],
      },
    });
    const synthetic = process.env.FANOUT_SOURCE === 'synthetic' || !hasFfmpeg();
    source = synthetic
      ? startSyntheticSender(ingest.tuple.localPort)
      : startFfmpeg(ingest.tuple.localPort);
    console.log(`source: ${source.name}; worker pid ${worker.pid}; sink 127.0.0.1:${sinkPort}`);

    const consumers: { close(): void }[] = [];
    console.log(
      '     N  worker CPU  sink pkt/s  producer pkt/s  delivered  streams/core  pkt/s per core',
    );
    for (const n of STEPS) {
      while (consumers.length < n) {
        const transport = await router.createPlainTransport({
          listenIp: '127.0.0.1',
          rtcpMux: true,
          comedia: false,
        });
        await transport.connect({ ip: '127.0.0.1', port: sinkPort });
        await transport.consume({
          producerId: producer.id,
          rtpCapabilities: router.rtpCapabilities,
        });
        consumers.push(transport);
      }
      // Consumers start at the producer's next key frame (ffmpeg ignores PLI): wait for them all.
      const waitUntil = Date.now() + ALL_FLOWING_TIMEOUT_MS;
      while (sink.ssrcs.size < n) {
        if (Date.now() > waitUntil)
          throw new Error(`only ${sink.ssrcs.size} of ${n} consumers delivered`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

      const samples: Omit<Row, 'n'>[] = [];
      for (let w = 0; w < WINDOWS; w++) {
        const [usage0, stats0] = await Promise.all([
          worker.getResourceUsage(),
          producer.getStats(),
        ]);
        const t0 = performance.now();
        const packets0 = sink.packets;
        await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
        const packets1 = sink.packets;
        const t1 = performance.now();
        const [usage1, stats1] = await Promise.all([
          worker.getResourceUsage(),
          producer.getStats(),
        ]);
        const seconds = (t1 - t0) / 1000;
        const cpu =
          (usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime) / 1000 / seconds;
        const sinkPps = (packets1 - packets0) / seconds;
        const producerPps = (stats1[0]!.packetCount - stats0[0]!.packetCount) / seconds;
        samples.push({
          cpu,
          sinkPps,
          producerPps,
          delivered: sinkPps / (n * producerPps),
          streamsPerCore: n / cpu,
          ppsPerCore: sinkPps / cpu,
        });
      }
      const row: Row = {
        n,
        cpu: median(samples.map((s) => s.cpu)),
        sinkPps: median(samples.map((s) => s.sinkPps)),
        producerPps: median(samples.map((s) => s.producerPps)),
        delivered: median(samples.map((s) => s.delivered)),
        streamsPerCore: median(samples.map((s) => s.streamsPerCore)),
        ppsPerCore: median(samples.map((s) => s.ppsPerCore)),
      };
      rows.push(row);
      console.log(
        [
          String(n).padStart(6),
          `${(row.cpu * 100).toFixed(1)}%`.padStart(11),
          Math.round(row.sinkPps).toString().padStart(11),
          Math.round(row.producerPps).toString().padStart(15),
          `${(row.delivered * 100).toFixed(1)}%`.padStart(10),
          Math.round(row.streamsPerCore).toString().padStart(13),
          Math.round(row.ppsPerCore).toString().padStart(15),
        ].join(' '),
      );
    }
    const bitrate = (await producer.getStats())[0]!.bitrate;
    console.log(
      `producer: ${(bitrate / 1e6).toFixed(2)} Mbps; worker CPU is user+system time over ${WINDOWS} windows of ${WINDOW_MS / 1000} s, medians`,
    );
  } finally {
    clearTimeout(deadline);
    source?.stop();
    worker.close();
    sink.close();
  }
  // The figure is the largest N the worker forwarded without loss and below a full core (past
  // that, streams/core would be flattered by dropped packets); fixed ingest cost amortises with N.
  const sound = rows.filter((r) => r.delivered >= 0.98 && r.cpu < 0.95);
  const best = sound.at(-1);
  if (!best) throw new Error('no step forwarded every packet below a full core');
  console.log(
    `fanout: ${Math.round(best.streamsPerCore)} streams/core (at N=${best.n}, ${Math.round(best.ppsPerCore)} packets/s per core)`,
  );
}
