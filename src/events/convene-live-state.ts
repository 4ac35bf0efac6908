// convene-live-state: the room's live stream (HLS) started, stopped or failed.
import type { ConveneStreamingStatus } from './convene-recording-state.ts';

export interface ConveneLiveStateDetail {
  /** The live stream's status now. */
  status: ConveneStreamingStatus;
  /** Its HLS playback URL, once it is running. */
  url?: string;
  /** Why it failed, when it did. */
  error?: string;
}

/**
 * Fired by <convene-meeting> on each change of the room's live stream (its status or its URL),
 * and when I join a room whose live stream is not stopped.
 */
export class ConveneLiveStateEvent extends CustomEvent<ConveneLiveStateDetail> {
  static readonly type = 'convene-live-state';
  constructor(detail: ConveneLiveStateDetail) {
    super(ConveneLiveStateEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-live-state': ConveneLiveStateEvent;
  }
}
