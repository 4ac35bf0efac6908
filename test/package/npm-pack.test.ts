// What `npm pack` ships: the library build, its declarations, README, LICENSE and the Custom
// Elements Manifest; never tests, stories, server code, benches or TypeScript sources. Every
// target of package.json `exports` is in the tarball, and the declarations type-check for an app
// that imports the package by its names.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { LIB_DIR, ROOT, packageEntries, readPackageJson } from '../../scripts/package-entries.ts';

let packed: Set<string>;

before(() => {
  assert.ok(
    existsSync(path.join(ROOT, LIB_DIR, 'index.js')),
    'the library is not built: run npm run build:lib',
  );
  const report = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [tarball] = JSON.parse(report) as { files: { path: string }[] }[];
  packed = new Set(tarball!.files.map((file) => file.path));
});

test('the tarball holds no tests, stories, server code, benches, scripts or sources', () => {
  const shipped = [...packed];
  for (const folder of ['test/', 'stories/', 'server/', 'bench/', 'scripts/', 'src/', 'docs/'])
    assert.deepEqual(
      shipped.filter((file) => file.startsWith(folder)),
      [],
      `${folder} is shipped`,
    );
  assert.deepEqual(
    shipped.filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith('.d.ts')),
    [],
    'TypeScript sources are shipped',
  );
  // Beside the library: the manifest and the editors' data made from it (npm run manifest), and
  // the `bin` script, which npm always packs: the server's CLI (`npx convene` in a checkout).
  const outsideLib = shipped.filter((file) => !file.startsWith(`${LIB_DIR}/`));
  assert.deepEqual(outsideLib.sort(), [
    'LICENSE',
    'README.md',
    'bin/convene.mjs',
    'custom-elements.json',
    'package.json',
    'vscode.html-custom-data.json',
    'web-types.json',
  ]);
});

test('every JavaScript entry of `exports` is packed with its declarations', () => {
  const entries = packageEntries();
  assert.ok(entries.some((entry) => entry.specifier === 'convene/elements/convene-grid'));
  for (const entry of entries) {
    assert.ok(packed.has(entry.module), `${entry.specifier}: ${entry.module} is not packed`);
    assert.ok(packed.has(entry.types), `${entry.specifier}: ${entry.types} is not packed`);
  }
});

test('every file `exports` names outright is packed', () => {
  const files = Object.values(readPackageJson().exports)
    .filter((target) => typeof target === 'string')
    .map((target) => target.replace(/^\.\//, ''));
  // The manifest is committed (npm run manifest writes it), so a clean clone packs it too.
  assert.ok(files.includes('custom-elements.json'));
  for (const file of files) assert.ok(packed.has(file), `${file} is not packed`);
});

test('the packed declarations type-check in an app that imports the package by its names', () => {
  const app = mkdtempSync(path.join(tmpdir(), 'convene-types-'));
  try {
    // The tarball as npm would install it, beside the dependencies this checkout has.
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', app], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const { version } = readPackageJson();
    execFileSync('tar', ['-xzf', `convene-${version}.tgz`], { cwd: app });
    const modules = path.join(app, 'node_modules');
    mkdirSync(modules);
    renameSync(path.join(app, 'package'), path.join(modules, 'convene'));
    for (const dependency of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (dependency === '.bin' || dependency === 'convene') continue;
      symlinkSync(path.join(ROOT, 'node_modules', dependency), path.join(modules, dependency));
    }
    writeFileSync(path.join(app, 'package.json'), '{"type":"module"}\n');
    writeFileSync(
      path.join(app, 'app.ts'),
      [
        "import { RoomClient, type RoomState } from 'convene/client';",
        "import { ConveneGrid } from 'convene/elements/convene-grid';",
        "import { ConveneMeeting, ConveneJoinedEvent } from 'convene';",
        "const grid: ConveneGrid = document.createElement('convene-grid');",
        "const meeting: HTMLElementTagNameMap['convene-meeting'] = new ConveneMeeting();",
        "meeting.addEventListener('convene-joined', (event: ConveneJoinedEvent) => void event);",
        'export const used: [typeof RoomClient, RoomState | undefined, ConveneGrid] = [RoomClient, undefined, grid];',
        '',
      ].join('\n'),
    );
    // An app's usual settings: strict, no allowImportingTsExtensions, libraries checked too.
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ['app.ts'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app],
      { encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
