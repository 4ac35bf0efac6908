// Registers <convene-meeting> and the parts it shows at once; the chat and the participant list
// are registered when first opened.
import '../convene-controls/define.ts';
import '../convene-grid/define.ts';
import '../convene-preview/define.ts';
import '../convene-room/define.ts';
import '../convene-toasts/define.ts';
import { defineElement } from '../define-element.ts';
import { ConveneMeeting } from './convene-meeting.ts';

defineElement('convene-meeting', ConveneMeeting);

export { ConveneMeeting };

declare global {
  interface HTMLElementTagNameMap {
    'convene-meeting': ConveneMeeting;
  }
}
