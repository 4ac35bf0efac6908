// Icons from one set, lucide, imported one by one so a bundle holds only those it uses:
// `icon(Mic)` in a template. They draw with `currentColor` at 1em, so they take the text's colour
// and size, and are hidden from screen readers: the control that holds one carries its name.
import { svg, type SVGTemplateResult } from 'lit';
import type { IconNode } from 'lucide';

/** An icon as an inline SVG: 1em square, stroked in the current colour, aria-hidden. */
export function icon(node: IconNode): SVGTemplateResult {
  return svg`<svg
    part="icon"
    class="icon"
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >${node.map(([tag, attributes]) => shape(tag, attributes))}</svg>`;
}

/** The shapes lucide draws with, each a template of its own (lit cannot bind a tag name). */
function shape(tag: string, a: Record<string, unknown>): SVGTemplateResult {
  switch (tag) {
    case 'path':
      return svg`<path d=${a.d as string}></path>`;
    case 'circle':
      return svg`<circle cx=${a.cx as string} cy=${a.cy as string} r=${a.r as string}></circle>`;
    case 'rect':
      return svg`<rect x=${a.x as string} y=${a.y as string} width=${a.width as string}
        height=${a.height as string} rx=${(a.rx as string) ?? '0'}></rect>`;
    case 'line':
      return svg`<line x1=${a.x1 as string} y1=${a.y1 as string} x2=${a.x2 as string}
        y2=${a.y2 as string}></line>`;
    case 'polyline':
      return svg`<polyline points=${a.points as string}></polyline>`;
    case 'polygon':
      return svg`<polygon points=${a.points as string}></polygon>`;
    case 'ellipse':
      return svg`<ellipse cx=${a.cx as string} cy=${a.cy as string} rx=${a.rx as string}
        ry=${a.ry as string}></ellipse>`;
    default:
      throw new Error(`icon: lucide shape <${tag}> is not drawn here yet`);
  }
}
