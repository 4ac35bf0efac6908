// <convene-grid>'s strings: the grid's accessible name (its `label` attribute overrides it).
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  { label: 'Participants' },
  {
    es: { label: 'Participantes' },
    de: { label: 'Teilnehmende' },
  },
);

export type GridStringKey = keyof (typeof STRINGS)['en'];
