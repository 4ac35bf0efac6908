// Vue compiles <convene-*> tags as custom elements, left to the browser, not as Vue components.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    vue({
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('convene-') } },
    }),
  ],
});
