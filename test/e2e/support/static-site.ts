// A site on its own loopback origin, as where an app is deployed: serves a built folder (a vite
// build's output) or pages given by path, with the content types a browser needs for modules.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** `source`: a folder to serve, or a map from path (`/index.html`) to the page's text. */
export async function startStaticSite(
  source: string | Record<string, string>,
): Promise<StaticSite> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://site').pathname;
    const type = CONTENT_TYPES[path.extname(pathname)] ?? 'application/octet-stream';
    const body =
      typeof source === 'string'
        ? // normalize keeps a request inside the folder (no `..` above it).
          readFile(path.join(source, path.posix.normalize(pathname)))
        : Promise.resolve(source[pathname] ?? Promise.reject(new Error('not found')));
    body.then(
      (content) => response.writeHead(200, { 'content-type': type }).end(content),
      () => response.writeHead(404).end('not found'),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
