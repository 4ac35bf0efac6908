// A local RTMP server for end-to-end tests: ffmpeg listening on a free loopback port, counting
// the frames it decodes. Every one a file starts is killed when that file's tests end.
import { after } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface RtmpServer {
  /** The URL an external stream sends to. */
  url: string;
  /** How many frames it has decoded so far. */
  frames(): number;
}

/** A TCP port free on loopback now, for the RTMP server to listen on. */
function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Call at a test file's top level: it answers a function that starts RTMP servers. */
export function useRtmpServers(): () => Promise<RtmpServer> {
  const servers: ChildProcess[] = [];
  after(() => servers.forEach((server) => server.kill('SIGKILL')));
  return async () => {
    const url = `rtmp://127.0.0.1:${await freeTcpPort()}/live/stream`;
    let frames = 0;
    const server = spawn('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1'],
      ...['-listen', '1', '-i', url, '-f', 'null', '-'],
    ]);
    servers.push(server);
    server.stdout.on('data', (chunk: Buffer) => {
      for (const match of String(chunk).matchAll(/frame=(\d+)/g)) frames = Number(match[1]);
    });
    return { url, frames: () => frames };
  };
}
