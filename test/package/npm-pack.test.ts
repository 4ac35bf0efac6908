// What `npm pack` of packages/convene ships: the library build, its declarations, README,
// LICENSE and the Custom Elements Manifest; never tests, stories, server code, benches or
// TypeScript sources. Every target of its `exports` is in the tarball, every package its modules
// import is one it declares (and none of the server's), and the declarations type-check for an
// app that imports the package by its names.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import {
  LIB_DIR,
  PACKAGE_DIR,
  ROOT,
  packageEntries,
  readPackageJson,
} from '../../scripts/package-entries.ts';

const PACKAGE = path.join(ROOT, PACKAGE_DIR);

let packed: Set<string>;

before(() => {
  assert.ok(
    existsSync(path.join(PACKAGE, LIB_DIR, 'index.js')),
    'the library is not built: run npm run build:lib',
  );
  const report = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: PACKAGE,
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
  // Beside the library: the manifest and the editors' data made from it (npm run manifest).
  const outsideLib = shipped.filter((file) => !file.startsWith(`${LIB_DIR}/`));
  assert.deepEqual(outsideLib.sort(), [
    'LICENSE',
    'README.md',
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

/** `react` → `@types/react`, `@scope/name` → `@types/scope__name`. */
const typesPackage = (name: string) => `@types/${name.replace(/^@/, '').replace('/', '__')}`;

/** The packages a module names: `lit/decorators.js` → `lit`, `@lit/context` → `@lit/context`. */
function packagesImportedBy(source: string): string[] {
  const specifiers = source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g);
  return [...specifiers]
    .map(([, specifier]) => specifier!)
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

test('every package the modules and declarations import is one the package declares', () => {
  const { dependencies = {}, peerDependencies = {} } = readPackageJson();
  const declared = new Set([...Object.keys(dependencies), ...Object.keys(peerDependencies)]);
  const imported = new Set<string>();
  for (const file of packed) {
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    const source = readFileSync(path.join(PACKAGE, file), 'utf8');
    for (const name of packagesImportedBy(source)) {
      imported.add(name);
      assert.ok(declared.has(name), `${file} imports ${name}, which the package does not declare`);
    }
  }
  // And nothing declared that no module needs: the server's packages stay the server's.
  assert.deepEqual(
    [...declared].filter((name) => !imported.has(name)),
    [],
    'declared but imported by no module',
  );
});

test("the package's dependency ranges are the ones this repository builds and tests with", () => {
  const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const { dependencies = {} } = readPackageJson();
  for (const [name, range] of Object.entries(dependencies)) {
    // One the repository names itself, or one of its dependencies brings (lit brings lit-html,
    // whose types the declarations name): then the range that dependency asks for.
    const requiredBy = Object.keys(root.dependencies).flatMap((dependency) => {
      const manifest = path.join(ROOT, 'node_modules', dependency, 'package.json');
      const wanted = (
        JSON.parse(readFileSync(manifest, 'utf8')) as {
          dependencies?: Record<string, string>;
        }
      ).dependencies?.[name];
      return wanted ? [wanted] : [];
    });
    const expected = root.dependencies[name] ?? root.devDependencies[name];
    assert.ok(
      expected === range || (expected === undefined && requiredBy.includes(range)),
      `${name}@${range}: the repository has ${expected ?? requiredBy.join(', ') ?? 'nothing'}`,
    );
  }
});

test('the packed declarations type-check in an app that imports the package by its names', () => {
  const app = mkdtempSync(path.join(tmpdir(), 'convene-types-'));
  try {
    // The tarball as npm would install it, beside the dependencies this checkout has.
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', app], {
      cwd: PACKAGE,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const { version } = readPackageJson();
    execFileSync('tar', ['-xzf', `convene-${version}.tgz`], { cwd: app });
    const modules = path.join(app, 'node_modules');
    mkdirSync(modules);
    renameSync(path.join(app, 'package'), path.join(modules, 'convene'));
    // Only what the package declares (and react's types, which an app on React has), so a
    // declaration that needs anything else fails here as it would in the app.
    const { dependencies = {}, peerDependencies = {} } = readPackageJson();
    const peers = Object.keys(peerDependencies);
    const installed = [...Object.keys(dependencies), ...peers, ...peers.map(typesPackage)];
    for (const dependency of installed) {
      const target = path.join(modules, dependency);
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules', dependency), target);
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
