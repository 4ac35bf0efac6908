// Registers <convene-toasts>.
import { defineElement } from '../define-element.ts';
import { ConveneToasts } from './convene-toasts.ts';

defineElement('convene-toasts', ConveneToasts);

export { ConveneToasts };

declare global {
  interface HTMLElementTagNameMap {
    'convene-toasts': ConveneToasts;
  }
}
