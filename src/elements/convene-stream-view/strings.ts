// <convene-stream-view>'s strings: what a viewer sees before and after the stream.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    waiting: 'The stream has not started yet. It will play here when it does.',
    ended: 'The stream has ended.',
    failed: 'The stream failed: {message}',
  },
  {
    es: {
      waiting: 'La emisión aún no ha empezado. Se verá aquí cuando empiece.',
      ended: 'La emisión ha terminado.',
      failed: 'La emisión ha fallado: {message}',
    },
    de: {
      waiting: 'Der Stream hat noch nicht begonnen. Er erscheint hier, sobald er startet.',
      ended: 'Der Stream ist beendet.',
      failed: 'Der Stream ist fehlgeschlagen: {message}',
    },
  },
);
