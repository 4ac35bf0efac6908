// The Custom Elements Manifest analyzer's settings (`npm run manifest`, or `npx cem analyze`):
// the elements and the events they fire, read with lit's decorators, tags from defineElement(),
// CSS custom properties from the JSDoc and the design tokens the styles read (src/styles/);
// public members only.
import {
  defineElementPlugin,
  designTokensPlugin,
  publicMembersPlugin,
  sortedModulesPlugin,
  summaryParagraphPlugin,
  typedEventsPlugin,
} from './scripts/manifest/convene-plugins.mjs';

export default {
  globs: ['src/elements/**/*.ts', 'src/events/*.ts', 'src/styles/*.ts'],
  exclude: ['**/strings.ts', '**/*.d.ts', 'src/elements/define-element.ts'],
  litelement: true,
  // package.json's customElements field is written by hand, beside web-types.
  packagejson: false,
  plugins: [
    defineElementPlugin(),
    typedEventsPlugin(),
    designTokensPlugin(),
    publicMembersPlugin(),
    summaryParagraphPlugin(),
    sortedModulesPlugin(),
  ],
};
