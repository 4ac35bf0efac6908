// No React plugin: vite's own transform compiles the JSX (React's automatic runtime).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
});
