// Browser side of the join bench, shared by both pages so ours and the anchor stop the clock the
// same way: the first frame of the remote video presented in a <video> element, as reported by
// requestVideoFrameCallback.
import type { JoinPhase } from '../src/client/join-phases.ts';

/** The camera layers Convene's default role publishes (q, h, f), lowest first; both publishers use them. */
export const CAMERA_ENCODINGS = [
  { scaleResolutionDownBy: 4, maxFramerate: 15, maxBitrate: 100_000 },
  { scaleResolutionDownBy: 2, maxFramerate: 30, maxBitrate: 250_000 },
  { scaleResolutionDownBy: 1, maxFramerate: 30, maxBitrate: 700_000 },
];

/** The tile the viewer shows the publisher in. */
export const TILE = { width: 640, height: 360 };

/** Plays `track` in a <video> on the page; resolves with performance.now() when its first frame is shown. */
export function firstFrameShown(track: MediaStreamTrack): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.width = TILE.width;
  video.height = TILE.height;
  document.body.replaceChildren(video);
  video.srcObject = new MediaStream([track]);
  return new Promise<number>((resolve, reject) => {
    video.requestVideoFrameCallback(() => resolve(performance.now()));
    video.play().catch(reject);
  });
}

/** Rejects after `ms` with what `progress()` says was reached, so a stuck join reports where. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  progress: () => string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no remote frame after ${ms} ms (${progress()})`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Milliseconds from just before join: the remote camera track in hand, its first frame shown, and
 * where each phase ended (the phases of src/client/join-phases.ts; the bare page marks its own
 * nearest steps under the same names).
 */
export interface JoinTiming {
  track: number;
  frame: number;
  phases: Partial<Record<JoinPhase, number>>;
}

/** What each bench page puts on window for the bench to drive with page.evaluate. */
export interface JoinBenchPage {
  /** Joins and publishes the fake camera; resolves once the producer exists. */
  benchPublish(token?: string): Promise<void>;
  /** Joins as a viewer; resolves when the publisher's first frame is shown. */
  benchJoin(token?: string): Promise<JoinTiming>;
  benchLeave(): Promise<void>;
}
