// A peer's connection quality as five bars coloured by level: the tile and the participant list
// draw it the same way, from here. The label names the score for screen readers.
import { css, html, type TemplateResult } from 'lit';
import { token } from '../styles/tokens.ts';

export type QualityLevel = 'good' | 'fair' | 'poor';

/** A 0-5 score's level: 4 and up good, 2 and up fair, below poor. */
export function qualityLevel(score: number): QualityLevel {
  return score >= 4 ? 'good' : score >= 2 ? 'fair' : 'poor';
}

/** The bars for `score`, as `<span part="quality" role="img">` named `label`. */
export function qualityBars(score: number, label: string): TemplateResult {
  return html`<span
    part="quality"
    class="quality ${qualityLevel(score)}"
    role="img"
    aria-label=${label}
    >${[1, 2, 3, 4, 5].map((bar) => html`<i class="bar" ?data-on=${bar <= score}></i>`)}</span
  >`;
}

/** The bars' styles, for the elements that draw them. */
export const qualityBarStyles = css`
  .quality {
    display: inline-flex;
    align-items: flex-end;
    gap: 1px;
    block-size: 12px;
  }
  .quality .bar {
    inline-size: 3px;
    background: currentColor;
    opacity: 0.3;
  }
  .quality .bar:nth-child(1) {
    block-size: 20%;
  }
  .quality .bar:nth-child(2) {
    block-size: 40%;
  }
  .quality .bar:nth-child(3) {
    block-size: 60%;
  }
  .quality .bar:nth-child(4) {
    block-size: 80%;
  }
  .quality .bar:nth-child(5) {
    block-size: 100%;
  }
  .quality .bar[data-on] {
    opacity: 1;
  }
  .quality.good {
    color: ${token('color-quality-good')};
  }
  .quality.fair {
    color: ${token('color-quality-fair')};
  }
  .quality.poor {
    color: ${token('color-quality-poor')};
  }
`;
