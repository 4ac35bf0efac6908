// Registers <convene-hls-player>.
import { defineElement } from '../define-element.ts';
import { ConveneHlsPlayer } from './convene-hls-player.ts';

defineElement('convene-hls-player', ConveneHlsPlayer);

export { ConveneHlsPlayer };

declare global {
  interface HTMLElementTagNameMap {
    'convene-hls-player': ConveneHlsPlayer;
  }
}
