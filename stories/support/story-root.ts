// The root every story renders in: the toolbar's theme, language and direction applied as
// `color-scheme`, `lang` and `dir`, which the elements inherit. Used by .storybook/preview.ts
// and by the stories' browser test, so both render a story the same way.
import { html } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';

export const THEMES = ['light', 'dark'] as const;
export const LANGUAGES = ['en', 'es', 'de'] as const;
export const DIRECTIONS = ['ltr', 'rtl'] as const;

export interface StoryRootGlobals {
  theme?: (typeof THEMES)[number];
  lang?: (typeof LANGUAGES)[number];
  dir?: (typeof DIRECTIONS)[number];
}

export const withStoryRoot: Decorator = (story, { globals }) => {
  const { theme = 'light', lang = 'en', dir = 'ltr' } = globals as StoryRootGlobals;
  return html`<div
    class="convene-story-root"
    lang=${lang}
    dir=${dir}
    style="color-scheme: ${theme}; padding: 16px; min-height: 100vh; box-sizing: border-box;
      background: light-dark(#f4f5f7, #121418); color: light-dark(#1b1e24, #eef0f4);
      font-family: system-ui, sans-serif"
  >
    ${story()}
  </div>`;
};
