// Registers <convene-grid> and the <convene-tile> and <convene-pagination> it renders.
import '../convene-pagination/define.ts';
import '../convene-tile/define.ts';
import { defineElement } from '../define-element.ts';
import { ConveneGrid } from './convene-grid.ts';

defineElement('convene-grid', ConveneGrid);

export { ConveneGrid };

declare global {
  interface HTMLElementTagNameMap {
    'convene-grid': ConveneGrid;
  }
}
