// What <convene-room>'s status region announces. `{room}` is the room's name and `{message}`
// the server's words (a host's reason, an error), both shown as text.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    connecting: 'Joining the room…',
    connected: 'In the room',
    connectedTo: 'In the room {room}',
    reconnecting: 'Connection lost. Reconnecting…',
    roomEnded: 'The room has ended: {message}',
    removed: 'You were removed from the room: {message}',
    left: 'You left the room.',
    failed: 'Could not connect to the room.',
    failedBecause: 'Could not connect to the room: {message}',
  },
  {
    es: {
      connecting: 'Entrando en la sala…',
      connected: 'En la sala',
      connectedTo: 'En la sala {room}',
      reconnecting: 'Conexión perdida. Reconectando…',
      roomEnded: 'La sala ha terminado: {message}',
      removed: 'Te han retirado de la sala: {message}',
      left: 'Has salido de la sala.',
      failed: 'No se pudo conectar con la sala.',
      failedBecause: 'No se pudo conectar con la sala: {message}',
    },
    de: {
      connecting: 'Raum wird betreten…',
      connected: 'Im Raum',
      connectedTo: 'Im Raum {room}',
      reconnecting: 'Verbindung verloren. Neuer Versuch…',
      roomEnded: 'Der Raum wurde beendet: {message}',
      removed: 'Du wurdest aus dem Raum entfernt: {message}',
      left: 'Du hast den Raum verlassen.',
      failed: 'Keine Verbindung zum Raum.',
      failedBecause: 'Keine Verbindung zum Raum: {message}',
    },
  },
);
