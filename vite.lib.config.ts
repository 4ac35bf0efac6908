// Builds the npm package (`npm run build:lib`) in packages/convene: its JavaScript into dist/
// (tsc -p tsconfig.lib.json adds the declarations beside it), and beside package.json the files
// it ships from the repository (the manifest, the editors' data, the licence). The entries are
// the package's `exports` (scripts/package-entries.ts). Modules keep their files, so a page that
// imports one element loads that element's modules and no other; dependencies stay imports, so
// the app's bundler shares one lit (and one mediasoup-client) with everything else on the page.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import {
  LIB_DIR,
  PACKAGE_DIR,
  ROOT,
  packageEntries,
  readPackageJson,
} from './scripts/package-entries.ts';
import { MANIFEST_FILES } from './scripts/manifest/manifest-files.mjs';

// What the package declares stays an import: its dependencies and peers (the React wrappers'
// react). Only what the compiler itself injects (its decorator helper) is inlined; anything else
// a module imports is caught by test/package, which checks every import is declared.
const pkg = readPackageJson();
const declared = [pkg.dependencies, pkg.peerDependencies].flatMap((list) =>
  Object.keys(list ?? {}),
);
const isDeclaredPackage = (id: string) =>
  declared.some((name) => id === name || id.startsWith(`${name}/`));

/** Files kept once in the repository (and committed there) that the package ships too. */
const SHIPPED_FROM_ROOT = ['LICENSE', ...Object.values(MANIFEST_FILES)];

function copyShippedFiles(): Plugin {
  return {
    name: 'convene-package-files',
    closeBundle() {
      for (const file of SHIPPED_FROM_ROOT) {
        copyFileSync(path.join(ROOT, file), path.join(ROOT, PACKAGE_DIR, file));
      }
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [copyShippedFiles()],
  build: {
    outDir: path.join(ROOT, PACKAGE_DIR, LIB_DIR),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    reportCompressedSize: false,
    lib: {
      entry: Object.fromEntries(
        packageEntries().map((entry) => [
          entry.source.replace(/^src\//, '').replace(/\.ts$/, ''),
          path.join(ROOT, entry.source),
        ]),
      ),
      formats: ['es'],
    },
    rolldownOptions: {
      external: isDeclaredPackage,
      output: {
        preserveModules: true,
        preserveModulesRoot: path.join(ROOT, 'src'),
        entryFileNames: '[name].js',
      },
    },
  },
  esbuild: { target: 'es2022' },
});
