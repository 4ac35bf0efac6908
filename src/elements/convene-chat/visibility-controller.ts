// Whether the host can be seen: on screen (an IntersectionObserver; a closed panel, `hidden` or
// display:none, does not intersect) and in a page the person is looking at. The chat marks its
// messages read only then.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class VisibilityController implements ReactiveController {
  /** On screen, in a visible page. */
  get value(): boolean {
    return this.#intersecting && document.visibilityState === 'visible';
  }

  readonly #host: ReactiveControllerHost & Element;
  #intersecting = false;
  #observer: IntersectionObserver | undefined;
  readonly #onVisibilityChange = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (!last || last.isIntersecting === this.#intersecting) return;
      this.#intersecting = last.isIntersecting;
      this.#host.requestUpdate();
    });
    this.#observer.observe(this.#host);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#intersecting = false;
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
  }
}
