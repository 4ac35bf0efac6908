import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    block-size: 100%;
    min-block-size: 20rem;
    color-scheme: light dark;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    container-type: inline-size;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  .base {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    min-block-size: inherit;
  }
  .preview {
    margin: auto;
    max-inline-size: 40rem;
    inline-size: 100%;
  }
  .room {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  .stage {
    flex: 1;
    display: flex;
    gap: ${token('space-2')};
    min-block-size: 0;
    padding: ${token('space-2')};
    position: relative;
  }
  /* The grid and, over it, the toasts: they stay inside the meeting and off the panel. */
  .call {
    flex: 1;
    display: flex;
    min-inline-size: 0;
    min-block-size: 0;
    position: relative;
  }
  .grid {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 0;
  }
  .toasts {
    position: absolute;
    z-index: 1;
  }
  /* A viewer's stream covers the grid (which shows only the viewer's own tile). */
  .stream {
    position: absolute;
    inset: 0;
  }
  .panel {
    display: flex;
    flex-direction: column;
    inline-size: var(--convene-meeting-panel-width, 22rem);
    min-block-size: 0;
    border-radius: ${token('radius-tile')};
    background: ${token('color-tile')};
    overflow: hidden;
  }
  .panel-body {
    flex: 1;
    min-block-size: 0;
  }
  .panel-close,
  .rejoin {
    font: inherit;
    cursor: pointer;
    border: 0;
    border-radius: ${token('radius-control')};
    padding: ${token('space-2')} ${token('space-3')};
  }
  .panel-close {
    align-self: flex-end;
    margin: ${token('space-2')};
    background: transparent;
    color: inherit;
    font-size: ${token('font-size-small')};
  }
  .rejoin {
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }
  .ended {
    margin: auto;
    padding: ${token('space-4')};
    text-align: center;
    max-inline-size: 32rem;
  }
  .ended h2:focus {
    outline: none;
  }
  .ended-detail {
    color: ${token('color-text-muted')};
    overflow-wrap: anywhere;
  }
  /* A phone: the panel covers the call as a sheet, its close button in reach. */
  @container (max-width: 47.99rem) {
    .panel {
      position: absolute;
      inset: 0;
      inline-size: auto;
      border-radius: 0;
      /* As the toasts', and later in the stage: the sheet covers them while open, so its close
         button stays free; what a toast asks waits until the sheet closes. */
      z-index: 1;
    }
  }
`;
