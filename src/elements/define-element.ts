// Registers a custom element once: a second copy of the kit on the same page finds the tag taken
// and uses the first copy's element instead of throwing. The page's context root comes first.
import { attachContextRoot } from '../context.ts';

export function defineElement(tag: string, element: CustomElementConstructor): void {
  // Only a page registers. Imported under Node (server rendering in Next.js, Nuxt, SvelteKit),
  // lit's server build has put a stand-in `customElements` on globalThis; registered there, lit
  // SSR would render these elements on the server, which they do not support (they need a room
  // client and media). Left alone, the tags upgrade when the same module runs in the browser.
  if (typeof document === 'undefined' || typeof customElements === 'undefined') return;
  attachContextRoot();
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another copy of Convene; using that one.`);
  }
}
