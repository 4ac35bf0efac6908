// Svelte leaves hyphenated tags such as <convene-meeting> to the browser: nothing to configure.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
});
