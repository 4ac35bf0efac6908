// <convene-toasts>'s styles: a column of toasts fixed at the inline end of the top (or the
// bottom centre), written in logical properties so right-to-left pages mirror it.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    --_enter-offset: -8px;
    position: fixed;
    z-index: var(--convene-toasts-z-index, 1000);
    inset-block-start: ${token('space-4')};
    inset-inline-end: ${token('space-4')};
    inline-size: min(var(--convene-toasts-width, 22rem), calc(100vw - 2 * ${token('space-4')}));
    /* The empty space around the toasts lets clicks through to the room. */
    pointer-events: none;
    color: ${token('color-text')};
    font-size: ${token('font-size-medium')};
  }

  :host([placement='bottom-center']) {
    --_enter-offset: 8px;
    inset-block-start: auto;
    inset-block-end: ${token('space-4')};
    inset-inline: 0;
    margin-inline: auto;
  }

  .region {
    display: flex;
    flex-direction: column;
    gap: ${token('space-2')};
  }

  /* An empty region takes no room, so the gap goes only between two that show toasts. */
  .region:has(.toast) ~ .region:has(.toast) {
    margin-block-start: ${token('space-2')};
  }

  .toast {
    pointer-events: auto;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')} ${token('space-2')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-inline-start: 4px solid ${token('color-text-muted')};
    border-radius: ${token('radius-control')};
    background: ${token('color-surface')};
    animation: enter ${token('transition-fast')} ease-out;
  }

  .toast[data-type='request'] {
    border-inline-start-color: ${token('color-accent')};
  }

  .toast[data-type='error'] {
    border-inline-start-color: ${token('color-danger')};
  }

  .message {
    flex: 1 1 12rem;
    margin: 0;
    overflow-wrap: anywhere;
  }

  .actions {
    display: flex;
    gap: ${token('space-2')};
    margin-inline-start: auto;
  }

  button {
    font: inherit;
    font-size: ${token('font-size-small')};
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: 1px solid ${token('color-accent')};
    border-radius: ${token('radius-control')};
    background: transparent;
    color: ${token('color-accent')};
    cursor: pointer;
  }

  button.accept {
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }

  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }

  button.dismiss {
    display: inline-grid;
    place-items: center;
    align-self: flex-start;
    padding: ${token('space-1')};
    border-color: transparent;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-medium')};
  }

  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(var(--_enter-offset));
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .toast {
      animation: none;
    }
  }
`;
