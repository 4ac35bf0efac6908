// Registers <convene-chat>.
import { defineElement } from '../define-element.ts';
import { ConveneChat } from './convene-chat.ts';

defineElement('convene-chat', ConveneChat);

export { ConveneChat };

declare global {
  interface HTMLElementTagNameMap {
    'convene-chat': ConveneChat;
  }
}
