// Builds the pages the server serves (the meeting page, its iframe twin) into dist/pages. The library builds for
// npm and the script tag come with the embedding work.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/pages'),
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/pages'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        meeting: resolve(import.meta.dirname, 'src/pages/meeting.html'),
        embed: resolve(import.meta.dirname, 'src/pages/embed.html'),
        recorder: resolve(import.meta.dirname, 'src/pages/recorder.html'),
      },
    },
  },
  esbuild: { target: 'es2022' },
});
