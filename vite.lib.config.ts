// Builds the npm package's JavaScript into dist/lib (`npm run build:lib`; tsc -p tsconfig.lib.json
// adds the declarations beside it). The entries are package.json's `exports`
// (scripts/package-entries.ts). Modules keep their files, so a page that imports one element
// loads that element's modules and no other; dependencies stay imports, so the app's bundler
// shares one lit (and one mediasoup-client) with everything else on the page.
import { defineConfig } from 'vite';
import path from 'node:path';
import { LIB_DIR, ROOT, packageEntries, readPackageJson } from './scripts/package-entries.ts';

// Every package the manifest names stays an import: dependencies, and peer or dev ones too (the
// React wrappers' react). Only what the compiler itself injects (its decorator helper) is inlined.
const pkg = readPackageJson() as ReturnType<typeof readPackageJson> &
  Partial<Record<'dependencies' | 'peerDependencies' | 'devDependencies', Record<string, string>>>;
const named = [pkg.dependencies, pkg.peerDependencies, pkg.devDependencies].flatMap((list) =>
  Object.keys(list ?? {}),
);
const isNamedPackage = (id: string) =>
  named.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  publicDir: false,
  build: {
    outDir: path.join(ROOT, LIB_DIR),
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
      external: isNamedPackage,
      output: {
        preserveModules: true,
        preserveModulesRoot: path.join(ROOT, 'src'),
        entryFileNames: '[name].js',
      },
    },
  },
  esbuild: { target: 'es2022' },
});
