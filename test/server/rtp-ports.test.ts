// The UDP ports ffmpeg listens on for plain RTP: outside the kernel's ephemeral range and
// mediasoup's RTC ports, never the same for two legs at once, free when handed out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { RTP_PORTS, releaseRtpPort, reserveRtpPort } from '../../server/sfu/plain-rtp.ts';

function bindHere(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

test('held ports are even, in their range, distinct, and bindable with the one above', async () => {
  const ports: number[] = [];
  for (let i = 0; i < 20; i++) ports.push(await reserveRtpPort());
  assert.equal(new Set(ports).size, ports.length, 'no port handed out twice while held');
  for (const port of ports) {
    assert.equal(port % 2, 0);
    assert.ok(port >= RTP_PORTS.first && port <= RTP_PORTS.last, `${port} in range`);
    assert.ok(port < 32768, 'below the kernel’s ephemeral ports');
  }
  // What ffmpeg will do with each: bind it, and the RTCP port above it.
  const sockets = await Promise.all(ports.flatMap((port) => [bindHere(port), bindHere(port + 1)]));
  await Promise.all(
    sockets.map((socket) => new Promise((resolve) => socket.close(() => resolve(0)))),
  );
  ports.forEach(releaseRtpPort);
});

test('a port another socket holds is skipped', async () => {
  // Hold the next few candidates from outside the pool: the pool must step past them.
  const probe = await reserveRtpPort();
  releaseRtpPort(probe);
  const blockers = await Promise.all([2, 4, 6].map((step) => bindHere(probe + step)));
  try {
    const ports = [await reserveRtpPort(), await reserveRtpPort()];
    for (const port of ports)
      assert.ok(![probe + 2, probe + 4, probe + 6].includes(port), `${port}`);
    ports.forEach(releaseRtpPort);
  } finally {
    await Promise.all(
      blockers.map((socket) => new Promise((resolve) => socket.close(() => resolve(0)))),
    );
  }
});
