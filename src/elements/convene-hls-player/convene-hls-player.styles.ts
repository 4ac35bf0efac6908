import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    position: relative;
    background: #000;
    color: #fff;
    min-block-size: 180px;
  }
  .player,
  video {
    inline-size: 100%;
    block-size: 100%;
  }
  video {
    display: block;
    object-fit: contain;
    background: #000;
  }
  .controls {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem;
    background: linear-gradient(transparent, rgb(0 0 0 / 70%));
    font-size: 0.9rem;
  }
  .spacer {
    flex: 1;
  }
  .live {
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: rgb(255 255 255 / 25%);
    font-weight: 700;
    text-transform: uppercase;
  }
  .live[data-live] {
    background: ${token('color-danger')};
    /* White on the dark theme's light red lacked contrast (as in convene-streaming-controls). */
    color: ${token('color-on-accent')};
  }
  button,
  select {
    font: inherit;
    color: inherit;
    background: rgb(0 0 0 / 60%);
    border: 1px solid rgb(255 255 255 / 60%);
    border-radius: ${token('radius-control')};
    padding: 0.3rem 0.6rem;
    cursor: pointer;
  }
  .overlay {
    position: absolute;
    inset: 0;
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    background: rgb(0 0 0 / 55%);
    text-align: center;
    padding: 1rem;
  }
  .spinner {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    border: 3px solid rgb(255 255 255 / 30%);
    border-block-start-color: #fff;
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
