// convene-recording-state: the room's recording started, stopped or failed.
import type { RoomState } from '../client/room-state.ts';

/** Where a recording or live stream is: `starting`, `running`, `stopping`, `stopped`, `failed`. */
export type ConveneStreamingStatus = RoomState['streaming']['recording']['status'];

export interface ConveneRecordingStateDetail {
  /** The recording's status now. */
  status: ConveneStreamingStatus;
  /** Why it failed, when it did. */
  error?: string;
}

/**
 * Fired by <convene-meeting> on each change of the room's recording status, and when I join a
 * room whose recording is not stopped.
 */
export class ConveneRecordingStateEvent extends CustomEvent<ConveneRecordingStateDetail> {
  static readonly type = 'convene-recording-state';
  constructor(detail: ConveneRecordingStateDetail) {
    super(ConveneRecordingStateEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-recording-state': ConveneRecordingStateEvent;
  }
}
