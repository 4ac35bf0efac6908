// What <convene-preview> says, in English, Spanish and German.
import { defineStrings } from '../i18n/localize.ts';

export const STRINGS = defineStrings(
  {
    title: 'Get ready to join',
    preview: 'Your camera preview',
    cameraOff: 'Camera is off',
    controls: 'Camera and microphone',
    microphone: 'Microphone',
    camera: 'Camera',
    speaker: 'Speaker',
    microphoneLevel: 'Microphone level',
    microphoneNumber: 'Microphone {number}',
    cameraNumber: 'Camera {number}',
    speakerNumber: 'Speaker {number}',
    name: 'Your name',
    nameRequired: 'Enter your name to join.',
    join: 'Join',
    retry: 'Try again',
    microphoneDenied:
      'The browser blocks the microphone. To allow it, open the site settings (the icon at the start of the address bar), allow the microphone, then press Try again.',
    cameraDenied:
      'The browser blocks the camera. To allow it, open the site settings (the icon at the start of the address bar), allow the camera, then press Try again.',
    microphoneNotFound: 'No microphone was found. Connect one, or join without sound.',
    cameraNotFound: 'No camera was found. Connect one, or join without video.',
    microphoneBusy:
      'The microphone is in use by another application. Close it, then press Try again.',
    cameraBusy: 'The camera is in use by another application. Close it, then press Try again.',
    microphoneFailed: 'The microphone could not be opened: {message}',
    cameraFailed: 'The camera could not be opened: {message}',
    insecure: 'This page cannot use a camera or microphone: open it over https.',
    devicesFailed: 'The list of devices could not be read: {message}',
    levelFailed: 'The microphone level cannot be shown: {message}',
  },
  {
    es: {
      title: 'Prepárate para unirte',
      preview: 'Vista previa de tu cámara',
      cameraOff: 'La cámara está apagada',
      controls: 'Cámara y micrófono',
      microphone: 'Micrófono',
      camera: 'Cámara',
      speaker: 'Altavoz',
      microphoneLevel: 'Nivel del micrófono',
      microphoneNumber: 'Micrófono {number}',
      cameraNumber: 'Cámara {number}',
      speakerNumber: 'Altavoz {number}',
      name: 'Tu nombre',
      nameRequired: 'Escribe tu nombre para unirte.',
      join: 'Unirse',
      retry: 'Reintentar',
      microphoneDenied:
        'El navegador bloquea el micrófono. Para permitirlo, abre la configuración del sitio (el icono al inicio de la barra de direcciones), permite el micrófono y pulsa Reintentar.',
      cameraDenied:
        'El navegador bloquea la cámara. Para permitirla, abre la configuración del sitio (el icono al inicio de la barra de direcciones), permite la cámara y pulsa Reintentar.',
      microphoneNotFound: 'No se encontró ningún micrófono. Conecta uno o únete sin sonido.',
      cameraNotFound: 'No se encontró ninguna cámara. Conecta una o únete sin vídeo.',
      microphoneBusy: 'Otra aplicación está usando el micrófono. Ciérrala y pulsa Reintentar.',
      cameraBusy: 'Otra aplicación está usando la cámara. Ciérrala y pulsa Reintentar.',
      microphoneFailed: 'No se pudo abrir el micrófono: {message}',
      cameraFailed: 'No se pudo abrir la cámara: {message}',
      insecure: 'Esta página no puede usar la cámara ni el micrófono: ábrela con https.',
      devicesFailed: 'No se pudo leer la lista de dispositivos: {message}',
      levelFailed: 'No se puede mostrar el nivel del micrófono: {message}',
    },
    de: {
      title: 'Bereit zum Beitreten',
      preview: 'Vorschau Ihrer Kamera',
      cameraOff: 'Kamera ist aus',
      controls: 'Kamera und Mikrofon',
      microphone: 'Mikrofon',
      camera: 'Kamera',
      speaker: 'Lautsprecher',
      microphoneLevel: 'Mikrofonpegel',
      microphoneNumber: 'Mikrofon {number}',
      cameraNumber: 'Kamera {number}',
      speakerNumber: 'Lautsprecher {number}',
      name: 'Ihr Name',
      nameRequired: 'Geben Sie Ihren Namen ein, um beizutreten.',
      join: 'Beitreten',
      retry: 'Erneut versuchen',
      microphoneDenied:
        'Der Browser blockiert das Mikrofon. Öffnen Sie die Website-Einstellungen (das Symbol am Anfang der Adressleiste), erlauben Sie das Mikrofon und drücken Sie dann Erneut versuchen.',
      cameraDenied:
        'Der Browser blockiert die Kamera. Öffnen Sie die Website-Einstellungen (das Symbol am Anfang der Adressleiste), erlauben Sie die Kamera und drücken Sie dann Erneut versuchen.',
      microphoneNotFound:
        'Es wurde kein Mikrofon gefunden. Schließen Sie eines an oder treten Sie ohne Ton bei.',
      cameraNotFound:
        'Es wurde keine Kamera gefunden. Schließen Sie eine an oder treten Sie ohne Video bei.',
      microphoneBusy:
        'Eine andere Anwendung verwendet das Mikrofon. Schließen Sie sie und drücken Sie dann Erneut versuchen.',
      cameraBusy:
        'Eine andere Anwendung verwendet die Kamera. Schließen Sie sie und drücken Sie dann Erneut versuchen.',
      microphoneFailed: 'Das Mikrofon konnte nicht geöffnet werden: {message}',
      cameraFailed: 'Die Kamera konnte nicht geöffnet werden: {message}',
      insecure: 'Diese Seite kann weder Kamera noch Mikrofon verwenden: Öffnen Sie sie über https.',
      devicesFailed: 'Die Geräteliste konnte nicht gelesen werden: {message}',
      levelFailed: 'Der Mikrofonpegel kann nicht angezeigt werden: {message}',
    },
  },
);

export type PreviewStringKey = keyof (typeof STRINGS)['en'];
