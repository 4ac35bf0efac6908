// Registers a custom element once: a second copy of the kit on the same page finds the tag taken
// and uses the first copy's element instead of throwing. The page's context root comes first.
import { attachContextRoot } from '../context.ts';

export function defineElement(tag: string, element: CustomElementConstructor): void {
  attachContextRoot();
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another copy of Convene; using that one.`);
  }
}
