// How loud the microphone is, 0 to 100, for a level meter: a Web Audio AnalyserNode on the track,
// read once per animation frame while there is a track and the page is visible. The
// AudioContext is created with the first track and closed when the host leaves or releases it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface MicrophoneLevelOptions {
  /** The microphone track to measure, asked after every host update. */
  track: () => MediaStreamTrack | undefined;
}

/** Below this the meter shows nothing; at 0 dBFS it is full. */
const FLOOR_DB = -60;
/** How much of the last level remains each frame, so the bar falls back instead of flickering. */
const DECAY = 0.85;

/** A level from 0 to 100 for an RMS amplitude, on a decibel scale as people hear it. */
export function levelOf(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.round(Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB)) * 100);
}

export class MicrophoneLevelController implements ReactiveController {
  /** The level now, from 0 (silence or no microphone) to 100. */
  value = 0;
  /** Why the level cannot be measured, if Web Audio refused. */
  error: string | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: MicrophoneLevelOptions;
  #context: AudioContext | undefined;
  #source: MediaStreamAudioSourceNode | undefined;
  #analyser: AnalyserNode | undefined;
  #samples: Float32Array<ArrayBuffer> | undefined;
  #track: MediaStreamTrack | undefined;
  #frame = 0;
  #listening: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: MicrophoneLevelOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.start();
  }

  /** Measures the track again after release(). */
  start(): void {
    if (this.#listening) return;
    this.#listening = new AbortController();
    const { signal } = this.#listening;
    document.addEventListener('visibilitychange', () => this.#schedule(), { signal });
    // An AudioContext made before any user gesture starts suspended: the first one resumes it.
    const resume = () => {
      if (this.#context?.state === 'suspended') this.#resume(this.#context);
    };
    document.addEventListener('pointerdown', resume, { capture: true, signal });
    document.addEventListener('keydown', resume, { capture: true, signal });
    this.#measure(this.#options.track());
  }

  hostUpdated(): void {
    const track = this.#options.track();
    if (track !== this.#track) this.#measure(track);
  }

  hostDisconnected(): void {
    this.release();
  }

  /** Stops measuring and closes the AudioContext. */
  release(): void {
    this.#listening?.abort();
    this.#listening = undefined;
    this.#measure(undefined);
    const context = this.#context;
    this.#context = undefined;
    this.#analyser = undefined;
    this.#samples = undefined;
    if (context && context.state !== 'closed') {
      context.close().catch((error: unknown) => {
        // Nothing a person can do about it; keep it visible to whoever debugs the page.
        console.error('convene-preview: the AudioContext did not close', error);
      });
    }
  }

  #measure(track: MediaStreamTrack | undefined): void {
    this.#track = track;
    this.#source?.disconnect();
    this.#source = undefined;
    if (track && this.#listening) {
      try {
        this.#connect(track);
        this.error = undefined;
      } catch (error) {
        // Web Audio refused (too many contexts, a track it cannot read): say so, keep the rest.
        this.error = error instanceof Error ? error.message : String(error);
        this.#source = undefined;
        this.#host.requestUpdate();
      }
    } else {
      // The host renders no level without a microphone: nothing to update for.
      this.value = 0;
    }
    this.#schedule();
  }

  #connect(track: MediaStreamTrack): void {
    if (!this.#context) {
      this.#context = new AudioContext();
      this.#analyser = this.#context.createAnalyser();
      this.#analyser.fftSize = 1024;
      this.#samples = new Float32Array(this.#analyser.fftSize);
    }
    this.#source = this.#context.createMediaStreamSource(new MediaStream([track]));
    this.#source.connect(this.#analyser as AnalyserNode);
    if (this.#context.state === 'suspended') this.#resume(this.#context);
  }

  /** A context released (closed) before its resume completes rejects it: nothing to tell then. */
  #resume(context: AudioContext): void {
    context.resume().catch((error: unknown) => {
      if (context.state !== 'closed')
        console.error('convene-preview: the AudioContext did not resume', error);
    });
  }

  /** Runs the frame loop while there is a track to measure and someone can see the meter. */
  #schedule(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    if (this.#source && document.visibilityState === 'visible') {
      this.#frame = requestAnimationFrame(() => this.#tick());
    } else {
      this.#set(0);
    }
  }

  #tick(): void {
    const analyser = this.#analyser;
    const samples = this.#samples;
    if (!analyser || !samples) return;
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    const level = levelOf(Math.sqrt(sum / samples.length));
    this.#set(Math.max(level, Math.floor(this.value * DECAY)));
    this.#frame = requestAnimationFrame(() => this.#tick());
  }

  #set(level: number): void {
    if (level === this.value) return;
    this.value = level;
    this.#host.requestUpdate();
  }
}
