// <convene-grid>'s styles: columns and rows come from the grid's TypeScript as custom
// properties; CSS only places the tiles.
import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export default css`
  :host {
    display: block;
    position: relative;
    height: 100%;
    min-height: 180px;
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: ${token('space-2')};
    height: 100%;
    border-radius: ${token('radius-tile')};
  }

  .stage {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
  }

  .tiles {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-template-columns: repeat(var(--convene-grid-columns, 1), minmax(0, 1fr));
    grid-template-rows: repeat(var(--convene-grid-rows, 1), minmax(0, 1fr));
    gap: var(--convene-grid-gap, ${token('space-2')});
  }

  .with-stage .tiles {
    flex: 0 0 var(--convene-grid-filmstrip-size, 22%);
    min-height: 64px;
  }

  convene-tile {
    /* The grid sizes its tiles: each fills its cell. */
    aspect-ratio: auto;
    min-width: 0;
    min-height: 0;
  }

  .stage,
  .tiles {
    /* A sideways swipe turns the page; up and down still scroll the page. */
    touch-action: pan-y;
  }

  convene-pagination {
    flex: none;
  }
`;
