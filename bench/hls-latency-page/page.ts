// The HLS latency bench's page, one role per page: the publisher joins with the RoomClient and
// publishes a canvas drawing Date.now() as its camera (and an oscillator as its microphone);
// a viewer plays a master playlist with hls.js and, for every frame presented
// (requestVideoFrameCallback), draws it into a canvas and reads the clock back. Publisher and
// viewers share the machine's clock, so presented minus drawn is glass to glass.
import Hls from 'hls.js';
import { RoomClient } from '../../src/client/room-client.ts';
import { CODE_HEIGHT, CODE_WIDTH, drawClock, readClock } from './clock-code.ts';
import type { HlsLatencyApi, LatencySample } from './latency-bench-api.ts';

const FRAME_RATE = 30;

let client: RoomClient | undefined;
let hls: Hls | undefined;
let sampling = false;
const kept: LatencySample[] = [];
let unreadable = 0;
let stalls = 0;
const errors: string[] = [];

function canvas(): CanvasRenderingContext2D {
  const element = document.createElement('canvas');
  element.width = CODE_WIDTH;
  element.height = CODE_HEIGHT;
  return element.getContext('2d', { alpha: false, willReadFrequently: true })!;
}

function oscillator(): MediaStreamTrack {
  const audio = new AudioContext({ sampleRate: 48_000 });
  const tone = audio.createOscillator();
  tone.frequency.value = 440;
  const destination = audio.createMediaStreamDestination();
  tone.connect(destination);
  tone.start();
  audio.resume().catch(() => undefined);
  return destination.stream.getAudioTracks()[0]!;
}

const api: HlsLatencyApi = {
  async publish(server, token, name) {
    const context = canvas();
    document.body.append(context.canvas);
    // A timer, as the recorder draws: the frame leaves with the time it was drawn at.
    setInterval(() => drawClock(context, Date.now()), 1000 / FRAME_RATE);
    drawClock(context, Date.now());
    const camera = context.canvas.captureStream(FRAME_RATE).getVideoTracks()[0]!;
    client = new RoomClient({ server });
    await client.join({ token, name, tracks: { camera, microphone: oscillator() } });
    const { state } = client.store;
    const local = state.peers[state.localPeerId ?? ''];
    if (!local?.tracks.camera?.track || !local.tracks.microphone?.track) {
      throw new Error(
        `joined but not publishing: ${JSON.stringify(state.error ?? state.connection)}`,
      );
    }
  },

  view(url, config) {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    document.body.append(video);
    const context = canvas();
    hls = new Hls(config);
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) errors.push(`${data.type}: ${data.details}`);
      if (data.details === Hls.ErrorDetails.BUFFER_STALLED_ERROR) stalls++;
    });
    // Both viewers play the top rendition throughout: a level switch (hls.js's bandwidth guess
    // starts low) re-buffers, and one viewer switching while the other does not is no comparison.
    hls.once(Hls.Events.MANIFEST_PARSED, (_event, data) => {
      hls!.currentLevel = data.levels.length - 1;
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    video.play().catch(() => undefined);
    return new Promise((resolve) => {
      const onFrame = () => {
        const now = Date.now();
        context.drawImage(video, 0, 0, CODE_WIDTH, CODE_HEIGHT);
        const drawn = readClock(context, now);
        if (drawn === undefined) unreadable++;
        else {
          if (sampling) kept.push({ at: now, latency: now - drawn });
          resolve();
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    });
  },

  startSampling() {
    kept.length = 0;
    unreadable = 0;
    stalls = 0;
    sampling = true;
  },

  samples: () => [...kept],

  status() {
    const level = hls?.levels[hls.currentLevel];
    return {
      samples: kept.length,
      unreadable,
      hlsLatency: hls?.latency ?? NaN,
      targetLatency: hls?.targetLatency ?? NaN,
      stalls,
      level: hls?.currentLevel ?? -1,
      height: level?.height ?? 0,
      errors: [...errors],
    };
  },

  selfTest() {
    const context = canvas();
    const time = Date.now() - 12_345;
    drawClock(context, time);
    const read = readClock(context, Date.now());
    return read === undefined ? NaN : read - time;
  },
};

window.hlsLatency = api;
