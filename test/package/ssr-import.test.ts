// Server rendering (Next.js, Nuxt, SvelteKit) imports the package under Node, where there is no
// window, document or customElements: every entry must import there without throwing, put no
// DOM global in place and register no element (lit's server build brings its own stand-in
// `customElements`; an element registered there would be rendered by lit SSR).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LIB_DIR, PACKAGE_DIR, ROOT, packageEntries } from '../../scripts/package-entries.ts';

/** Inside the package, its own name resolves to its `exports`, as it does in an app that installed it. */
const PACKAGE = path.join(ROOT, PACKAGE_DIR);

interface ImportReport {
  exports: number;
  window: string;
  document: string;
  /** The tags defined in whatever `customElements` is there after the import. */
  defined: string[];
}

const entries = packageEntries();
const tags = entries
  .map((entry) => /^convene\/elements\/(.+)$/.exec(entry.specifier)?.[1])
  .filter((tag) => tag !== undefined);

/** Imports one entry by its package name in a fresh Node, as a server-rendering app would. */
function importInNode(specifier: string): ImportReport {
  const script = `
    const module = await import(${JSON.stringify(specifier)});
    const registry = globalThis.customElements;
    const defined = ${JSON.stringify(tags)}.filter((tag) => registry?.get(tag) !== undefined);
    console.log(JSON.stringify({
      exports: Object.keys(module).length,
      window: typeof window,
      document: typeof document,
      defined,
    }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PACKAGE,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ImportReport;
}

test('the library is built', () => {
  assert.ok(
    existsSync(path.join(PACKAGE, LIB_DIR, 'index.js')),
    'the library is not built: run npm run build:lib',
  );
  assert.ok(tags.includes('convene-meeting') && tags.includes('convene-grid'));
});

for (const entry of entries) {
  test(`${entry.specifier} imports under Node without a DOM and registers nothing`, () => {
    const report = importInNode(entry.specifier);
    assert.ok(report.exports > 0, `${entry.specifier} exports nothing`);
    assert.equal(report.window, 'undefined');
    assert.equal(report.document, 'undefined');
    assert.deepEqual(report.defined, []);
  });
}
