// convene-timed-metadata: playback reached metadata sent into the live stream at a moment.
export interface ConveneTimedMetadataDetail {
  /** The metadata's id, as sent (each fires once). */
  id: string;
  /** The text sent. */
  payload: string;
  /** When in the stream it applies, as an ISO date. */
  startDate: string;
  /** How long it applies, in seconds. */
  duration: number;
}

/** Fired by <convene-hls-player> when playback reaches the metadata's start. */
export class ConveneTimedMetadataEvent extends CustomEvent<ConveneTimedMetadataDetail> {
  static readonly type = 'convene-timed-metadata';
  constructor(detail: ConveneTimedMetadataDetail) {
    super(ConveneTimedMetadataEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-timed-metadata': ConveneTimedMetadataEvent;
  }
}
