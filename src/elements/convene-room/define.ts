// Registers <convene-room> and the <convene-audio-renderer> it holds.
import '../convene-audio-renderer/define.ts';
import { defineElement } from '../define-element.ts';
import { ConveneRoom } from './convene-room.ts';

defineElement('convene-room', ConveneRoom);

export { ConveneRoom };

declare global {
  interface HTMLElementTagNameMap {
    'convene-room': ConveneRoom;
  }
}
