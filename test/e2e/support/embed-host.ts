// A site on another origin that embeds Convene with createFrame: a tiny static server on
// 127.0.0.1 serving the host page, src/embed bundled by esbuild as the page's ESM, and an
// "intruder" page that posts commands at the meeting's frame from an origin nobody allowed.
import http from 'node:http';
import path from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { ROOT } from '../../support/test-server.ts';
import { EMBED_MESSAGE_MARK } from '../../../src/embed/contract.ts';

/** Every event of the contract: the host page records each in `window.__events`. */
const EVENT_NAMES = [
  'joined',
  'left',
  'error',
  'peer-joined',
  'peer-left',
  'message',
  'hand-raised',
  'role-changed',
  'recording-state',
  'live-state',
];

// Query: `url` (the embed page), `autoResize=true`, `version` (the protocol version to claim).
const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A site that embeds Convene</title>
<style>iframe { inline-size: 960px; block-size: 600px; }</style></head>
<body><h1>Our site</h1><div id="meeting"></div>
<script type="module">
  import { createFrame } from '/embed.js';
  const params = new URLSearchParams(location.search);
  const frame = createFrame(document.getElementById('meeting'), {
    url: params.get('url'),
    autoResize: params.get('autoResize') === 'true',
    ...(params.has('version') ? { protocolVersion: Number(params.get('version')) } : {}),
  });
  window.__events = [];
  for (const name of ${JSON.stringify(EVENT_NAMES)}) {
    frame.on(name, (payload) => window.__events.push({ name, payload }));
  }
  window.__frame = frame;
</script></body></html>`;

// Posts what a hostile page would at the meeting's frame (its sibling: the host page's first).
const INTRUDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intruder</title></head><body>
<script>
  const target = parent.frames[0];
  target.postMessage({ mark: '${EMBED_MESSAGE_MARK}', kind: 'hello', version: 1, reportHeight: false }, '*');
  target.postMessage({ mark: '${EMBED_MESSAGE_MARK}', kind: 'command', id: 1, name: 'sendMessage',
    payload: { text: 'intruder' } }, '*');
</script></body></html>`;

export interface EmbedHost {
  port: number;
  /** The host page on `http://<host>:<port>`, embedding `embedUrl`. */
  pageUrl(host: 'localhost' | '127.0.0.1', embedUrl: string, query?: string): string;
  intruderUrl(host: 'localhost' | '127.0.0.1'): string;
  close(): Promise<void>;
}

export async function startEmbedHost(): Promise<EmbedHost> {
  const bundle = await build({
    entryPoints: [path.join(ROOT, 'src/embed/index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://host');
    const [type, body] =
      pathname === '/'
        ? ['text/html', HOST_PAGE]
        : pathname === '/embed.js'
          ? ['text/javascript', script]
          : pathname === '/intruder.html'
            ? ['text/html', INTRUDER_PAGE]
            : [undefined, 'not found'];
    response.writeHead(type ? 200 : 404, { 'content-type': type ?? 'text/plain' });
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    pageUrl: (host, embedUrl, query = '') =>
      `http://${host}:${port}/?url=${encodeURIComponent(embedUrl)}${query}`,
    intruderUrl: (host) => `http://${host}:${port}/intruder.html`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
