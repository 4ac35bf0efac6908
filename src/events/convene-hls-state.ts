// convene-hls-state: the HLS player's state changed (loading, playing, stalled, ended, ...).

/** What <convene-hls-player> is doing. */
export type HlsPlayerState = 'idle' | 'loading' | 'playing' | 'stalled' | 'error' | 'ended';

export interface ConveneHlsStateDetail {
  /** The state now. */
  state: HlsPlayerState;
}

/** Fired by <convene-hls-player> on each change of its state. */
export class ConveneHlsStateEvent extends CustomEvent<ConveneHlsStateDetail> {
  static readonly type = 'convene-hls-state';
  constructor(detail: ConveneHlsStateDetail) {
    super(ConveneHlsStateEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-hls-state': ConveneHlsStateEvent;
  }
}
