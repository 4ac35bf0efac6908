// The pre-join screen's own camera and microphone: opened while its host is in the document,
// each closed when turned off, reopened on another device, and every track stopped when the
// host leaves or releases them (the room client captures its own on join). Also the list of
// devices, read again on every devicechange.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type PreviewSource = 'microphone' | 'camera';

/**
 * Why a device is not in the preview: the browser refuses it (`denied`), there is none
 * (`not-found`), another application holds it (`busy`), the page is not secure (`insecure`), or
 * something else went wrong (`failed`, with the browser's message).
 */
export interface CaptureProblem {
  reason: 'denied' | 'not-found' | 'busy' | 'insecure' | 'failed';
  message: string;
}

export interface PreviewMediaOptions {
  /** The devices the person wants on now. */
  wanted: () => Record<PreviewSource, boolean>;
  /** The device chosen for a source, if one was. */
  deviceId: (source: PreviewSource) => string | undefined;
}

const KIND: Record<PreviewSource, 'audio' | 'video'> = { microphone: 'audio', camera: 'video' };

export function captureProblem(error: unknown): CaptureProblem {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') return { reason: 'denied', message };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { reason: 'not-found', message };
  }
  if (name === 'NotReadableError' || name === 'AbortError') return { reason: 'busy', message };
  return { reason: 'failed', message };
}

export class PreviewMediaController implements ReactiveController {
  /** The live tracks, by source. */
  readonly tracks: Partial<Record<PreviewSource, MediaStreamTrack>> = {};
  /** Why a source could not be opened; cleared by retry() or another device. */
  readonly problems: Partial<Record<PreviewSource, CaptureProblem>> = {};
  /** Every device the browser lists (labels once a permission was given). */
  devices: MediaDeviceInfo[] = [];
  /** Why the device list could not be read. */
  devicesError: string | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: PreviewMediaOptions;
  /** Bumped by every open and close of a source: a capture that resolves late is stale. */
  readonly #generation: Record<PreviewSource, number> = { microphone: 0, camera: 0 };
  readonly #opening = new Set<PreviewSource>();
  #active = false;
  #listening: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: PreviewMediaOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Whether a source is being opened now. */
  isOpening(source: PreviewSource): boolean {
    return this.#opening.has(source);
  }

  hostConnected(): void {
    this.start();
  }

  hostDisconnected(): void {
    this.release();
  }

  /** Opens the wanted devices and follows the device list (again after release()). */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    const devices = globalThis.navigator?.mediaDevices;
    if (devices) {
      this.#listening = new AbortController();
      devices.addEventListener('devicechange', () => this.#onDeviceChange(), {
        signal: this.#listening.signal,
      });
    }
    void this.#listDevices();
    this.sync();
  }

  /** Stops every track and forgets captures still opening; nothing keeps a device open. */
  release(): void {
    this.#active = false;
    this.#listening?.abort();
    this.#listening = undefined;
    for (const source of ['microphone', 'camera'] as const) this.#close(source);
    this.#host.requestUpdate();
  }

  /** Opens what is wanted and not open, closes what is open and not wanted. */
  sync(): void {
    if (!this.#active) return;
    const wanted = this.#options.wanted();
    const opening: PreviewSource[] = [];
    for (const source of ['microphone', 'camera'] as const) {
      if (!wanted[source]) this.#close(source);
      else if (!this.tracks[source] && !this.#opening.has(source) && !this.problems[source]) {
        opening.push(source);
      }
    }
    if (opening.length > 0) void this.#open(opening);
  }

  /** Forgets a source's problem and tries it again (the person changed a setting). */
  retry(source: PreviewSource): void {
    delete this.problems[source];
    this.#host.requestUpdate();
    this.sync();
  }

  /** Opens a source again on the device chosen now, if it is on. */
  reopen(source: PreviewSource): void {
    this.#close(source);
    this.retry(source);
  }

  #close(source: PreviewSource): void {
    this.#generation[source]++;
    this.#opening.delete(source);
    const track = this.tracks[source];
    if (!track) return;
    delete this.tracks[source];
    track.stop();
    this.#host.requestUpdate();
  }

  /** One getUserMedia call for both (one prompt), then each alone so one failing spares the other. */
  async #open(sources: PreviewSource[]): Promise<void> {
    const devices = globalThis.navigator?.mediaDevices;
    if (!devices) {
      for (const source of sources) {
        this.problems[source] = {
          reason: 'insecure',
          message: 'navigator.mediaDevices is missing',
        };
      }
      this.#host.requestUpdate();
      return;
    }
    const generations = new Map(sources.map((source) => [source, ++this.#generation[source]]));
    for (const source of sources) this.#opening.add(source);
    this.#host.requestUpdate();
    const constraints = (source: PreviewSource): MediaTrackConstraints | boolean => {
      const deviceId = this.#options.deviceId(source);
      return deviceId ? { deviceId: { exact: deviceId } } : true;
    };
    const capture = (wanted: PreviewSource[]) =>
      devices.getUserMedia(
        Object.fromEntries(wanted.map((source) => [KIND[source], constraints(source)])),
      );
    let results: Array<[PreviewSource, PromiseSettledResult<MediaStream>]>;
    try {
      const stream = await capture(sources);
      results = sources.map((source) => [source, { status: 'fulfilled', value: stream }]);
    } catch (error) {
      results =
        sources.length === 1
          ? [[sources[0] as PreviewSource, { status: 'rejected', reason: error }]]
          : await Promise.all(
              sources.map(async (source) => {
                const [result] = await Promise.allSettled([capture([source])]);
                return [source, result] as [PreviewSource, PromiseSettledResult<MediaStream>];
              }),
            );
    }
    for (const [source, result] of results) this.#adopt(source, generations.get(source), result);
    this.#host.requestUpdate();
    // Labels appear once a permission was given.
    if (results.some(([, result]) => result.status === 'fulfilled')) void this.#listDevices();
  }

  #adopt(
    source: PreviewSource,
    generation: number | undefined,
    result: PromiseSettledResult<MediaStream>,
  ): void {
    const track =
      result.status === 'fulfilled'
        ? (source === 'microphone'
            ? result.value.getAudioTracks()
            : result.value.getVideoTracks())[0]
        : undefined;
    if (generation !== this.#generation[source] || !this.#active) {
      track?.stop(); // Turned off, switched or released while it opened.
      return;
    }
    this.#opening.delete(source);
    if (result.status === 'rejected') {
      this.problems[source] = captureProblem(result.reason);
      return;
    }
    if (!track) {
      this.problems[source] = { reason: 'not-found', message: `no ${source} track` };
      return;
    }
    this.tracks[source] = track;
    // Unplugged or revoked: the device is gone until one is connected again.
    track.addEventListener(
      'ended',
      () => {
        if (this.tracks[source] !== track) return;
        delete this.tracks[source];
        this.problems[source] = { reason: 'not-found', message: `the ${source} stopped` };
        this.#host.requestUpdate();
      },
      { once: true },
    );
  }

  #onDeviceChange(): void {
    // A device connected may cure "none found"; the list is read again either way.
    for (const source of ['microphone', 'camera'] as const) {
      if (this.problems[source]?.reason === 'not-found') delete this.problems[source];
    }
    void this.#listDevices();
    this.sync();
  }

  async #listDevices(): Promise<void> {
    const devices = globalThis.navigator?.mediaDevices;
    if (!devices) return;
    try {
      const listed = await devices.enumerateDevices();
      if (!this.#active) return;
      this.devices = listed;
      this.devicesError = undefined;
    } catch (error) {
      this.devicesError = error instanceof Error ? error.message : String(error);
    }
    this.#host.requestUpdate();
  }
}
