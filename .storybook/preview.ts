// Global toolbar settings for every story: theme, language and direction, applied by one
// decorator on the story's root; simulated rooms are closed when their story unmounts. The
// Custom Elements Manifest (npm run manifest) gives every story's component its argTypes and
// docs tables: attributes, properties, events, slots, parts and CSS properties from the JSDoc.
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json' with { type: 'json' };
import '../src/index.ts';
import { closeSimulatedRooms } from '../stories/support/simulated.ts';
import { DIRECTIONS, LANGUAGES, THEMES, withStoryRoot } from '../stories/support/story-root.ts';

setCustomElementsManifest(manifest);

const preview: Preview = {
  decorators: [withStoryRoot],
  globalTypes: {
    theme: {
      description: 'Light or dark tokens (color-scheme)',
      toolbar: { title: 'Theme', icon: 'mirror', items: [...THEMES], dynamicTitle: true },
    },
    lang: {
      description: 'Language of the elements (lang)',
      toolbar: { title: 'Language', icon: 'globe', items: [...LANGUAGES], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction (dir)',
      toolbar: { title: 'Direction', icon: 'transfer', items: [...DIRECTIONS], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', lang: 'en', dir: 'ltr' },
  parameters: { layout: 'fullscreen' },
  // Whatever a story's simulated room drew stops when the story goes.
  beforeEach: () => closeSimulatedRooms,
};

export default preview;
