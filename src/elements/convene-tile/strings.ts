// <convene-tile>'s strings: the tile's name, why it shows no video, and its indicators.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    emptyTile: 'Empty tile',
    screenOf: "{name}'s screen",
    you: '{name} (you)',
    cameraOff: 'Camera off',
    screenPaused: 'Screen share paused',
    videoPaused: 'Video paused',
    reconnecting: 'Reconnecting…',
    connecting: 'Connecting video…',
    microphoneMuted: 'Microphone muted',
    quality: 'Connection quality {level} of 5',
    handRaised: 'Hand raised',
    pin: 'Pin',
    pinned: 'Pinned',
  },
  {
    es: {
      emptyTile: 'Mosaico vacío',
      screenOf: 'Pantalla de {name}',
      you: '{name} (tú)',
      cameraOff: 'Cámara apagada',
      screenPaused: 'Pantalla compartida en pausa',
      videoPaused: 'Vídeo en pausa',
      reconnecting: 'Reconectando…',
      connecting: 'Conectando el vídeo…',
      microphoneMuted: 'Micrófono silenciado',
      quality: 'Calidad de la conexión {level} de 5',
      handRaised: 'Mano levantada',
      pin: 'Fijar',
      pinned: 'Fijado',
    },
    de: {
      emptyTile: 'Leere Kachel',
      screenOf: 'Bildschirm von {name}',
      you: '{name} (du)',
      cameraOff: 'Kamera aus',
      screenPaused: 'Bildschirmfreigabe pausiert',
      videoPaused: 'Video pausiert',
      reconnecting: 'Verbindung wird wiederhergestellt…',
      connecting: 'Video wird verbunden…',
      microphoneMuted: 'Mikrofon stummgeschaltet',
      quality: 'Verbindungsqualität {level} von 5',
      handRaised: 'Hand gehoben',
      pin: 'Anheften',
      pinned: 'Angeheftet',
    },
  },
);

export type TileStringKey = keyof (typeof STRINGS)['en'];
