// Bundle size: the gzip bytes of the JavaScript the meeting page loads before Join is pressed.
// Builds the pages with the project's vite.config.ts (`npx vite build --manifest`) into
// .tmp/bundle-size rather than dist/pages, so a server running from dist/pages is not disturbed.
// Then counts what a browser fetches for meeting.html up front: its <script type="module">
// entries (inline ones too), its <link rel="modulepreload"> chunks, and every chunk those import
// statically (from vite's build manifest); never chunks reached only by dynamic import(), which
// load at Join (the room client, mediasoup-client). gzip level 9; KB are 1,000 bytes, as vite
// prints them. No anchor: the figure is held against the budget (60 KB) instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, '.tmp/bundle-size');
const PAGE = 'meeting.html';
const BUDGET_KB = 60;
const BUILD_TIMEOUT_MS = 300_000;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipBytes = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);
}

/** What the HTML makes the browser load as module JavaScript: files (relative to OUT_DIR) and inline code. */
export function pageScripts(html: string): { files: string[]; inline: string[] } {
  const files: string[] = [];
  const inline: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = match[1]!;
    if (attribute(tag, 'type')?.toLowerCase() !== 'module') continue;
    const src = attribute(tag, 'src');
    if (src) files.push(src);
    else if (/\bimport\b/.test(match[2]!))
      throw new Error(`${PAGE} has an inline module script that imports: count it by hand`);
    else if (match[2]!.trim()) inline.push(match[2]!);
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    if (attribute(match[0], 'rel')?.toLowerCase() !== 'modulepreload') continue;
    const href = attribute(match[0], 'href');
    if (href) files.push(href);
  }
  // base is '/': /assets/x.js is dist/pages/assets/x.js. Anything absolute elsewhere is not ours.
  for (const file of files) {
    if (/^[a-z]+:\/\//i.test(file))
      throw new Error(`${PAGE} loads ${file} from another origin; count it by hand`);
  }
  return { files: files.map((file) => file.replace(/^\.?\//, '')), inline };
}

function build(): void {
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--manifest', '--outDir', OUT_DIR, '--emptyOutDir'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: BUILD_TIMEOUT_MS,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .split('\n')
      .filter((line) => !line.startsWith('npm warn'));
    throw new Error(
      `bundle-size: \`npx vite build\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n` +
        output.slice(-30).join('\n'),
    );
  }
}

export async function runBundleSizeBench(): Promise<void> {
  build();
  const html = readFileSync(path.join(OUT_DIR, PAGE), 'utf8');
  const manifestPath = path.join(OUT_DIR, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`no build manifest at ${manifestPath}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));

  // The closure of static imports from what the page loads up front.
  const { files: roots, inline } = pageScripts(html);
  if (roots.length === 0 && inline.length === 0) throw new Error(`${PAGE} loads no module script`);
  const beforeJoin = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (beforeJoin.has(file)) continue;
    beforeJoin.add(file);
    const chunk = byFile.get(file);
    if (!chunk) throw new Error(`${PAGE} loads ${file}, which the build manifest does not know`);
    for (const key of chunk.imports ?? []) pending.push(manifest[key]!.file);
  }
  const later = Object.values(manifest)
    .filter((chunk) => chunk.file.endsWith('.js') && !beforeJoin.has(chunk.file))
    .map((chunk) => chunk.file);

  const measure = (file: string) => {
    const data = readFileSync(path.join(OUT_DIR, file));
    return { file, raw: data.length, gzip: gzipBytes(data) };
  };
  const row = (label: string, raw: number, gzip: number) =>
    console.log(`  ${label.padEnd(72)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(9)} gzip`);

  console.log(`before Join (${PAGE}: module scripts, modulepreloads and their static imports):`);
  let total = 0;
  for (const { file, raw, gzip } of [...beforeJoin].sort().map(measure)) {
    row(file, raw, gzip);
    total += gzip;
  }
  inline.forEach((code, i) => {
    const gzip = gzipBytes(code);
    row(`inline module script ${i + 1}`, Buffer.byteLength(code), gzip);
    total += gzip;
  });
  console.log('loaded at Join or later (dynamic imports only, not counted):');
  for (const { file, raw, gzip } of later.sort().map(measure)) {
    const source = byFile.get(file)?.src;
    row(`${file}${source ? ` (${source.replace(/^(\.\.\/)+/, '')})` : ''}`, raw, gzip);
  }

  // mediasoup-client (~40 KB gzip) must stay behind Join: its chunk must not be loaded up front.
  const mediasoupChunk = Object.values(manifest).find((chunk) =>
    chunk.src?.includes('node_modules/mediasoup-client/'),
  );
  const eager = [...beforeJoin].filter((file) =>
    readFileSync(path.join(OUT_DIR, file), 'utf8').includes('mediasoup-client'),
  );
  if (!mediasoupChunk || beforeJoin.has(mediasoupChunk.file) || eager.length > 0) {
    console.log(
      `note: mediasoup-client is loaded before Join (${[mediasoupChunk?.file, ...eager].filter(Boolean).join(', ') || 'no chunk of its own'})`,
    );
  }
  console.log(
    `bundle-size: ${(total / 1000).toFixed(1)} KB gzip (before Join; aim < ${BUDGET_KB} KB)`,
  );
}
