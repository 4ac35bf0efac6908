// Modules these tests use that publish no types (and whose @types are not installed): the little
// of each that is read here.
declare module '@storybook/web-components/entry-preview-argtypes' {
  export const parameters: { docs: unknown };
}

declare module 'react-dom/server' {
  import type { ReactNode } from 'react';
  export function renderToString(node: ReactNode): string;
}
