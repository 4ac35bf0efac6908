// Registers <convene-pagination>.
import { defineElement } from '../define-element.ts';
import { ConvenePagination } from './convene-pagination.ts';

defineElement('convene-pagination', ConvenePagination);

export { ConvenePagination };

declare global {
  interface HTMLElementTagNameMap {
    'convene-pagination': ConvenePagination;
  }
}
