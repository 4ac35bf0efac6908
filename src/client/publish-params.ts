// What to capture and how to encode it, read from the role's publishParams: capture constraints,
// simulcast encodings and codec choices. Pure functions, so the role's rules are easy to test.
import type { types as ms } from 'mediasoup-client';
import type { Role, SimulcastLayer } from '../protocol/roles.ts';

/** Simulcast when the role names no layers: quarter, half and full resolution. */
export const DEFAULT_CAMERA_SCALES = [4, 2, 1] as const;

export function cameraConstraints(role: Role, deviceId?: string): MediaTrackConstraints {
  const { width, height, frameRate } = role.publishParams.video;
  return {
    width: { ideal: width },
    height: { ideal: height },
    frameRate: { ideal: frameRate },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function microphoneConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    echoCancellation: true,
    noiseSuppression: true,
    autoGainControl: true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function screenCaptureOptions(role: Role): DisplayMediaStreamOptions {
  const { width, height, frameRate } = role.publishParams.screen;
  return {
    video: { width: { max: width }, height: { max: height }, frameRate: { max: frameRate } },
    // Tab or system audio, when the user ticks it in the browser's picker.
    audio: true,
  };
}

/** Encodings for the given layers, lowest resolution first as mediasoup-client expects. */
export function layerEncodings(layers: readonly SimulcastLayer[]): ms.RtpEncodingParameters[] {
  return [...layers]
    .sort((a, b) => b.scaleResolutionDownBy - a.scaleResolutionDownBy)
    .map((layer) => ({
      scaleResolutionDownBy: layer.scaleResolutionDownBy,
      maxFramerate: layer.maxFramerate,
      // The role speaks kbps, WebRTC bps; 0 kbps means no cap.
      ...(layer.maxBitrate > 0 ? { maxBitrate: layer.maxBitrate * 1000 } : {}),
    }));
}

export function cameraEncodings(role: Role): ms.RtpEncodingParameters[] {
  const layers = role.publishParams.simulcast.video.layers;
  if (layers?.length) return layerEncodings(layers);
  return DEFAULT_CAMERA_SCALES.map((scaleResolutionDownBy) => ({ scaleResolutionDownBy }));
}

export function screenEncodings(role: Role): ms.RtpEncodingParameters[] {
  const layers = role.publishParams.simulcast.screen.layers;
  if (layers?.length) return layerEncodings(layers);
  const { bitRate, frameRate } = role.publishParams.screen;
  return [{ maxBitrate: bitRate * 1000, maxFramerate: frameRate }];
}

export function audioCodecOptions(role: Role): ms.ProducerCodecOptions {
  return {
    opusDtx: true,
    opusFec: true,
    opusMaxAverageBitrate: role.publishParams.audio.bitRate * 1000,
  };
}

/** The role's video codec if this browser and the server both have it; else the default order. */
export function preferredVideoCodec(
  codec: Role['publishParams']['video']['codec'],
  sendCapabilities: ms.RtpCapabilities,
): ms.RtpCodecCapability | undefined {
  const mimeType = `video/${codec}`.toLowerCase();
  return sendCapabilities.codecs?.find(
    (candidate) => candidate.mimeType.toLowerCase() === mimeType,
  );
}
