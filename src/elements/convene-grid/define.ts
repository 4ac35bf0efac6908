// Registers <convene-grid> and the <convene-tile> it renders.
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
