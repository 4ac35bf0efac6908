// Builds one page folder with the project's vite and reads what it emitted: the page's module
// scripts and modulepreloads, and the chunk graph of vite's manifest, so a bench can say which
// JavaScript loads up front, which only after a given import(), and what it all weighs in gzip.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BuiltPage {
  /** The page's folder: the manifest's `src` paths are relative to it. */
  root: string;
  outDir: string;
  /** Emitted files (relative to outDir) the HTML loads as module JavaScript. */
  scripts: string[];
  /** Keyed by emitted file. */
  chunks: Map<string, ManifestChunk>;
  /** Every emitted .js and .css file, relative to outDir. */
  jsFiles: string[];
  cssFiles: string[];
}

/** KB are 1,024 bytes here, as in shared/reference/anchor-bundles.md. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const gzipBytes = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

/**
 * Every page (ours and each anchor) goes through this one build: same vite, same target, no
 * plugins, production mode, so the figures differ only by what the page imports.
 */
export async function buildPage(root: string, outDir: string): Promise<BuiltPage> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    base: '/',
    logLevel: 'error',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      reportCompressedSize: false,
      // A few anchors ship single files of megabytes; the warning says nothing we do not print.
      chunkSizeWarningLimit: 100_000,
      // 100ms imports a named export from @mediapipe/selfie_segmentation, a script that sets a
      // global and exports nothing; rollup (vite 7) let it through, rolldown stops. Shimmed, the
      // import is undefined, as it is at run time; our own imports are checked by tsc anyway.
      rolldownOptions: { shimMissingExports: true },
    },
  });
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const manifest = JSON.parse(
    readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const files = listFiles(outDir).filter((file) => !file.startsWith('.vite/'));
  return {
    root,
    outDir,
    scripts: pageScripts(html),
    chunks: new Map(Object.values(manifest).map((chunk) => [chunk.file, withKeysAsFiles(chunk)])),
    jsFiles: files.filter((file) => file.endsWith('.js')),
    cssFiles: files.filter((file) => file.endsWith('.css')),
  };

  // The manifest links chunks by manifest key; the graph below walks emitted files.
  function withKeysAsFiles(chunk: ManifestChunk): ManifestChunk {
    const toFile = (key: string) => manifest[key]?.file ?? key;
    return {
      ...chunk,
      imports: chunk.imports?.map(toFile),
      dynamicImports: chunk.dynamicImports?.map(toFile),
    };
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);
}

/** What the HTML makes the browser fetch as module JavaScript: `<script type=module src>` and modulepreloads. */
export function pageScripts(html: string): string[] {
  const files: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = match[1]!;
    if (attribute(tag, 'type')?.toLowerCase() !== 'module') continue;
    const src = attribute(tag, 'src');
    if (src) files.push(src);
    // The generated pages have no inline modules; one would be code this count misses.
    else if (match[2]!.trim()) throw new Error('the built page has an inline module script');
  }
  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    if (attribute(match[0], 'rel')?.toLowerCase() !== 'modulepreload') continue;
    const href = attribute(match[0], 'href');
    if (href) files.push(href);
  }
  for (const file of files) {
    if (/^[a-z]+:\/\//i.test(file)) throw new Error(`the page loads ${file} from another origin`);
  }
  return files.map((file) => file.replace(/^\.?\//, ''));
}

/**
 * The files reached from `roots` by static imports (and import() too, with `dynamic`), leaving
 * out and not walking through the files already `loaded`: their own import()s are not this load's.
 */
export function reachable(
  page: BuiltPage,
  roots: Iterable<string>,
  { dynamic = false, loaded = new Set<string>() } = {},
): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || loaded.has(file)) continue;
    seen.add(file);
    const chunk = page.chunks.get(file);
    if (!chunk) throw new Error(`${file} is loaded but the build manifest does not know it`);
    pending.push(...(chunk.imports ?? []));
    if (dynamic) pending.push(...(chunk.dynamicImports ?? []));
  }
  return seen;
}

/** The chunks `files` load with import() (not already among `files`). */
export function dynamicImportsOf(page: BuiltPage, files: Set<string>): string[] {
  const found = new Set<string>();
  for (const file of files) {
    for (const target of page.chunks.get(file)?.dynamicImports ?? []) {
      if (!files.has(target)) found.add(target);
    }
  }
  return [...found];
}

export function gzipOf(page: BuiltPage, files: Iterable<string>): number {
  let total = 0;
  for (const file of files) total += gzipBytes(readFileSync(path.join(page.outDir, file)));
  return total;
}

export function rawOf(page: BuiltPage, file: string): number {
  return readFileSync(path.join(page.outDir, file)).length;
}
