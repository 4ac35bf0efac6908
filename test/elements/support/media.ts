// Real media for element tests: video tracks painted on a canvas, audio from an oscillator.
// Every track made here is stopped by stopTestMedia() (call it in afterEach).
const stops: Array<() => void> = [];

/** A live video track of `width` x `height` that keeps producing frames until stopped. */
export function canvasVideoTrack(width = 320, height = 180): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas context');
  let hue = 0;
  const paint = () => {
    hue = (hue + 40) % 360;
    context.fillStyle = `hsl(${hue} 70% 50%)`;
    context.fillRect(0, 0, width, height);
  };
  paint();
  const timer = setInterval(paint, 50);
  const [track] = canvas.captureStream(20).getVideoTracks();
  if (!track) throw new Error('canvas.captureStream() gave no video track');
  stops.push(() => {
    clearInterval(timer);
    track.stop();
  });
  return track;
}

/** A live audio track (a quiet tone). */
export function oscillatorAudioTrack(): MediaStreamTrack {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  gain.gain.value = 0.01;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const [track] = destination.stream.getAudioTracks();
  if (!track) throw new Error('no audio track from the AudioContext');
  stops.push(() => {
    track.stop();
    oscillator.stop();
    void context.close();
  });
  return track;
}

export function stopTestMedia(): void {
  for (const stop of stops.splice(0)) stop();
}

/**
 * Watches the listeners added to and removed from a target, so a test can check that an element
 * let go of everything it listened to.
 */
export function watchListeners(target: EventTarget): { active: () => number; added: () => number } {
  let added = 0;
  const entries = new Map<EventListenerOrEventListenerObject, Set<string>>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  target.addEventListener = (type, listener, options) => {
    if (listener) {
      added++;
      const types = entries.get(listener) ?? new Set<string>();
      types.add(type);
      entries.set(listener, types);
    }
    add(type, listener, options);
  };
  target.removeEventListener = (type, listener, options) => {
    if (listener) {
      const types = entries.get(listener);
      types?.delete(type);
      if (types?.size === 0) entries.delete(listener);
    }
    remove(type, listener, options);
  };
  return {
    active: () => [...entries.values()].reduce((sum, types) => sum + types.size, 0),
    added: () => added,
  };
}
