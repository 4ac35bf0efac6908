// <convene-tile>'s styles: the video fills the tile; name, microphone and quality sit on it.
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
    left: ${token('space-2')};
    bottom: ${token('space-2')};
    max-width: calc(100% - 2 * ${token('space-2')});
    display: flex;
    align-items: center;
    gap: ${token('space-1')};
    padding: 2px ${token('space-2')};
    border-radius: ${token('radius-control')};
    background: ${token('color-overlay')};
  }

  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .microphone {
    display: inline-flex;
    color: ${token('color-danger')};
  }
`;
