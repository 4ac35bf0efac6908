// react-dom ships no types and @types/react-dom is not installed: the little of
// react-dom the React wrappers' test uses.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}

declare module 'react-dom' {
  export function flushSync(update: () => void): void;
}
