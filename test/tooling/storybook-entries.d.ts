// Storybook's web-components renderer publishes no types for its argTypes entry: what
// storybook-argtypes.test.ts reads of it.
declare module '@storybook/web-components/entry-preview-argtypes' {
  export const parameters: { docs: unknown };
}
