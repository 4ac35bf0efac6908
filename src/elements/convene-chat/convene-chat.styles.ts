// <convene-chat>'s styles: a column of pinned bar, scrolling log, error and composer, laid out
// with logical properties so that right-to-left pages mirror it.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    min-height: 0;
    color: ${token('color-text')};
    font-size: ${token('font-size-medium')};
  }

  .base {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    background: ${token('color-surface')};
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.6;
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    padding: ${token('space-1')};
    border: none;
    border-radius: ${token('radius-control')};
    background: transparent;
    color: ${token('color-text-muted')};
  }
  .icon-button:hover,
  .icon-button[aria-pressed='true'] {
    color: ${token('color-accent')};
  }

  .pinned {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-2')};
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border-block-end: 1px solid ${token('color-tile')};
  }
  .pinned-icon {
    display: inline-flex;
    padding-block-start: 2px;
    color: ${token('color-accent')};
  }
  .pinned-body {
    flex: 1;
    min-width: 0;
  }
  .pinned-label {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  .pinned .text {
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  .list-area {
    position: relative;
    flex: 1;
    min-height: 0;
    display: flex;
  }

  .messages {
    position: relative;
    flex: 1;
    overflow-y: auto;
    /* The element keeps the reading position itself when older messages arrive above. */
    overflow-anchor: none;
    padding: ${token('space-3')};
    display: flex;
    flex-direction: column;
    gap: ${token('space-3')};
  }

  .load-earlier {
    align-self: center;
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-control')};
    background: transparent;
    font-size: ${token('font-size-small')};
  }

  .empty {
    margin: auto;
    color: ${token('color-text-muted')};
  }

  .group-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: ${token('space-1')} ${token('space-2')};
    font-size: ${token('font-size-small')};
  }
  .sender {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .group.own .sender {
    color: ${token('color-accent')};
  }
  .group.server .sender {
    font-style: italic;
  }
  .role {
    padding-inline: ${token('space-1')};
    border-radius: ${token('radius-control')};
    background: ${token('color-tile')};
    color: ${token('color-text-muted')};
  }
  .recipients {
    color: ${token('color-accent')};
  }
  .time {
    margin-inline-start: auto;
    color: ${token('color-text-muted')};
  }

  .message {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-1')};
  }
  .text {
    flex: 1;
    min-width: 0;
    margin: 0;
    margin-block-start: 2px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .group.private .text {
    padding-inline-start: ${token('space-2')};
    border-inline-start: 2px solid ${token('color-accent')};
  }
  a {
    color: ${token('color-accent')};
  }

  /* Pin buttons stay reachable by keyboard and touch; they stand out where the pointer is. */
  .pin-button {
    opacity: 0.5;
  }
  .message:hover .pin-button,
  .pin-button:focus-visible,
  .pin-button[aria-pressed='true'] {
    opacity: 1;
  }

  .jump-button {
    position: absolute;
    inset-block-end: ${token('space-2')};
    inset-inline: 0;
    width: max-content;
    margin-inline: auto;
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: none;
    border-radius: ${token('radius-control')};
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
    font-size: ${token('font-size-small')};
  }

  .error {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    color: ${token('color-danger')};
    font-size: ${token('font-size-small')};
    overflow-wrap: anywhere;
  }
  .error span {
    flex: 1;
  }

  .composer {
    display: flex;
    flex-direction: column;
    gap: ${token('space-1')};
    padding: ${token('space-2')};
    border-block-start: 1px solid ${token('color-tile')};
  }
  .recipient-row {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
    font-size: ${token('font-size-small')};
    color: ${token('color-text-muted')};
  }
  select,
  textarea {
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-tile')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-control')};
  }
  select {
    min-width: 0;
    max-width: 100%;
    padding-block: 2px;
    padding-inline: ${token('space-1')};
  }
  .input-row {
    display: flex;
    align-items: flex-end;
    gap: ${token('space-2')};
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: none;
    padding: ${token('space-2')};
  }
  textarea[aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }
  .send-button {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border: none;
    border-radius: ${token('radius-control')};
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }
  .limit {
    align-self: flex-end;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  .limit.over {
    color: ${token('color-danger')};
  }

  @media (prefers-reduced-motion: no-preference) {
    .pin-button {
      transition: opacity ${token('transition-fast')} ease-out;
    }
  }
`;
