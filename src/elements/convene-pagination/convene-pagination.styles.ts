// <convene-pagination>'s styles: two round buttons around the page status; the chevrons turn
// round in a right-to-left page, where "previous" lies to the right.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    color: ${token('color-text')};
    font-size: ${token('font-size-small')};
  }

  .pagination {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: ${token('space-3')};
  }

  button {
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    padding: 0;
    border: none;
    border-radius: ${token('radius-control')};
    background: ${token('color-tile')};
    color: ${token('color-on-tile')};
    font: inherit;
    font-size: 1.25rem;
    line-height: 1;
    cursor: pointer;
  }

  button[aria-disabled='true'] {
    opacity: 0.4;
    cursor: default;
  }

  :host(:dir(rtl)) .icon {
    transform: scaleX(-1);
  }
`;
