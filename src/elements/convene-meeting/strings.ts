// What <convene-meeting> itself says; its parts (preview, controls, chat, ...) keep their own.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    chat: 'Chat',
    participants: 'Participants',
    closePanel: 'Close {panel}',
    leftTitle: 'You left the meeting',
    removedTitle: 'You were removed from the meeting',
    endedTitle: 'The meeting has ended',
    failedTitle: 'Could not join the meeting',
    rejoin: 'Rejoin',
    tryAgain: 'Try again',
  },
  {
    es: {
      chat: 'Chat',
      participants: 'Participantes',
      closePanel: 'Cerrar {panel}',
      leftTitle: 'Has salido de la reunión',
      removedTitle: 'Te han retirado de la reunión',
      endedTitle: 'La reunión ha terminado',
      failedTitle: 'No se pudo entrar en la reunión',
      rejoin: 'Volver a entrar',
      tryAgain: 'Intentar de nuevo',
    },
    de: {
      chat: 'Chat',
      participants: 'Teilnehmende',
      closePanel: '{panel} schließen',
      leftTitle: 'Sie haben das Meeting verlassen',
      removedTitle: 'Sie wurden aus dem Meeting entfernt',
      endedTitle: 'Das Meeting ist beendet',
      failedTitle: 'Das Meeting konnte nicht betreten werden',
      rejoin: 'Erneut beitreten',
      tryAgain: 'Erneut versuchen',
    },
  },
);
