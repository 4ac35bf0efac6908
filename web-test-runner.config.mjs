// Element tests, the room client's and the embed's unit tests in Debian's Chromium (no browser download):
// TypeScript through esbuild with the project's tsconfig (legacy decorators, no define semantics
// for class fields), fake camera and microphone for getUserMedia; React served as ES modules.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium-args.mjs';
import { hlsFixtureMiddleware, makeHlsFixture } from './test/support/hls-fixture.mjs';
import { reactAsEsm } from './test/support/react-esm.mjs';

export default {
  files: ['test/elements/**/*.test.ts', 'test/client/**/*.test.ts', 'test/embed/**/*.test.ts'],
  nodeResolve: true,
  // A real HLS stream for <convene-hls-player>'s tests, made by ffmpeg as the runner starts.
  middleware: [hlsFixtureMiddleware(makeHlsFixture())],
  concurrency: 1,
  plugins: [
    // React for the wrappers' test (src/react), as ES modules.
    reactAsEsm(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  testFramework: {
    config: { timeout: 10000 },
  },
  // A file's tests together: test/elements/stories.test.ts renders every story (over a hundred)
  // and runs axe on each, which takes minutes on a shared two-core machine (default 120 s).
  testsFinishTimeout: 600000,
};
