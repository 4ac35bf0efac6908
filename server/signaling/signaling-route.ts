// GET /v2/signaling: upgrades to the peer WebSocket. The token travels in the first message, not
// the URL, so it never lands in access logs. Each address may hold a limited number of sockets,
// and failed joins are counted per address across its sockets. GET /v2/signaling/rtp-capabilities: what the
// routers can handle, for clients to load their Device while their join is on its way.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import { Type } from 'typebox';
import {
  PROTOCOL_VERSION,
  RTP_CAPABILITIES_PATH,
  SIGNALING_PATH,
} from '../../src/protocol/signaling.ts';
import { PeerSocket } from './peer-socket.ts';
import type { JoinDeps } from './join.ts';
import type { SignalingConfig } from '../config.ts';
import { SocketCounter } from './limits.ts';
import { FailureWindow } from '../auth/failure-window.ts';
import { ConveneError, rateLimited } from '../../src/protocol/errors.ts';

/** Hard cap where ws closes the socket; messages over MAX_MESSAGE_BYTES get an error reply first. */
const HARD_MESSAGE_LIMIT = 1024 * 1024;

async function routes(app: FastifyInstance, { signaling }: { signaling: SignalingConfig }) {
  const deps: JoinDeps = {
    tokens: app.tokens,
    rooms: app.storage.rooms,
    templates: app.storage.templates,
    registry: app.liveRooms,
  };
  const { limits } = signaling;
  const sockets = new SocketCounter(limits.maxSocketsPerAddress);
  const failedJoins = new FailureWindow(limits.failedJoinsPerAddressPerMinute || Infinity, 60_000);
  await app.register(websocket, { options: { maxPayload: HARD_MESSAGE_LIMIT } });
  app.route({
    method: 'GET',
    url: SIGNALING_PATH,
    schema: { hide: true },
    // Refused before the upgrade, so a full address gets an HTTP answer and never a socket.
    onRequest: async (request) => {
      if (sockets.isFull(request.ip)) {
        throw rateLimited(
          `at most ${limits.maxSocketsPerAddress} signaling sockets per address`,
          5_000,
          'too_many_sockets',
        );
      }
    },
    // A plain GET (no Upgrade header) is told what this path is for.
    handler: async () => {
      throw new ConveneError('upgrade_required', `${SIGNALING_PATH} is a WebSocket endpoint`, {
        kind: 'upgrade_required',
      });
    },
    wsHandler: (socket, request) => {
      const version = Number((request.query as { v?: string }).v ?? PROTOCOL_VERSION);
      if (version !== PROTOCOL_VERSION) {
        socket.close(4000, `protocol version ${PROTOCOL_VERSION} is spoken here`);
        return;
      }
      const address = request.ip;
      if (!sockets.tryOpen(address)) {
        socket.close(1013, 'too many sockets from this address');
        return;
      }
      socket.once('close', () => sockets.closed(address));
      new PeerSocket(socket, { ...deps, signaling, log: request.log, address, failedJoins });
    },
  });
  app.get(
    RTP_CAPABILITIES_PATH,
    {
      schema: {
        tags: ['signaling'],
        summary: "The media routers' RTP capabilities (public; the same for every room)",
        response: {
          200: Type.Object({ rtpCapabilities: Type.Record(Type.String(), Type.Unknown()) }),
        },
      },
    },
    async (_request, reply) => {
      const rtpCapabilities = await app.workers.routerRtpCapabilities();
      reply.header('cache-control', 'public, max-age=300');
      return { rtpCapabilities: rtpCapabilities as unknown as Record<string, unknown> };
    },
  );
}

export const signalingRoutes = fp(routes, {
  name: 'convene-signaling',
  dependencies: ['convene-auth', 'convene-storage', 'convene-rooms'],
  encapsulate: true,
});
