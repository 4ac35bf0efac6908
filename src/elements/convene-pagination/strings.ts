// <convene-pagination>'s strings: the group's name, the two buttons and the page status.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    label: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    status: 'Page {page} of {count}',
  },
  {
    es: {
      label: 'Páginas',
      previous: 'Página anterior',
      next: 'Página siguiente',
      status: 'Página {page} de {count}',
    },
    de: {
      label: 'Seiten',
      previous: 'Vorherige Seite',
      next: 'Nächste Seite',
      status: 'Seite {page} von {count}',
    },
  },
);

export type PaginationStringKey = keyof (typeof STRINGS)['en'];
