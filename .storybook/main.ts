// Storybook for Convene's elements: the web-components framework on vite, stories from stories/,
// nothing that reaches the network (no telemetry, no addons beyond what core ships).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    // The project's vite.config.ts builds the served pages (root src/pages, dist/pages);
    // Storybook gets its own, empty of those.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true },
};

export default config;
