// <convene-participant-list>'s styles: a column of role groups, each row a name with its role,
// indicators and the row's action menu at the inline end.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    color: ${token('color-text')};
    font-size: ${token('font-size-small')};
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: ${token('space-2')};
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: ${token('space-2')};
  }
  h2,
  h3 {
    margin: 0;
    font-size: ${token('font-size-medium')};
  }
  h3 {
    font-size: ${token('font-size-small')};
    color: ${token('color-text-muted')};
    text-transform: capitalize;
  }

  .raised-hands {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    color: ${token('color-accent')};
  }

  .search-label {
    font-weight: 600;
  }
  input[type='search'] {
    font: inherit;
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-2')};
    border: 1px solid ${token('color-text-muted')};
    border-radius: ${token('radius-control')};
    background: ${token('color-surface')};
    color: inherit;
  }

  .group-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-2')};
    margin-block-start: ${token('space-2')};
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-2')};
    border: 1px solid ${token('color-text-muted')};
    border-radius: ${token('radius-control')};
    background: transparent;
  }

  .peers {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .peer {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-2')};
    border-radius: ${token('radius-control')};
  }
  .peer:hover {
    background: ${token('color-tile')};
  }

  .who {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-inline-size: 0;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .role {
    color: ${token('color-text-muted')};
  }

  .indicators {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
  }
  .indicator {
    display: inline-flex;
  }
  .indicator.off {
    color: ${token('color-danger')};
  }
  .hand {
    color: ${token('color-accent')};
  }

  .empty {
    margin: 0;
    color: ${token('color-text-muted')};
  }

  .error {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
    color: ${token('color-danger')};
  }

  dialog {
    max-inline-size: min(28rem, 90vw);
    padding: ${token('space-4')};
    border: 1px solid ${token('color-tile-placeholder')};
    border-radius: ${token('radius-tile')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
  }
  dialog p {
    color: ${token('color-text-muted')};
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: ${token('space-2')};
  }
  .dialog-buttons .confirm {
    border-color: ${token('color-accent')};
    background: ${token('color-accent')};
    color: ${token('color-on-accent')};
  }

  @media (prefers-reduced-motion: no-preference) {
    .peer {
      transition: background-color ${token('transition-fast')} ease-out;
    }
  }
`;
