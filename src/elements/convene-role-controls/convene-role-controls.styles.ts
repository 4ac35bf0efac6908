// <convene-role-controls>'s styles: a small menu button, its menu below it at the inline end,
// and two modal dialogs.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: inline-block;
    position: relative;
    color: ${token('color-text')};
    font-size: ${token('font-size-small')};
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }

  .trigger {
    display: inline-grid;
    place-items: center;
    padding: ${token('space-1')};
    border: 0;
    border-radius: ${token('radius-control')};
    background: transparent;
    font-size: ${token('font-size-medium')};
  }
  .trigger:hover,
  .trigger[aria-expanded='true'] {
    background: ${token('color-tile')};
  }

  .menu {
    position: absolute;
    inset-inline-end: 0;
    inset-block-start: 100%;
    z-index: 1;
    display: flex;
    flex-direction: column;
    min-inline-size: max-content;
    margin-block-start: ${token('space-1')};
    padding-block: ${token('space-1')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-control')};
    background: ${token('color-surface')};
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }

  .menu-item {
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border: 0;
    background: transparent;
    text-align: start;
  }
  .menu-item:hover,
  .menu-item:focus-visible {
    background: ${token('color-tile')};
  }
  .menu-item:focus-visible {
    outline-offset: -2px;
  }
  .danger {
    color: ${token('color-danger')};
  }

  .error {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
    margin-block-start: ${token('space-1')};
    color: ${token('color-danger')};
  }
  .dismiss {
    padding-block: 0;
    padding-inline: ${token('space-1')};
    border: 1px solid currentColor;
    border-radius: ${token('radius-control')};
    background: transparent;
  }

  dialog {
    max-inline-size: min(28rem, 90vw);
    padding: ${token('space-4')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-tile')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font-size: ${token('font-size-medium')};
  }
  dialog h2 {
    margin-block: 0 ${token('space-2')};
    font-size: ${token('font-size-medium')};
  }
  dialog p {
    margin-block: 0 ${token('space-3')};
    color: ${token('color-text-muted')};
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: ${token('space-1')};
    margin: 0;
    padding: ${token('space-2')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-control')};
  }
  .role-option {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
  }
  .reason-label {
    display: flex;
    flex-direction: column;
    gap: ${token('space-1')};
  }
  .reason-label input {
    font: inherit;
    padding: ${token('space-1')} ${token('space-2')};
    border: 1px solid ${token('color-text-muted')};
    border-radius: ${token('radius-control')};
  }
  .dialog-buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: ${token('space-2')};
    margin-block-start: ${token('space-4')};
  }
  .dialog-buttons button {
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: 1px solid ${token('color-text-muted')};
    border-radius: ${token('radius-control')};
    background: transparent;
  }
  .dialog-buttons .confirm {
    border-color: ${token('color-accent')};
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }
  .dialog-buttons .confirm.danger {
    border-color: ${token('color-danger')};
    background: ${token('color-danger')};
  }

  @media (prefers-reduced-motion: no-preference) {
    .trigger,
    .menu-item {
      transition: background-color ${token('transition-fast')} ease-out;
    }
  }
`;
