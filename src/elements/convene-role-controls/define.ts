// Registers <convene-role-controls>.
import { defineElement } from '../define-element.ts';
import { ConveneRoleControls } from './convene-role-controls.ts';

defineElement('convene-role-controls', ConveneRoleControls);

export { ConveneRoleControls };

declare global {
  interface HTMLElementTagNameMap {
    'convene-role-controls': ConveneRoleControls;
  }
}
