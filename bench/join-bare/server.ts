// The join bench's anchor: a minimal mediasoup server. One worker, one router (the same codecs
// as Convene), JSON over a WebSocket (`ws`) with createTransport/connect/produce/consume/resume
// and nothing else: no auth, no rooms, no roles, no storage. It also serves the bare page's
// static build. `node --import tsx bench/join-bare/server.ts <static-dir>` prints one JSON line
// `{"url": ...}` when ready, listens on 127.0.0.1 at a port picked by the system, and exits when
// its parent's stdin closes (or on SIGTERM).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { types } from 'mediasoup';
import { ensureWorkerBinaryEnv } from '../../server/sfu/worker-binary.ts';
import { MEDIA_CODECS } from '../../server/sfu/media-codecs.ts';

const staticDir = path.resolve(process.argv[2] ?? '.');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

ensureWorkerBinaryEnv();
const mediasoup = await import('mediasoup');
const worker = await mediasoup.createWorker({ logLevel: 'warn' });
const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
const producers = new Map<string, types.Producer>();

interface Peer {
  transports: Map<string, types.WebRtcTransport>;
  consumers: Map<string, types.Consumer>;
}

type Handler = (peer: Peer, data: any) => Promise<unknown>;

const handlers: Record<string, Handler> = {
  async routerRtpCapabilities() {
    return router.rtpCapabilities;
  },
  async createTransport(peer) {
    const transport = await router.createWebRtcTransport({
      listenIps: [{ ip: '127.0.0.1' }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
    peer.transports.set(transport.id, transport);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  },
  async connect(peer, { transportId, dtlsParameters }) {
    await transportOf(peer, transportId).connect({ dtlsParameters });
    return {};
  },
  async produce(peer, { transportId, kind, rtpParameters }) {
    const producer = await transportOf(peer, transportId).produce({ kind, rtpParameters });
    producers.set(producer.id, producer);
    producer.observer.once('close', () => producers.delete(producer.id));
    return { id: producer.id };
  },
  /** Paused consumers of every producer the peer can receive; the page resumes each once set up. */
  async consume(peer, { transportId, rtpCapabilities }) {
    const transport = transportOf(peer, transportId);
    const consumers = [];
    for (const producer of producers.values()) {
      if (!router.canConsume({ producerId: producer.id, rtpCapabilities })) continue;
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities,
        paused: true,
      });
      peer.consumers.set(consumer.id, consumer);
      consumers.push({
        id: consumer.id,
        producerId: producer.id,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
      });
    }
    return consumers;
  },
  async resume(peer, { consumerId }) {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new Error(`no consumer ${consumerId}`);
    await consumer.resume();
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
    return {};
  },
};

function transportOf(peer: Peer, id: string): types.WebRtcTransport {
  const transport = peer.transports.get(id);
  if (!transport) throw new Error(`no transport ${id}`);
  return transport;
}

const server = createServer(async (request, response) => {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = path.join(staticDir, pathname === '/' ? 'index.html' : pathname);
  if (!file.startsWith(staticDir + path.sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    response
      .writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      })
      .end(body);
  } catch {
    response.writeHead(404).end();
  }
});

new WebSocketServer({ server }).on('connection', (socket: WebSocket) => {
  const peer: Peer = { transports: new Map(), consumers: new Map() };
  socket.on('message', async (raw) => {
    const { id, method, data } = JSON.parse(String(raw)) as {
      id: number;
      method: string;
      data: unknown;
    };
    try {
      const handler = handlers[method];
      if (!handler) throw new Error(`unknown method ${method}`);
      socket.send(JSON.stringify({ id, ok: true, data: await handler(peer, data) }));
    } catch (error) {
      socket.send(JSON.stringify({ id, ok: false, error: (error as Error).message }));
    }
  });
  socket.on('close', () => {
    for (const transport of peer.transports.values()) transport.close();
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});

const stop = () => {
  worker.close();
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('close', stop);
process.stdin.resume();
