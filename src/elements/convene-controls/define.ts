// Registers <convene-controls>.
import { defineElement } from '../define-element.ts';
import { ConveneControls } from './convene-controls.ts';

defineElement('convene-controls', ConveneControls);

export { ConveneControls };

declare global {
  interface HTMLElementTagNameMap {
    'convene-controls': ConveneControls;
  }
}
