// The npm package's entries, read from the one table that declares them: the `exports` of
// packages/convene/package.json (the package people install; the repository's own package.json
// is the server's). A target `./dist/X.js` is built from `src/X.ts`; a `*` in it stands for each
// folder that has that file in src (one element per folder). The library build, the package
// tests and the bundle-size bench all read this, so a new entry is one line in `exports`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The package's folder, relative to the repository: what `npm pack` packs. */
export const PACKAGE_DIR = 'packages/convene';
/** Where the build writes the package's modules, relative to the package. */
export const LIB_DIR = 'dist';

export interface PackageEntry {
  /** What a user imports: `convene`, `convene/client`, `convene/elements/convene-grid`. */
  specifier: string;
  /** The source module, relative to the repository: `src/client/index.ts`. */
  source: string;
  /** The built module and its declarations, relative to the package: `dist/client/index.js`. */
  module: string;
  types: string;
}

interface ExportTarget {
  types: string;
  default: string;
}

export interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, ExportTarget | string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The package's manifest: packages/convene/package.json. */
export function readPackageJson(): PackageJson {
  return JSON.parse(
    readFileSync(path.join(ROOT, PACKAGE_DIR, 'package.json'), 'utf8'),
  ) as PackageJson;
}

/** `./dist/elements/*\/define.js` → `src/elements/*\/define.ts`. */
const sourceOf = (target: string) =>
  target.replace(new RegExp(`^\\./${LIB_DIR}/`), 'src/').replace(/\.js$/, '.ts');

/** The values `*` takes: the folders under the pattern's parent that hold the rest of it. */
function wildcardValues(sourcePattern: string): string[] {
  const [before, after] = sourcePattern.split('*') as [string, string];
  const parent = path.join(ROOT, before);
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(parent, entry.name + after)))
    .map((entry) => entry.name)
    .sort();
}

/** Every JavaScript entry of the package (plain files such as custom-elements.json left out). */
export function packageEntries(pkg: PackageJson = readPackageJson()): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    const source = sourceOf(target.default);
    const values = subpath.includes('*') ? wildcardValues(source) : [''];
    for (const value of values) {
      const fill = (pattern: string) => pattern.replace('*', value).replace(/^\.\//, '');
      entries.push({
        specifier: pkg.name + subpath.slice(1).replace('*', value),
        source: fill(source),
        module: fill(target.default),
        types: fill(target.types),
      });
    }
  }
  return entries;
}
