// A story's own camera and microphone: navigator.mediaDevices replaced, for that story only, by
// one that gives a canvas camera and a tone, refuses a device (as a blocked permission does), or
// finds none. Put in place by the story's decorator, restored when the story ends.
import type { Decorator } from '@storybook/web-components-vite';
import { onStoryEnd } from './simulated.ts';

/** What getUserMedia answers for a device: a stream, refused by the person, or none found. */
export type DeviceAnswer = 'granted' | 'denied' | 'none';

/** The story's answer for each device (granted unless said). */
export interface FakeMedia {
  camera?: DeviceAnswer;
  microphone?: DeviceAnswer;
}

const DEVICES = [
  { kind: 'audioinput', deviceId: 'story-microphone', label: 'Desk microphone' },
  { kind: 'audioinput', deviceId: 'story-headset', label: 'Headset microphone' },
  { kind: 'videoinput', deviceId: 'story-camera', label: 'Front camera' },
  { kind: 'audiooutput', deviceId: 'story-speakers', label: 'Speakers' },
] as const;

/** Fake devices with their resources: the canvas's timer, the tone's AudioContext. */
class FakeMediaDevices extends EventTarget {
  readonly #answers: Record<'audioinput' | 'videoinput', DeviceAnswer>;
  readonly #stops: Array<() => void> = [];

  constructor({ camera = 'granted', microphone = 'granted' }: FakeMedia) {
    super();
    this.#answers = { audioinput: microphone, videoinput: camera };
  }

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    const listed = DEVICES.filter(
      ({ kind }) => kind === 'audiooutput' || this.#answers[kind] !== 'none',
    );
    // Before a permission, browsers list devices without labels or ids.
    const granted = Object.values(this.#answers).includes('granted');
    return listed.map(({ kind, deviceId, label }) => {
      const info = {
        kind,
        deviceId: granted ? deviceId : '',
        label: granted ? label : '',
        groupId: '',
      };
      return { ...info, toJSON: () => info } as MediaDeviceInfo;
    });
  }

  async getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    // One source refused fails the whole call, as in browsers.
    const asked = [
      ...(constraints.video ? ['videoinput' as const] : []),
      ...(constraints.audio ? ['audioinput' as const] : []),
    ];
    for (const kind of asked) {
      if (this.#answers[kind] === 'denied') {
        throw new DOMException('Permission denied', 'NotAllowedError');
      }
      if (this.#answers[kind] === 'none') {
        throw new DOMException('Requested device not found', 'NotFoundError');
      }
    }
    const tracks: MediaStreamTrack[] = [];
    if (constraints.video) tracks.push(this.#camera());
    if (constraints.audio) tracks.push(this.#microphone());
    return new MediaStream(tracks);
  }

  /** A canvas with a moving band, so the self-view is visibly live. */
  #camera(): MediaStreamTrack {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const context = canvas.getContext('2d')!;
    let frame = 0;
    const draw = () => {
      context.fillStyle = '#2f5bd3';
      context.fillRect(0, 0, 640, 360);
      context.fillStyle = 'rgb(255 255 255 / 0.25)';
      context.fillRect(((frame++ * 12) % 700) - 60, 0, 60, 360);
      context.fillStyle = '#fff';
      context.font = 'bold 64px system-ui, sans-serif';
      context.textAlign = 'center';
      context.fillText('Camera', 320, 200);
    };
    draw();
    const timer = setInterval(draw, 100);
    const track = canvas.captureStream(10).getVideoTracks()[0]!;
    this.#stops.push(() => {
      clearInterval(timer);
      track.stop();
    });
    return track;
  }

  /** A tone that swells and fades, sent to a stream only (never to the speakers). */
  #microphone(): MediaStreamTrack {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    const swell = audio.createOscillator();
    const depth = audio.createGain();
    swell.frequency.value = 0.5;
    depth.gain.value = 0.3;
    gain.gain.value = 0.3;
    swell.connect(depth).connect(gain.gain);
    const destination = audio.createMediaStreamDestination();
    tone.connect(gain).connect(destination);
    tone.start();
    swell.start();
    const track = destination.stream.getAudioTracks()[0]!;
    this.#stops.push(() => {
      track.stop();
      void audio.close();
    });
    return track;
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}

let installed: FakeMediaDevices | undefined;

function restore(): void {
  if (!installed) return;
  installed.stop();
  installed = undefined;
  // The own property goes; the browser's getter on Navigator.prototype shows through again.
  delete (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
}

/** A decorator giving the story `media` as navigator.mediaDevices until the story ends. */
export function withMediaDevices(media: FakeMedia): Decorator {
  return (story) => {
    restore();
    installed = new FakeMediaDevices(media);
    Object.defineProperty(navigator, 'mediaDevices', { value: installed, configurable: true });
    onStoryEnd(restore);
    return story();
  };
}
