// Runs the Custom Elements Manifest analyzer on a checkout (ours, or a test's fixture) with the
// custom-elements-manifest.config.mjs found there, and returns the manifest. Each run is its own
// process: the analyzer's plugins keep state between runs in one process (a second run there
// loses modules).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');

/** The manifest (schema 1.0.0) of the checkout at `root`. */
export async function analyzeElements(root) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'convene-manifest-'));
  try {
    // The analyzer joins --outdir to its working directory.
    await promisify(execFile)(
      process.execPath,
      [cem, 'analyze', '--quiet', '--outdir', path.relative(root, outdir)],
      { cwd: root },
    );
    return JSON.parse(readFileSync(path.join(outdir, 'custom-elements.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
