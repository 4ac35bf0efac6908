// What the HLS latency bench's page exposes (window.hlsLatency): a publisher drawing the clock
// into its camera, and viewers playing a master playlist with hls.js and reading the clock back.

export interface LatencySample {
  /** Date.now() when the frame was presented. */
  at: number;
  /** Presented minus drawn, ms. */
  latency: number;
}

export interface ViewerStatus {
  samples: number;
  /** Presented frames whose clock did not read (a failed check). */
  unreadable: number;
  /** hls.js's own view: its latency estimate, the level playing, fatal errors. */
  hlsLatency: number;
  /** hls.js's target (liveSyncDuration, raised by a second at most after stalls). */
  targetLatency: number;
  /** Times the buffer ran dry (hls.js BUFFER_STALLED_ERROR). */
  stalls: number;
  level: number;
  height: number;
  errors: string[];
}

export interface HlsLatencyApi {
  /** Joins with the clock as camera and an oscillator as microphone. */
  publish(server: string, token: string, name: string): Promise<void>;
  /** Starts playing `url` (hls.js with `config`); resolves on the first readable frame. */
  view(url: string, config: Record<string, unknown>): Promise<void>;
  /** Samples are kept from now on. */
  startSampling(): void;
  /** The samples kept since startSampling(). */
  samples(): LatencySample[];
  status(): ViewerStatus;
  /** Round trip check of the code in this page (no encoding): answers the error in ms. */
  selfTest(): number;
}

declare global {
  interface Window {
    hlsLatency: HlsLatencyApi;
  }
}
