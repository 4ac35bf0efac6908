// Styles every Convene element starts from: box sizing, the `hidden` attribute, a focus ring and
// text kept for screen readers only.
import { css } from 'lit';
import { token } from './tokens.ts';

export const componentStyles = css`
  :host {
    box-sizing: border-box;
    font-family: ${token('font-family')};
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
