// Convene's design tokens: every colour, space, radius, font and duration the elements use, as
// --convene-* custom properties with a light and a dark default.
//
// Elements read a token as `var(--convene-name, default)`, so a page themes every element by
// setting the property on any ancestor (`:root`, a <convene-room>) and nothing is declared on
// the page. Light or dark follows the inherited `color-scheme` (CSS `light-dark()`): set
// `color-scheme: dark` (or `light dark` to follow the system) on the page or an element.
import { unsafeCSS } from 'lit';
import type { CSSResult } from 'lit';

/** Each token's default: one value, or `[light, dark]`. */
export const TOKEN_DEFAULTS = {
  'color-surface': ['#f4f5f7', '#121418'],
  'color-tile': ['#dfe2e8', '#23262d'],
  'color-tile-placeholder': ['#c7ccd6', '#343842'],
  'color-on-tile': ['#1b1e24', '#eef0f4'],
  'color-overlay': ['rgb(255 255 255 / 0.8)', 'rgb(0 0 0 / 0.55)'],
  'color-text': ['#1b1e24', '#eef0f4'],
  'color-text-muted': ['#555b66', '#a7adb8'],
  'color-accent': ['#2f5bd3', '#7aa2ff'],
  'color-on-accent': ['#ffffff', '#0b1020'],
  'color-speaking': ['#14a06a', '#3ddc97'],
  'color-danger': ['#c62828', '#ff6b6b'],
  'color-quality-good': ['#14a06a', '#3ddc97'],
  'color-quality-fair': ['#b7791f', '#f6c453'],
  'color-quality-poor': ['#c62828', '#ff6b6b'],
  'color-focus-ring': ['#2f5bd3', '#7aa2ff'],
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
  'radius-tile': '12px',
  'radius-control': '8px',
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-size-small': '0.8125rem',
  'font-size-medium': '0.9375rem',
  'focus-ring-width': '2px',
  'speaking-ring-width': '3px',
  'transition-fast': '120ms',
} as const satisfies Record<string, string | readonly [string, string]>;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

/** `var(--convene-<name>, <default>)`, ready to use in an element's `css` template. */
export function token(name: TokenName): CSSResult {
  const fallback: string | readonly [string, string] = TOKEN_DEFAULTS[name];
  const value =
    typeof fallback === 'string' ? fallback : `light-dark(${fallback[0]}, ${fallback[1]})`;
  // Both halves come from the constant table above, never from input.
  return unsafeCSS(`var(--convene-${name}, ${value})`);
}
