// <convene-streaming-controls>'s strings: the live and recording badges and their buttons.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    label: 'Streaming and recording',
    live: 'Live',
    recording: 'Recording',
    goLive: 'Go live',
    stopLive: 'End stream',
    record: 'Record',
    stopRecord: 'Stop recording',
    starting: 'Starting…',
    stopping: 'Stopping…',
    failed: 'Could not {action}: {message}',
    unknown: 'unknown error',
  },
  {
    es: {
      label: 'Transmisión y grabación',
      live: 'En directo',
      recording: 'Grabando',
      goLive: 'Emitir en directo',
      stopLive: 'Terminar emisión',
      record: 'Grabar',
      stopRecord: 'Detener grabación',
      starting: 'Iniciando…',
      stopping: 'Deteniendo…',
      failed: 'No se pudo {action}: {message}',
      unknown: 'error desconocido',
    },
    de: {
      label: 'Streaming und Aufnahme',
      live: 'Live',
      recording: 'Aufnahme',
      goLive: 'Live gehen',
      stopLive: 'Stream beenden',
      record: 'Aufnehmen',
      stopRecord: 'Aufnahme beenden',
      starting: 'Startet…',
      stopping: 'Wird beendet…',
      failed: '{action} fehlgeschlagen: {message}',
      unknown: 'unbekannter Fehler',
    },
  },
);
