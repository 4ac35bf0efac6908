// The local peer's publishing: capturing the microphone, camera and screen as the role allows,
// mute, camera on/off, device switches, and keeping each server-side producer in line with its
// local track across reconnects. The room client hands it the current media connection.
import type { Role } from '../protocol/roles.ts';
import { SOURCE_PERMISSION, type MediaSource } from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';
import { captureDevice, captureScreen, captureUserMedia } from './local-capture.ts';
import { LocalTracks } from './local-tracks.ts';
import type { MediaConnection } from './media.ts';
import type { RoomStore } from './room-store.ts';

/** Failures worth another attempt: the network or the server was away, not a refusal. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'connection_failed',
  'connection_closed',
  'timeout',
  'internal_error',
  'unavailable',
]);

/** User actions on one capture run one after another, so double clicks and device switches do not race. */
const ACTION_GROUP: Record<MediaSource, string> = {
  microphone: 'microphone',
  camera: 'camera',
  screen: 'screen',
  'screen-audio': 'screen',
};

export interface PublisherHost {
  store: RoomStore;
  /** The media connection to publish on, when there is one (not while reconnecting). */
  media(): MediaConnection | undefined;
  /** A failure the user should hear about (store `error`, 'error' event). */
  report(error: ConveneError): void;
  /** A local producer now exists with this id. */
  produced(producerId: string, source: MediaSource): void;
}

/** What the first join publishes: devices to open, or tracks the app made itself. */
export interface CaptureOnJoin {
  audio: boolean;
  video: boolean;
  tracks?: { microphone?: MediaStreamTrack; camera?: MediaStreamTrack };
}

export class Publisher {
  readonly #host: PublisherHost;
  readonly #local: LocalTracks;
  readonly #devices: { audioinput?: string; videoinput?: string } = {};
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Bumped by reset(): captures finishing after it are stopped, not adopted. */
  #generation = 0;

  constructor(host: PublisherHost) {
    this.#host = host;
    this.#local = new LocalTracks(host.store, (source, track) => this.#onTrackEnded(source, track));
  }

  /** The local peer's tracks as the store shows them (for rebuilding the local peer). */
  trackStates() {
    return this.#local.trackStates();
  }

  /** Stops every local track and forgets pending work (leaving). Device choices are kept. */
  reset(): void {
    this.#generation++;
    this.#local.stopAll();
    this.#queues.clear();
  }

  /** First join: opens what was asked for and the role allows; failures are reported, not thrown. */
  async captureOnJoin(role: Role, wanted: CaptureOnJoin): Promise<void> {
    const generation = this.#generation;
    const allowed = role.publishParams.allowed;
    if (wanted.tracks) {
      const { microphone, camera } = wanted.tracks;
      if (microphone && allowed.includes('audio')) this.#local.set('microphone', microphone);
      if (camera && allowed.includes('video')) this.#local.set('camera', camera);
      return;
    }
    const capture = await captureUserMedia(role, {
      audio: wanted.audio && allowed.includes('audio'),
      video: wanted.video && allowed.includes('video'),
      ...(this.#devices.audioinput ? { audioDeviceId: this.#devices.audioinput } : {}),
      ...(this.#devices.videoinput ? { videoDeviceId: this.#devices.videoinput } : {}),
    });
    if (generation !== this.#generation) {
      capture.microphone?.stop();
      capture.camera?.stop();
      return;
    }
    if (capture.microphone) this.#local.set('microphone', capture.microphone);
    if (capture.camera) this.#local.set('camera', capture.camera);
    // Joining without a camera is still joining: say why, and carry on.
    for (const error of capture.errors) this.#host.report(error);
  }

  /** Publishes every local track on the current media connection (after a join or a reconnect). */
  async publishAll(): Promise<void> {
    await Promise.all(
      this.#local.sources().map((source) =>
        this.#syncProducer(source).catch((error: unknown) => {
          const failure = ConveneError.from(
            error,
            'publish_failed',
            `Could not publish the ${source}`,
          );
          if (!TRANSIENT_CODES.has(failure.code)) this.#host.report(failure);
        }),
      ),
    );
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.#action('microphone', async (role, generation) => {
      if (!enabled || this.#local.get('microphone')) {
        this.#local.setEnabled('microphone', enabled);
      } else {
        assertAllowed(role, 'microphone');
        this.#adopt(
          generation,
          'microphone',
          await captureDevice(role, 'microphone', this.#devices.audioinput),
        );
      }
      await this.#syncProducer('microphone');
    });
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#action('camera', async (role, generation) => {
      // Off closes the producer and stops the track, so the camera light goes off.
      if (!enabled) {
        this.#local.drop('camera');
      } else if (!this.#local.get('camera')) {
        assertAllowed(role, 'camera');
        this.#adopt(
          generation,
          'camera',
          await captureDevice(role, 'camera', this.#devices.videoinput),
        );
      }
      await this.#syncProducer('camera');
    });
  }

  selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const source = kind === 'audioinput' ? 'microphone' : 'camera';
    return this.#action(source, async (role, generation) => {
      this.#devices[kind] = deviceId; // Also used by the next capture if nothing is live now.
      const current = this.#local.get(source);
      if (!current || current.getSettings().deviceId === deviceId) return;
      const captured = await captureDevice(role, source, deviceId);
      captured.enabled = current.enabled; // A muted microphone stays muted on the new device.
      this.#adopt(generation, source, captured);
      await this.#syncProducer(source);
    });
  }

  startScreenShare(): Promise<void> {
    return this.#action('screen', async (role, generation) => {
      if (this.#local.get('screen')) return;
      assertAllowed(role, 'screen');
      const { screen, screenAudio } = await captureScreen(role);
      this.#adopt(generation, 'screen', screen);
      if (screenAudio) this.#adopt(generation, 'screen-audio', screenAudio);
      await Promise.all([this.#syncProducer('screen'), this.#syncProducer('screen-audio')]);
    });
  }

  stopScreenShare(): Promise<void> {
    return this.#action('screen', async () => {
      this.#local.drop('screen');
      this.#local.drop('screen-audio');
      await Promise.all([this.#syncProducer('screen'), this.#syncProducer('screen-audio')]);
    });
  }

  /**
   * Our role changed: captures it no longer allows stop (the server closed their producers
   * already). What it allows now is captured with its publish params on the next action.
   */
  followRole(role: Role): void {
    for (const source of this.#local.sources()) {
      if (role.publishParams.allowed.includes(SOURCE_PERMISSION[source])) continue;
      this.#host.media()?.forgetProducer(source);
      this.#local.drop(source);
    }
  }

  /** The server paused or resumed one of our producers (a host muted us): follow it locally. */
  followServerPause(source: MediaSource, paused: boolean): void {
    this.#local.setEnabled(source, !paused);
    this.#syncProducer(source).catch(() => undefined);
  }

  /**
   * Runs a user action after the previous one on the same capture. A failure is reported and
   * also rejects the returned promise, so a caller awaiting it knows.
   */
  #action(
    source: MediaSource,
    run: (role: Role, generation: number) => Promise<void>,
  ): Promise<void> {
    const generation = this.#generation;
    return this.#enqueue(`action:${ACTION_GROUP[source]}`, async () => {
      const { role, connection } = this.#host.store.state;
      if (
        !role ||
        connection === 'idle' ||
        connection === 'disconnected' ||
        connection === 'failed'
      ) {
        throw new ConveneError('not_joined', 'Join a room before turning media on or off.');
      }
      try {
        await run(role, generation);
      } catch (error) {
        const failure = ConveneError.from(error, 'media_failed', `Could not change the ${source}`);
        if (generation === this.#generation && failure.code !== 'aborted')
          this.#host.report(failure);
        throw failure;
      }
    });
  }

  #enqueue<T>(key: string, run: () => Promise<T>): Promise<T> {
    const next = (this.#queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.#queues.set(key, next);
    return next;
  }

  /** Takes a freshly captured track, unless the room was left while it was being captured. */
  #adopt(generation: number, source: MediaSource, track: MediaStreamTrack): void {
    if (generation !== this.#generation) {
      track.stop();
      throw new ConveneError('aborted', 'Left the room while the device was opening.');
    }
    this.#local.set(source, track);
  }

  /**
   * Makes the producer of `source` match the local track: created, replaced, paused, resumed or
   * closed. Serialized per source and reading the wanted state when it runs, so user actions and
   * a reconnect's re-publishing converge instead of racing.
   */
  #syncProducer(source: MediaSource): Promise<void> {
    return this.#enqueue(`producer:${source}`, async () => {
      const media = this.#host.media();
      const role = this.#host.store.state.role;
      if (!media || media.closed || !role) return; // Published when the connection is back.
      const track = this.#local.get(source);
      const producer = media.producer(source);
      try {
        if (!track) {
          await media.closeProducer(source);
        } else if (!producer) {
          const created = await media.produce(source, track, role);
          this.#host.produced(created.id, source);
        } else {
          if (producer.track !== track) await media.replaceTrack(source, track);
          if (track.enabled) await media.resumeProducer(source);
          else await media.pauseProducer(source);
        }
      } catch (error) {
        const failure = ConveneError.from(
          error,
          'publish_failed',
          `Could not publish the ${source}`,
        );
        // Refused for good (the role may not publish it): stop the capture rather than show a
        // preview nobody receives. Connection trouble is left to the reconnect.
        if (!TRANSIENT_CODES.has(failure.code) && this.#local.get(source) === track)
          this.#local.drop(source);
        throw failure;
      }
    });
  }

  #onTrackEnded(source: MediaSource, track: MediaStreamTrack): void {
    if (this.#local.get(source) !== track) return;
    if (source === 'screen') {
      this.stopScreenShare().catch(() => undefined); // The browser's "Stop sharing" button.
      return;
    }
    // A device unplugged or revoked: stop publishing it; the user can turn it on again.
    this.#action(source, async () => {
      if (this.#local.get(source) === track) this.#local.drop(source);
      await this.#syncProducer(source);
    }).catch(() => undefined);
  }
}

function assertAllowed(role: Role, source: MediaSource): void {
  if (role.publishParams.allowed.includes(SOURCE_PERMISSION[source])) return;
  throw new ConveneError('forbidden', `Your role (${role.name}) may not publish the ${source}.`);
}
