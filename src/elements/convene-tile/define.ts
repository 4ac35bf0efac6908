// Registers <convene-tile>.
import { defineElement } from '../define-element.ts';
import { ConveneTile } from './convene-tile.ts';

defineElement('convene-tile', ConveneTile);

export { ConveneTile };

declare global {
  interface HTMLElementTagNameMap {
    'convene-tile': ConveneTile;
  }
}
