// axe-core run inside a test page: the violations a person with a screen reader or a keyboard
// would meet there, through every open shadow root (axe walks them by itself).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The first few offending nodes, as CSS selectors (shadow paths joined by " >>> "). */
  targets: string[];
}

/** Runs axe on the whole page and answers its violations (an empty list when there are none). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: (string | string[])[] }[];
      }[];
    };
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }
    ).axe;
    // Colours read mid-transition (a control just pressed) are neither state's: running
    // transitions are finished first. document.getAnimations() leaves out shadow trees, where
    // every control lives, so each shadow root is asked too; and a page in a background tab
    // may not advance its transitions, so they are jumped to their end rather than awaited.
    // Endless animations, such as spinners, are left alone.
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++)
      for (const element of roots[i]!.querySelectorAll('*'))
        if (element.shadowRoot) roots.push(element.shadowRoot);
    for (const root of roots)
      for (const animation of root.getAnimations())
        if (animation instanceof CSSTransition) animation.finish();
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .slice(0, 5)
        .map((node) =>
          node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' >>> '),
        ),
    }));
  });
}

/** A readable line per violation, for an assertion message. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`).join('\n');
