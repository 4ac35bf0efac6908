// Opening the camera, microphone and screen with the role's constraints. One getUserMedia call
// for both devices (one permission prompt), falling back to each alone so a missing camera does
// not also cost the microphone.
import type { Role } from '../protocol/roles.ts';
import { ConveneError } from './errors.ts';
import {
  cameraConstraints,
  microphoneConstraints,
  screenCaptureOptions,
} from './publish-params.ts';

export interface UserCapture {
  microphone?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  /** What could not be opened, as errors a user can act on. */
  errors: ConveneError[];
}

export interface CaptureRequest {
  audio: boolean;
  video: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
}

/** Browsers offer capture only to secure pages (https, localhost). */
function mediaDevices(): MediaDevices {
  if (globalThis.navigator?.mediaDevices) return navigator.mediaDevices;
  throw new ConveneError(
    'media_unavailable',
    'This page cannot use a camera, microphone or screen: open it over https.',
  );
}

export async function captureUserMedia(role: Role, request: CaptureRequest): Promise<UserCapture> {
  if (!request.audio && !request.video) return { errors: [] };
  let devices: MediaDevices;
  try {
    devices = mediaDevices();
  } catch (error) {
    return { errors: [error as ConveneError] };
  }
  const audio = request.audio ? microphoneConstraints(request.audioDeviceId) : false;
  const video = request.video ? cameraConstraints(role, request.videoDeviceId) : false;
  try {
    const stream = await devices.getUserMedia({ audio, video });
    return {
      microphone: stream.getAudioTracks()[0],
      camera: stream.getVideoTracks()[0],
      errors: [],
    };
  } catch (error) {
    if (!(request.audio && request.video)) {
      return { errors: [captureError(error, request.audio ? 'microphone' : 'camera')] };
    }
  }
  const [microphone, camera] = await Promise.allSettled([
    devices.getUserMedia({ audio }),
    devices.getUserMedia({ video }),
  ]);
  const result: UserCapture = { errors: [] };
  if (microphone.status === 'fulfilled') result.microphone = microphone.value.getAudioTracks()[0];
  else result.errors.push(captureError(microphone.reason, 'microphone'));
  if (camera.status === 'fulfilled') result.camera = camera.value.getVideoTracks()[0];
  else result.errors.push(captureError(camera.reason, 'camera'));
  return result;
}

/** Opens one device alone (a device switch or a late unmute); throws a ConveneError. */
export async function captureDevice(
  role: Role,
  source: 'microphone' | 'camera',
  deviceId?: string,
): Promise<MediaStreamTrack> {
  const constraints =
    source === 'microphone'
      ? { audio: microphoneConstraints(deviceId) }
      : { video: cameraConstraints(role, deviceId) };
  try {
    const stream = await mediaDevices().getUserMedia(constraints);
    const track = stream.getTracks()[0];
    if (track) return track;
  } catch (error) {
    throw captureError(error, source);
  }
  throw new ConveneError('media_unavailable', `The browser opened no ${source} track.`);
}

export interface ScreenCapture {
  screen: MediaStreamTrack;
  screenAudio?: MediaStreamTrack;
}

export async function captureScreen(role: Role): Promise<ScreenCapture> {
  let stream: MediaStream;
  try {
    stream = await mediaDevices().getDisplayMedia(screenCaptureOptions(role));
  } catch (error) {
    throw captureError(error, 'screen');
  }
  const [screen] = stream.getVideoTracks();
  if (!screen) throw new ConveneError('media_unavailable', 'The browser shared no screen video.');
  // Text and slides: keep them sharp rather than smooth when bandwidth is short.
  screen.contentHint = 'detail';
  return { screen, screenAudio: stream.getAudioTracks()[0] };
}

function captureError(error: unknown, what: string): ConveneError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' && what === 'screen') {
    return new ConveneError(
      'media_permission_denied',
      'Screen sharing was cancelled or is not allowed.',
      {
        cause: error,
      },
    );
  }
  if (name === 'NotAllowedError') {
    return new ConveneError(
      'media_permission_denied',
      `Access to the ${what} was denied. Allow it in the browser's site settings and try again.`,
      { cause: error },
    );
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new ConveneError(
      'media_not_found',
      `No usable ${what} was found. Connect one or pick another.`,
      {
        cause: error,
      },
    );
  }
  if (name === 'NotReadableError') {
    return new ConveneError(
      'media_busy',
      `The ${what} is in use by another application or could not be started. Close it and try again.`,
      { cause: error },
    );
  }
  return ConveneError.from(error, 'media_unavailable', `Could not open the ${what}`);
}
