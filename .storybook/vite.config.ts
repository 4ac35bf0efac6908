// Vite settings for Storybook alone: the elements' TypeScript (legacy decorators, no define
// semantics for class fields) comes from tsconfig.json; nothing of the pages' build.
import { defineConfig } from 'vite';

export default defineConfig({
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
