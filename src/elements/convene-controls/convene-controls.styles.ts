// <convene-controls>'s styles: a wrapping row of icon-and-label buttons; labels hide on a narrow
// bar (the accessible names stay), the reactions open above their button.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    container-type: inline-size;
    color: ${token('color-text')};
    font-size: ${token('font-size-small')};
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: ${token('space-2')};
    padding: ${token('space-2')};
  }

  .group {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }

  .group:empty {
    display: none;
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }

  .control {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: ${token('space-2')};
    min-block-size: 40px;
    min-inline-size: 40px;
    justify-content: center;
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border: 0;
    border-radius: ${token('radius-control')};
    background: ${token('color-tile')};
    color: ${token('color-on-tile')};
    transition:
      background-color ${token('transition-fast')} ease-out,
      color ${token('transition-fast')} ease-out;
  }

  .icon {
    flex: none;
    font-size: 1.25em;
  }

  /* Microphone and camera off stand out: the person should notice they cannot be heard or seen. */
  [part~='microphone'][aria-pressed='false'],
  [part~='camera'][aria-pressed='false'] {
    background: ${token('color-danger')};
    color: ${token('color-on-accent')};
  }

  [part~='screen'][aria-pressed='true'],
  [part~='hand'][aria-pressed='true'],
  .control[aria-expanded='true'] {
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }

  [part~='leave'] {
    background: ${token('color-danger')};
    color: ${token('color-on-accent')};
  }

  [part~='end-room'] {
    background: transparent;
    color: ${token('color-danger')};
    box-shadow: inset 0 0 0 1px currentColor;
  }

  .badge {
    position: absolute;
    inset-block-start: calc(-1 * ${token('space-1')});
    inset-inline-end: calc(-1 * ${token('space-1')});
    min-inline-size: 1.5em;
    padding-inline: ${token('space-1')};
    border-radius: 999px;
    background: ${token('color-danger')};
    color: ${token('color-on-accent')};
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1.5em;
    text-align: center;
  }

  .reactions {
    position: relative;
    display: inline-flex;
  }

  .reactions-menu {
    position: absolute;
    z-index: 1;
    inset-block-end: calc(100% + ${token('space-2')});
    inset-inline-start: 0;
    display: flex;
    gap: ${token('space-1')};
    padding: ${token('space-1')};
    border-radius: ${token('radius-control')};
    background: ${token('color-surface')};
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
  }

  .reaction {
    inline-size: 40px;
    block-size: 40px;
    border: 0;
    border-radius: ${token('radius-control')};
    background: transparent;
    font-size: 1.4em;
    line-height: 1;
  }

  .reaction:hover {
    background: ${token('color-tile')};
  }

  .error {
    display: none;
    align-items: center;
    justify-content: center;
    gap: ${token('space-2')};
    padding-block-end: ${token('space-2')};
    padding-inline: ${token('space-2')};
    color: ${token('color-danger')};
  }

  .error[data-shown] {
    display: flex;
  }

  .dismiss,
  dialog button {
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: 1px solid currentColor;
    border-radius: ${token('radius-control')};
    background: transparent;
  }

  dialog {
    max-inline-size: min(28rem, calc(100vw - 2 * ${token('space-4')}));
    padding: ${token('space-4')};
    border: 0;
    border-radius: ${token('radius-tile')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }

  dialog h2 {
    margin-block: 0 ${token('space-2')};
    font-size: ${token('font-size-medium')};
  }

  dialog p {
    margin-block: 0 ${token('space-3')};
  }

  .lock {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
  }

  .hint {
    margin-inline-start: calc(1.25em + ${token('space-2')});
    color: ${token('color-text-muted')};
  }

  .actions {
    display: flex;
    justify-content: flex-end;
    gap: ${token('space-2')};
  }

  dialog button.danger {
    border-color: transparent;
    background: ${token('color-danger')};
    color: ${token('color-on-accent')};
  }

  /* A narrow bar keeps the icons; the labels stay for screen readers. */
  @container (max-width: 40rem) {
    .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .control {
      padding-inline: ${token('space-2')};
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .control {
      transition: none;
    }
  }
`;
