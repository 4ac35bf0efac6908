// Registers <convene-audio-renderer>.
import { defineElement } from '../define-element.ts';
import { ConveneAudioRenderer } from './convene-audio-renderer.ts';

defineElement('convene-audio-renderer', ConveneAudioRenderer);

export { ConveneAudioRenderer };

declare global {
  interface HTMLElementTagNameMap {
    'convene-audio-renderer': ConveneAudioRenderer;
  }
}
