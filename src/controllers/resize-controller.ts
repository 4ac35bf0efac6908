// Tells an element the size of one of its parts, through a ResizeObserver held only while the
// element is in the document. The host updates in the next animation frame, not inside the
// observer's callback: an update that resizes the target there would loop the observer within
// one frame ("ResizeObserver loop completed with undelivered notifications", a window error).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Size {
  width: number;
  height: number;
}

export interface ResizeControllerOptions {
  /** The element to measure; asked after every update, since it may be rendered late or anew. */
  target: () => Element | null | undefined;
}

export class ResizeController implements ReactiveController {
  /** The target's content-box size in CSS pixels; undefined until first measured. */
  value: Size | undefined;

  private readonly host: ReactiveControllerHost;
  private readonly options: ResizeControllerOptions;
  private observer: ResizeObserver | undefined;
  private observed: Element | undefined;
  private frame = 0;

  constructor(host: ReactiveControllerHost, options: ResizeControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        if (box.width === this.value?.width && box.height === this.value?.height) return;
        this.value = { width: box.width, height: box.height };
        this.host.requestUpdate();
      });
    });
    // The target may already be rendered (the host moved in the document).
    this.observeTarget();
  }

  hostUpdated(): void {
    this.observeTarget();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private observeTarget(): void {
    const target = this.options.target() ?? undefined;
    if (!this.observer || target === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    this.observed = target;
    if (target) this.observer.observe(target);
  }
}
