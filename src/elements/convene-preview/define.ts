// Registers <convene-preview>.
import { defineElement } from '../define-element.ts';
import { ConvenePreview } from './convene-preview.ts';

defineElement('convene-preview', ConvenePreview);

export { ConvenePreview };

declare global {
  interface HTMLElementTagNameMap {
    'convene-preview': ConvenePreview;
  }
}
