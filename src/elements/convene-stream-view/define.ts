// Registers <convene-stream-view>.
import { defineElement } from '../define-element.ts';
import { ConveneStreamView } from './convene-stream-view.ts';

defineElement('convene-stream-view', ConveneStreamView);

export { ConveneStreamView };

declare global {
  interface HTMLElementTagNameMap {
    'convene-stream-view': ConveneStreamView;
  }
}
