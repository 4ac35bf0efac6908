// What a page pays for each npm entry alone, and the script-tag bundle's weight. Each entry is
// built into its own page with the same vite as the rest of the bench (bench/bundle-chunks.ts),
// through the one entry table (package.json `exports`, scripts/package-entries.ts): "up front"
// is what the page loads before any import(), "in all" adds everything it can import() later.
// The page keeps the entry's whole namespace, so nothing it exports is shaken out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPage, gzipBytes, gzipOf, kb, reachable } from './bundle-chunks.ts';
import { ROOT, packageEntries, readPackageJson } from '../scripts/package-entries.ts';
import { sdkFileName } from '../server/api/sdk-files.ts';

async function measureEntry(specifier: string, source: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bundle-entry-'));
  try {
    const module = path.relative(dir, path.join(ROOT, source)).split(path.sep).join('/');
    writeFileSync(
      path.join(dir, 'main.ts'),
      `import * as entry from '${module}';\nObject.assign(globalThis, { entry });\n`,
    );
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><html><head><script type="module" src="./main.ts"></script></head><body></body></html>\n`,
    );
    const page = await buildPage(dir, path.join(dir, 'dist'));
    const upFront = gzipOf(page, reachable(page, page.scripts));
    const all = gzipOf(page, reachable(page, page.scripts, { dynamic: true }));
    console.log(
      `  ${specifier.padEnd(44)} ${kb(upFront).padStart(9)} up front ${kb(all).padStart(9)} in all`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureScriptTag(): Promise<void> {
  const { build } = await import('vite');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bundle-sdk-'));
  try {
    await build({
      configFile: path.join(ROOT, 'vite.sdk.config.ts'),
      logLevel: 'error',
      build: { outDir: dir },
    });
    const file = sdkFileName(readPackageJson().version);
    const bytes = readFileSync(path.join(dir, file));
    console.log(
      `Script-tag bundle (vite.sdk.config.ts, ${file}: every element, everything they import() inlined): ${kb(bytes.length)} raw, ${kb(gzipBytes(bytes))} gzip`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runEntryBench(): Promise<void> {
  await measureScriptTag();
  console.log('npm entries alone (a page importing one entry; gzip):');
  for (const entry of packageEntries()) await measureEntry(entry.specifier, entry.source);
}
