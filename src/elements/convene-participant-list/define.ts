// Registers <convene-participant-list> and the <convene-role-controls> it renders.
import '../convene-role-controls/define.ts';
import { defineElement } from '../define-element.ts';
import { ConveneParticipantList } from './convene-participant-list.ts';

defineElement('convene-participant-list', ConveneParticipantList);

export { ConveneParticipantList };

declare global {
  interface HTMLElementTagNameMap {
    'convene-participant-list': ConveneParticipantList;
  }
}
