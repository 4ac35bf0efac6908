// Registers <convene-streaming-controls>.
import { defineElement } from '../define-element.ts';
import { ConveneStreamingControls } from './convene-streaming-controls.ts';

defineElement('convene-streaming-controls', ConveneStreamingControls);

export { ConveneStreamingControls };

declare global {
  interface HTMLElementTagNameMap {
    'convene-streaming-controls': ConveneStreamingControls;
  }
}
