// Plays MediaStreamTracks in an element's <video>/<audio> elements and lets go of them when the
// element leaves the document: a media element that keeps its srcObject keeps the track's
// decoder (and, for remote tracks, the consumer) alive. Sound refused by the autoplay policy
// (no user gesture on the page yet) starts at the page's next click or key press.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type MediaAttachment = readonly [element: HTMLMediaElement, track: MediaStreamTrack | null];

interface Attached {
  track: MediaStreamTrack;
  onEnded: () => void;
}

export class MediaAttachmentController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly attached = new Map<HTMLMediaElement, Attached>();
  private readonly blocked = new Set<HTMLMediaElement>();
  private released = false;
  private connected = false;
  private listening = false;
  private readonly playBlocked = () => {
    this.stopListening();
    for (const element of this.blocked) this.play(element);
    this.blocked.clear();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /**
   * Makes exactly these elements play these tracks (null: play nothing) and releases every other
   * element this controller attached before. Call it from the host's `updated()`.
   */
  sync(attachments: Iterable<MediaAttachment>): void {
    // A host removed before it rendered still updates once: it must not take a track then.
    const wanted = new Map(this.connected ? attachments : []);
    for (const element of [...this.attached.keys()]) {
      if (wanted.get(element) !== this.attached.get(element)?.track) this.detach(element);
    }
    for (const [element, track] of wanted) {
      if (track && track.readyState === 'live' && !this.attached.has(element)) {
        this.attach(element, track);
      }
    }
  }

  hostConnected(): void {
    this.connected = true;
    // Moved in the document: attach again on the next update.
    if (this.released) {
      this.released = false;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.connected = false;
    this.released = this.attached.size > 0;
    for (const element of [...this.attached.keys()]) this.detach(element);
    this.stopListening();
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
    this.play(element);
  }

  private play(element: HTMLMediaElement): void {
    element.play().catch((error: unknown) => {
      // An AbortError only means a newer srcObject replaced this one.
      const refused = error instanceof DOMException && error.name === 'NotAllowedError';
      if (!refused || !this.connected || !this.attached.has(element)) return;
      this.blocked.add(element);
      if (this.listening) return;
      this.listening = true;
      // Capture: a page that stops propagation of its clicks still unlocks the sound.
      document.addEventListener('pointerdown', this.playBlocked, true);
      document.addEventListener('keydown', this.playBlocked, true);
    });
  }

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    document.removeEventListener('pointerdown', this.playBlocked, true);
    document.removeEventListener('keydown', this.playBlocked, true);
  }

  private detach(element: HTMLMediaElement): void {
    const attached = this.attached.get(element);
    if (!attached) return;
    attached.track.removeEventListener('ended', attached.onEnded);
    this.attached.delete(element);
    this.blocked.delete(element);
    element.srcObject = null;
  }
}
