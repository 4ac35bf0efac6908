// Once the server starts closing, a WebSocket upgrade is answered 503 and its socket closed.
// Peers reconnect when their room closes for a shutdown (so they come back to the next run),
// and the recorder's browser does too until it is killed. Routed while Fastify closes, such an
// upgrade got Fastify's 503 on a socket nobody ended, and `server.close()` waited for that
// socket for ever: the process never exited.
import type { FastifyInstance } from 'fastify';
import type { Duplex } from 'node:stream';

const UNAVAILABLE =
  'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** Call before any plugin, so this runs ahead of every other preClose hook. */
export function refuseUpgradesWhileClosing(app: FastifyInstance): void {
  app.addHook('preClose', async () => {
    app.server.removeAllListeners('upgrade');
    app.server.on('upgrade', (_request, socket: Duplex) => {
      socket.on('error', () => socket.destroy());
      socket.end(UNAVAILABLE, () => socket.destroy());
    });
  });
}
