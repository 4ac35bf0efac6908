// The mediasoup worker built from source on this machine runs: a worker, a router and a WebRTC
// transport can be created with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureWorkerBinaryEnv } from '../../server/sfu/worker-binary.ts';

test('a worker built for this machine creates a router and a WebRTC transport on loopback', async (t) => {
  ensureWorkerBinaryEnv();
  const mediasoup = await import('mediasoup');
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  t.after(() => worker.close());
  const router = await worker.createRouter({
    mediaCodecs: [
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
    ],
  });
  const transport = await router.createWebRtcTransport({
    listenIps: [{ ip: '127.0.0.1' }],
    enableUdp: true,
    enableTcp: true,
  });
  assert.ok(router.rtpCapabilities.codecs?.some((codec) => codec.mimeType === 'video/VP8'));
  const candidates = transport.iceCandidates;
  assert.ok(
    candidates.some((c) => c.ip === '127.0.0.1' && c.protocol === 'udp'),
    'has a UDP candidate',
  );
  assert.ok(
    candidates.some((c) => c.ip === '127.0.0.1' && c.protocol === 'tcp'),
    'has a TCP candidate',
  );
  assert.equal(transport.dtlsParameters.fingerprints.length > 0, true);
  transport.close();
  assert.equal(transport.closed, true);
});
