// Builds the script-tag bundle (`npm run build:sdk`): src/index.ts and everything it can load,
// mediasoup-client and hls.js included, in one classic script, dist/sdk/convene-<version>.js,
// that registers every element and sets `window.Convene` to the package's exports. Beside it,
// integrity.json holds its subresource-integrity hash, which the server publishes at /sdk/.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { ROOT, readPackageJson } from './scripts/package-entries.ts';
import { SDK_DIR, sdkFileName, type SdkIntegrity } from './server/api/sdk-files.ts';

const { version } = readPackageJson();

/** Hashes the bytes as written, so the published hash is the one a browser computes. */
function integrityFile(): Plugin {
  // Where this build writes: dist/sdk, or the folder the bundle-size bench gives.
  let outDir = path.join(ROOT, SDK_DIR);
  return {
    name: 'convene-sdk-integrity',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const file = sdkFileName(version);
      const bytes = readFileSync(path.join(outDir, file));
      const integrity: SdkIntegrity = {
        version,
        file,
        integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
      };
      writeFileSync(path.join(outDir, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [integrityFile()],
  build: {
    outDir: path.join(ROOT, SDK_DIR),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    lib: {
      entry: path.join(ROOT, 'src/index.ts'),
      formats: ['iife'],
      name: 'Convene',
      fileName: () => sdkFileName(version),
    },
    rolldownOptions: {
      // One file: what the elements load with import() (the room client, mediasoup-client,
      // hls.js, the chat and streaming panels) is inlined, since a classic script has no chunks.
      output: { codeSplitting: false },
    },
  },
  esbuild: { target: 'es2022' },
});
