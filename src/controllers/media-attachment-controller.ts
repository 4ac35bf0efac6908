// Plays MediaStreamTracks in an element's <video>/<audio> elements and lets go of them when the
// element leaves the document: a media element that keeps its srcObject keeps the track's
// decoder (and, for remote tracks, the consumer) alive.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type MediaAttachment = readonly [element: HTMLMediaElement, track: MediaStreamTrack | null];

interface Attached {
  track: MediaStreamTrack;
  onEnded: () => void;
}

export class MediaAttachmentController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly attached = new Map<HTMLMediaElement, Attached>();
  private released = false;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /**
   * Makes exactly these elements play these tracks (null: play nothing) and releases every other
   * element this controller attached before. Call it from the host's `updated()`.
   */
  sync(attachments: Iterable<MediaAttachment>): void {
    const wanted = new Map(attachments);
    for (const element of [...this.attached.keys()]) {
      if (wanted.get(element) !== this.attached.get(element)?.track) this.detach(element);
    }
    for (const [element, track] of wanted) {
      if (track && track.readyState === 'live' && !this.attached.has(element)) {
        this.attach(element, track);
      }
    }
  }

  /** The track an element plays, if this controller attached one. */
  trackOf(element: HTMLMediaElement): MediaStreamTrack | undefined {
    return this.attached.get(element)?.track;
  }

  hostConnected(): void {
    // Moved in the document: attach again on the next update.
    if (this.released) {
      this.released = false;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.released = this.attached.size > 0;
    for (const element of [...this.attached.keys()]) this.detach(element);
  }

  private attach(element: HTMLMediaElement, track: MediaStreamTrack): void {
    // An ended track never plays again; the host renders its no-video state instead.
    const onEnded = () => {
      this.detach(element);
      this.host.requestUpdate();
    };
    track.addEventListener('ended', onEnded);
    this.attached.set(element, { track, onEnded });
    element.srcObject = new MediaStream([track]);
    // Autoplay normally starts it; play() covers an element that was paused by a detach.
    element.play().catch(() => {
      // Refused by the autoplay policy or interrupted by a newer srcObject: the element stays
      // ready and plays at the next user gesture or attach.
    });
  }

  private detach(element: HTMLMediaElement): void {
    const attached = this.attached.get(element);
    if (!attached) return;
    attached.track.removeEventListener('ended', attached.onEnded);
    this.attached.delete(element);
    element.srcObject = null;
  }
}
