// <convene-preview>'s styles: the self-view on top, the meter under it, then toggles, help,
// device choices, the name and Join, in one column.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    max-inline-size: 32rem;
    color: ${token('color-text')};
    font-size: ${token('font-size-medium')};
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: ${token('space-3')};
  }

  .stage {
    position: relative;
    aspect-ratio: 16 / 9;
    overflow: hidden;
    border-radius: ${token('radius-tile')};
    background: ${token('color-tile')};
    color: ${token('color-on-tile')};
  }

  video {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  /* A self-view reads like a mirror: raising the right hand raises the hand on the right. */
  video.mirrored {
    transform: scaleX(-1);
  }

  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    color: ${token('color-text-muted')};
  }

  .meter {
    block-size: 6px;
    overflow: hidden;
    border-radius: ${token('radius-control')};
    background: ${token('color-tile')};
  }

  .meter-level {
    block-size: 100%;
    background: ${token('color-speaking')};
    transition: inline-size 60ms linear;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }

  button,
  select,
  input {
    font: inherit;
    color: inherit;
    border-radius: ${token('radius-control')};
  }

  button {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-2')};
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border: 1px solid ${token('color-tile-placeholder')};
    background: ${token('color-tile')};
    cursor: pointer;
    transition: background-color ${token('transition-fast')} ease-out;
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  /* Off stands out as in the control bar; danger text on the tile colour was too faint (4.3:1). */
  .toggle[aria-pressed='false'] {
    border-color: transparent;
    background: ${token('color-danger')};
    color: ${token('color-on-accent')};
  }

  .help.empty {
    display: contents;
  }

  .help p {
    margin: 0 0 ${token('space-2')};
  }

  .devices {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: ${token('space-2')};
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: ${token('space-1')};
    font-size: ${token('font-size-small')};
  }

  select,
  input {
    min-inline-size: 0;
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-2')};
    border: 1px solid ${token('color-tile-placeholder')};
    background: ${token('color-surface')};
    font-size: ${token('font-size-medium')};
  }

  input[aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }

  .name-error {
    margin: 0;
    color: ${token('color-danger')};
    font-size: ${token('font-size-small')};
  }

  .join {
    justify-content: center;
    border-color: transparent;
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
    font-weight: 600;
  }

  @media (prefers-reduced-motion: reduce) {
    .meter-level,
    button {
      transition: none;
    }
  }
`;
