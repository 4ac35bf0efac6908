// A TCP proxy in front of a server for end-to-end tests, which can freeze its WebSocket
// connections: their bytes are held back both ways, as on a congested uplink or a starved
// laptop, while plain HTTP and the media (UDP, straight to the worker) go on. Listens on
// 127.0.0.1 only; thaw() delivers what was held, in order.
import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';

export interface FreezableProxy {
  /** The proxy's origin, to use in place of the server's. */
  url: string;
  freezeWebSockets(): void;
  thaw(): void;
  close(): Promise<void>;
}

/** One direction of one connection: forwards, or holds while frozen. */
class Pipe {
  readonly #held: Buffer[] = [];
  constructor(
    private readonly to: Socket,
    private readonly isFrozen: () => boolean,
  ) {}
  push(chunk: Buffer): void {
    if (this.isFrozen()) this.#held.push(chunk);
    else this.to.write(chunk);
  }
  flush(): void {
    for (const chunk of this.#held.splice(0)) this.to.write(chunk);
  }
}

export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<{ client: Socket; upstream: Socket; pipes: Pipe[] }>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    let webSocket: boolean | undefined;
    const isFrozen = () => frozen && webSocket === true;
    const toUpstream = new Pipe(upstream, isFrozen);
    const toClient = new Pipe(client, isFrozen);
    const entry = { client, upstream, pipes: [toUpstream, toClient] };
    open.add(entry);
    client.on('data', (chunk: Buffer) => {
      webSocket ??= /^upgrade:\s*websocket/im.test(chunk.toString('latin1'));
      toUpstream.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    const end = () => {
      open.delete(entry);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port: proxyPort } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    freezeWebSockets() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const { pipes } of open) for (const pipe of pipes) pipe.flush();
    },
    async close() {
      for (const { client, upstream } of open) {
        client.destroy();
        upstream.destroy();
      }
      server.close();
      await once(server, 'close');
    },
  };
}
