// <convene-tile>'s styles: the video fills the tile; name, role, microphone and quality sit on
// it, the raised hand at the top start, the Pin toggle at the top end.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    min-height: 0;
    /* Alone, a tile keeps the camera's shape; a grid sizes its tiles itself. */
    aspect-ratio: 16 / 9;
    color: ${token('color-on-tile')};
    font-size: ${token('font-size-small')};
  }

  .tile {
    position: absolute;
    inset: 0;
    overflow: hidden;
    border-radius: ${token('radius-tile')};
    background: ${token('color-tile')};
    transition: box-shadow ${token('transition-fast')} ease-out;
  }

  :host([speaking]) .tile {
    box-shadow: inset 0 0 0 ${token('speaking-ring-width')} ${token('color-speaking')};
  }

  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
    background: ${token('color-tile')};
  }

  :host([source='screen']) video {
    object-fit: contain;
  }

  video.mirrored {
    transform: scaleX(-1);
  }

  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: ${token('space-2')};
  }

  .avatar {
    display: grid;
    place-items: center;
    width: clamp(32px, 22%, 96px);
    aspect-ratio: 1;
    border-radius: 50%;
    background: ${token('color-tile-placeholder')};
    font-size: ${token('font-size-medium')};
    font-weight: 600;
  }

  .reason {
    color: ${token('color-text-muted')};
  }

  .label {
    position: absolute;
    inset-inline-start: ${token('space-2')};
    inset-block-end: ${token('space-2')};
    max-width: calc(100% - 2 * ${token('space-2')});
    display: flex;
    align-items: center;
    gap: ${token('space-1')};
    padding: 2px ${token('space-2')};
    border-radius: ${token('radius-control')};
    background: ${token('color-overlay')};
  }

  .name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .microphone {
    display: inline-flex;
    color: ${token('color-danger')};
  }

  .role {
    flex: none;
    padding: 0 ${token('space-1')};
    border: 1px solid currentColor;
    border-radius: ${token('radius-control')};
    font-size: 0.75em;
    line-height: 1.4;
  }

  .pinned {
    display: inline-flex;
    flex: none;
  }

  .hand,
  .pin {
    position: absolute;
    inset-block-start: ${token('space-2')};
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    border-radius: ${token('radius-control')};
    background: ${token('color-overlay')};
    color: ${token('color-on-tile')};
  }

  .hand {
    inset-inline-start: ${token('space-2')};
    max-width: calc(100% - 3 * ${token('space-2')} - 32px);
    padding: 2px ${token('space-2')};
    font-weight: 600;
  }

  .pin {
    inset-inline-end: ${token('space-2')};
    justify-content: center;
    width: 32px;
    height: 32px;
    padding: 0;
    border: none;
    font: inherit;
    font-size: 1rem;
    cursor: pointer;
    /* Shown while the pointer is on the tile, the toggle has focus, or the tile is pinned. */
    opacity: 0;
    transition: opacity ${token('transition-fast')} ease-out;
  }

  :host(:hover) .pin,
  .pin:focus-visible,
  .pin[aria-pressed='true'] {
    opacity: 1;
  }

  .pin[aria-pressed='true'] {
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }

  /* A touch screen has no hover: the toggle stays in sight. */
  @media (hover: none) {
    .pin {
      opacity: 1;
    }
  }

  .peer-reconnecting {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: ${token('space-2')};
    background: ${token('color-overlay')};
    font-weight: 600;
    text-align: center;
  }

  @media (prefers-reduced-motion: reduce) {
    .tile,
    .pin {
      transition: none;
    }
  }
`;
