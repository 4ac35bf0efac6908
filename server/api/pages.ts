// The pages a person opens: `/` lists the demo room's meeting links, `/meeting/{room_code}` is the
// meeting page built by vite into dist/pages (query `name`, `skip_preview=true` as in 100ms), and
// `/embed/{room_code}` its chromeless twin for iframes, which only CONVENE_EMBED_ORIGINS may frame.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { ConveneError } from '../../src/protocol/errors.ts';
import type { DemoLink } from '../rooms/demo-room.ts';
import type { EmbedConfig } from '../config.ts';

export const PAGES_DIR = path.resolve(import.meta.dirname, '../../dist/pages');

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function indexPage(links: DemoLink[]): string {
  const items = links
    .map(
      (link) =>
        `<li><a href="${escapeHtml(link.path)}">Join the demo room as ${escapeHtml(link.role)}</a> <code>${escapeHtml(link.code)}</code></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convene</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1f24}code{background:#f1f2f4;padding:0 .3em;border-radius:4px}</style>
</head><body>
<h1>Convene</h1>
<p>Self-hostable video rooms. Open two links in two tabs to see both videos.</p>
${links.length > 0 ? `<ul>${items}</ul>` : '<p>No demo room on this server (CONVENE_DEMO_ROOM=false).</p>'}
<p>REST API: <a href="/v2/openapi.json">/v2/openapi.json</a></p>
</body></html>`;
}

const notBuilt = () =>
  new ConveneError('pages_not_built', 'the meeting page is not built: run npm run build', {
    kind: 'unavailable',
  });

/** Who may frame /embed: the configured origins, or only the server's own pages. */
export function embedFrameAncestors(origins: readonly string[]): string {
  return `frame-ancestors ${origins.length > 0 ? origins.join(' ') : "'self'"}`;
}

/** The embed page with its allowed origins written in, for the frame's own origin check. */
function embedPage(origins: readonly string[]): string {
  const html = fs.readFileSync(path.join(PAGES_DIR, 'embed.html'), 'utf8');
  const meta = /<meta name="convene-embed-origins" content="[^"]*"\s*\/?>/;
  if (!meta.test(html)) throw new Error('embed.html lacks its convene-embed-origins meta tag');
  return html.replace(
    meta,
    `<meta name="convene-embed-origins" content="${escapeHtml(origins.join(','))}" />`,
  );
}

async function routes(app: FastifyInstance, options: { embed: EmbedConfig }) {
  const built = fs.existsSync(path.join(PAGES_DIR, 'meeting.html'));
  const embedBuilt = fs.existsSync(path.join(PAGES_DIR, 'embed.html'));
  // Read once: the page only changes with a build, which restarts the server anyway.
  const embedHtml = embedBuilt ? embedPage(options.embed.origins) : undefined;
  const frameAncestors = embedFrameAncestors(options.embed.origins);
  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(PAGES_DIR, 'assets'),
      prefix: '/assets/',
      maxAge: '1y',
      immutable: true,
    });
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html').send(indexPage(app.demoLinks)),
  );
  // The page the server's own recorder opens (server/streaming/recorder-browser.ts).
  app.get('/internal/recorder', { schema: { hide: true } }, async (_request, reply) => {
    if (!built) throw notBuilt();
    return reply
      .type('text/html')
      .header('cache-control', 'no-cache')
      .send(fs.createReadStream(path.join(PAGES_DIR, 'recorder.html')));
  });
  app.get<{ Params: { code: string } }>(
    '/meeting/:code',
    { schema: { hide: true } },
    async (_request, reply) => {
      if (!built) throw notBuilt();
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .send(fs.createReadStream(path.join(PAGES_DIR, 'meeting.html')));
    },
  );
  // As /meeting, any code gets the page, and the page says when the code is unknown (the join's
  // POST /v2/token answers it), so both routes fail alike and neither tells codes apart.
  app.get<{ Params: { code: string } }>(
    '/embed/:code',
    { schema: { hide: true } },
    async (_request, reply) => {
      if (!embedHtml) throw notBuilt();
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', frameAncestors)
        .send(embedHtml);
    },
  );
}

export const pageRoutes = fp(routes, {
  name: 'convene-pages',
  dependencies: ['convene-first-start'],
  encapsulate: true,
});
