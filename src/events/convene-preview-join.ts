// convene-preview-join: the person on the pre-join screen pressed Join with a valid name.
export interface ConvenePreviewJoinDetail {
  /** The name typed, trimmed (1 to 100 characters). */
  name: string;
  /** Publish the microphone / camera on join: the toggles' state (off when unavailable). */
  audio: boolean;
  video: boolean;
  /**
   * The devices chosen in the preview, when known. JoinOptions takes no device: hand these to
   * the room client with `selectDevice('audioinput', id)` / `selectDevice('videoinput', id)`
   * before `join()` (a choice made before capture is used by the join's capture), and the
   * speaker to `HTMLMediaElement.setSinkId()` where the browser has it.
   */
  audioDeviceId?: string;
  videoDeviceId?: string;
  audioOutputDeviceId?: string;
}

/** Fired by <convene-preview> when Join is pressed; the preview has released its media by then. */
export class ConvenePreviewJoinEvent extends CustomEvent<ConvenePreviewJoinDetail> {
  static readonly type = 'convene-preview-join';
  constructor(detail: ConvenePreviewJoinDetail) {
    super(ConvenePreviewJoinEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-preview-join': ConvenePreviewJoinEvent;
  }
}
