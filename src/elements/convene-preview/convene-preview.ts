// <convene-preview>: the pre-join screen. A mirrored self-view, a microphone level meter,
// microphone and camera toggles, device choice, a name, and Join, which hands the choices to
// the app in convene-preview-join after letting go of every track (the client captures its own).
import { Camera, CameraOff, Mic, MicOff } from 'lucide';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { PropertyValues } from 'lit';
import { MediaAttachmentController } from '../../controllers/media-attachment-controller.ts';
import { ConvenePreviewJoinEvent } from '../../events/convene-preview-join.ts';
import type { ConvenePreviewJoinDetail } from '../../events/convene-preview-join.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-preview.styles.ts';
import { MicrophoneLevelController } from './microphone-level-controller.ts';
import { PreviewMediaController } from './preview-media-controller.ts';
import type { CaptureProblem, PreviewSource } from './preview-media-controller.ts';
import { STRINGS } from './strings.ts';
import type { PreviewStringKey } from './strings.ts';

/** The longest name a peer may have. */
export const MAX_NAME_LENGTH = 100;

type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

const SOURCE_KIND: Record<PreviewSource, DeviceKind> = {
  microphone: 'audioinput',
  camera: 'videoinput',
};

const NUMBERED: Record<DeviceKind, PreviewStringKey> = {
  audioinput: 'microphoneNumber',
  videoinput: 'cameraNumber',
  audiooutput: 'speakerNumber',
};

function problemKey(source: PreviewSource, problem: CaptureProblem): PreviewStringKey {
  switch (problem.reason) {
    case 'denied':
      return source === 'camera' ? 'cameraDenied' : 'microphoneDenied';
    case 'not-found':
      return source === 'camera' ? 'cameraNotFound' : 'microphoneNotFound';
    case 'busy':
      return source === 'camera' ? 'cameraBusy' : 'microphoneBusy';
    case 'insecure':
      return 'insecure';
    default:
      return source === 'camera' ? 'cameraFailed' : 'microphoneFailed';
  }
}

/** Whether the browser can send sound to a chosen speaker. */
function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * @summary The pre-join screen: self-view, microphone level, camera and microphone on or off,
 * device choice and a name, then Join.
 *
 * @event convene-preview-join - Join was pressed with a valid name; `detail`: the name, whether
 *   to publish audio and video, and the chosen device ids. The preview has released its tracks
 *   and AudioContext by then. JoinOptions has no device field: pass the ids to the client's
 *   `selectDevice()` before `join()`.
 *
 * @csspart base - The form holding everything.
 * @csspart stage - The box around the self-view.
 * @csspart video - The mirrored self-view <video>.
 * @csspart placeholder - Shown instead of the video when the camera is off.
 * @csspart meter - The microphone level meter (role="meter").
 * @csspart meter-level - The meter's filled bar.
 * @csspart controls - The row of toggles.
 * @csspart toggle - Each toggle button; also `microphone-toggle` and `camera-toggle`.
 * @csspart icon - The icons in the toggles.
 * @csspart help - What to do about a device that could not be opened.
 * @csspart help-message - One such message.
 * @csspart retry-button - "Try again", shown with a message that a retry may cure.
 * @csspart devices - The device choices.
 * @csspart field - A label with its control (device choices and the name).
 * @csspart field-label - The text of a field's label.
 * @csspart select - Each device <select>; also `microphone-select`, `camera-select`,
 *   `speaker-select`.
 * @csspart name-input - The name <input>.
 * @csspart name-error - Why the name was refused.
 * @csspart join-button - The Join button.
 *
 * @cssproperty --convene-color-tile - The self-view's background.
 * @cssproperty --convene-color-accent - The Join button and the meter's bar.
 * @cssproperty --convene-color-danger - Toggles that are off, and the name's error.
 * @cssproperty --convene-radius-tile - The self-view's corner radius.
 * @cssproperty --convene-radius-control - Buttons, fields and the meter.
 *
 * The preview opens its media when added to the document and releases it when removed or when
 * Join is pressed; call `start()` to preview again after Join.
 */
export class ConvenePreview extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);
  readonly #media = new PreviewMediaController(this, {
    wanted: () => ({ microphone: this.audio, camera: this.video }),
    deviceId: (source) => this.#chosen[SOURCE_KIND[source]],
  });
  readonly #level = new MicrophoneLevelController(this, {
    track: () => this.#media.tracks.microphone,
  });
  readonly #attachment = new MediaAttachmentController(this);

  /** Device ids the person picked, by kind. */
  #chosen: Partial<Record<DeviceKind, string>> = {};

  @state() private nameInvalid = false;

  @query('video') private readonly videoElement!: HTMLVideoElement | null;
  @query('[part~="name-input"]') private readonly nameInput!: HTMLInputElement | null;

  /** The name in the field; the initial value, then what the person types. */
  @property() name = '';

  /** The microphone toggle: on at first; set false to start with it off. Property only. */
  @property({ attribute: false }) audio = true;

  /** The camera toggle: on at first; set false to start with it off. Property only. */
  @property({ attribute: false }) video = true;

  /** Opens the wanted devices again, after Join released them. */
  start(): void {
    this.#media.start();
    this.#level.start();
  }

  /** Whether the microphone / camera is on and usable: what Join will publish. */
  get microphoneOn(): boolean {
    return this.audio && !this.#media.problems.microphone;
  }

  get cameraOn(): boolean {
    return this.video && !this.#media.problems.camera;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Before render, so that a track turned off is gone from the render that shows it off.
    if (changed.has('audio') || changed.has('video')) this.#media.sync();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const camera = this.#media.tracks.camera ?? null;
    this.#attachment.sync(this.videoElement ? [[this.videoElement, camera]] : []);
    // The field is invalid for forms and CSS (:invalid) too, with the message shown beside it.
    this.nameInput?.setCustomValidity(this.nameInvalid ? this.#t.t('nameRequired') : '');
  }

  #toggle(source: PreviewSource): void {
    if (source === 'microphone') this.audio = !this.audio;
    else this.video = !this.video;
  }

  #choose(kind: DeviceKind, event: Event): void {
    const deviceId = (event.target as HTMLSelectElement).value;
    this.#chosen = { ...this.#chosen, [kind]: deviceId };
    if (kind === 'audioinput') this.#media.reopen('microphone');
    else if (kind === 'videoinput') this.#media.reopen('camera');
    else this.requestUpdate();
  }

  #retry(): void {
    for (const source of ['microphone', 'camera'] as const) {
      if (this.#media.problems[source]?.reason !== 'insecure') this.#media.retry(source);
    }
  }

  #onNameInput(event: Event): void {
    this.name = (event.target as HTMLInputElement).value;
    if (this.nameInvalid && this.name.trim()) this.nameInvalid = false;
  }

  /** The device in use or chosen for a kind, if the browser told its id. */
  #deviceId(kind: DeviceKind): string | undefined {
    const source = kind === 'audioinput' ? 'microphone' : kind === 'videoinput' ? 'camera' : null;
    const inUse = source ? this.#media.tracks[source]?.getSettings().deviceId : undefined;
    return this.#chosen[kind] || inUse || undefined;
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const name = this.name.trim().slice(0, MAX_NAME_LENGTH);
    if (!name) {
      this.nameInvalid = true;
      this.nameInput?.focus();
      return;
    }
    const detail: ConvenePreviewJoinDetail = {
      name,
      audio: this.microphoneOn,
      video: this.cameraOn,
    };
    const audioDeviceId = this.#deviceId('audioinput');
    const videoDeviceId = this.#deviceId('videoinput');
    const audioOutputDeviceId = this.#chosen.audiooutput;
    if (audioDeviceId) detail.audioDeviceId = audioDeviceId;
    if (videoDeviceId) detail.videoDeviceId = videoDeviceId;
    if (audioOutputDeviceId) detail.audioOutputDeviceId = audioOutputDeviceId;
    // The client opens its own tracks on join: none of ours may keep a device busy.
    this.#level.release();
    this.#media.release();
    this.dispatchEvent(new ConvenePreviewJoinEvent(detail));
  }

  #renderToggle(source: PreviewSource) {
    const on = source === 'microphone' ? this.microphoneOn : this.cameraOn;
    const unavailable = Boolean(this.#media.problems[source]);
    const glyph = source === 'microphone' ? (on ? Mic : MicOff) : on ? Camera : CameraOff;
    return html`<button
      type="button"
      part="toggle ${source}-toggle"
      class="toggle"
      aria-pressed=${on ? 'true' : 'false'}
      ?disabled=${unavailable}
      @click=${() => this.#toggle(source)}
    >
      ${icon(glyph)}<span>${this.#t.t(source)}</span>
    </button>`;
  }

  #renderDevices(kind: DeviceKind, label: PreviewStringKey, partName: string) {
    const devices = this.#media.devices.filter((device) => device.kind === kind);
    if (devices.length === 0) return nothing;
    const current = this.#deviceId(kind) ?? devices[0]?.deviceId;
    const source = kind === 'audioinput' ? 'microphone' : kind === 'videoinput' ? 'camera' : null;
    const denied = source !== null && this.#media.problems[source]?.reason === 'denied';
    return html`<div part="field" class="field">
      <label part="field-label" for=${partName}>${this.#t.t(label)}</label>
      <select
        id=${partName}
        part="select ${partName}"
        ?disabled=${denied}
        @change=${(event: Event) => this.#choose(kind, event)}
      >
        ${devices.map(
          (device, index) =>
            html`<option value=${device.deviceId} ?selected=${device.deviceId === current}>
              ${device.label || this.#t.t(NUMBERED[kind], { number: index + 1 })}
            </option>`,
        )}
      </select>
    </div>`;
  }

  #renderHelp() {
    const messages: string[] = [];
    let retryable = false;
    for (const source of ['microphone', 'camera'] as const) {
      const problem = this.#media.problems[source];
      if (!problem) continue;
      const message = this.#t.t(problemKey(source, problem), { message: problem.message });
      if (!messages.includes(message)) messages.push(message);
      retryable ||= problem.reason !== 'insecure' && problem.reason !== 'not-found';
    }
    if (this.#level.error && this.#media.tracks.microphone) {
      messages.push(this.#t.t('levelFailed', { message: this.#level.error }));
    }
    if (this.#media.devicesError) {
      messages.push(this.#t.t('devicesFailed', { message: this.#media.devicesError }));
    }
    const empty = messages.length === 0;
    // The live region stays in the page (a region added with its message is often not read).
    return html`<div part="help" class="help ${empty ? 'empty' : ''}" role="status">
      ${messages.map((message) => html`<p part="help-message">${message}</p>`)}
      ${
        retryable
          ? html`<button type="button" part="retry-button" @click=${this.#retry}>
              ${this.#t.t('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const t = this.#t;
    const camera = this.#media.tracks.camera;
    const level = this.#media.tracks.microphone ? this.#level.value : 0;
    return html`<form
      part="base"
      class="base"
      novalidate
      aria-label=${t.t('title')}
      @submit=${this.#onSubmit}
    >
      <div part="stage" class="stage">
        <video
          part="video"
          class="mirrored"
          aria-label=${t.t('preview')}
          autoplay
          playsinline
          muted
          .muted=${true}
          ?hidden=${!camera}
        ></video>
        ${
          camera || this.#media.isOpening('camera')
            ? nothing
            : html`<div part="placeholder" class="placeholder">${t.t('cameraOff')}</div>`
        }
      </div>
      <div
        part="meter"
        class="meter"
        role="meter"
        aria-label=${t.t('microphoneLevel')}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${level}
      >
        <div
          part="meter-level"
          class="meter-level"
          style=${styleMap({ inlineSize: `${level}%` })}
        ></div>
      </div>
      <div part="controls" class="controls" role="group" aria-label=${t.t('controls')}>
        ${this.#renderToggle('microphone')} ${this.#renderToggle('camera')}
      </div>
      ${this.#renderHelp()}
      ${
        this.#media.devices.length === 0
          ? nothing
          : html`<div part="devices" class="devices">
              ${this.#renderDevices('audioinput', 'microphone', 'microphone-select')}
              ${this.#renderDevices('videoinput', 'camera', 'camera-select')}
              ${
                canChooseSpeaker()
                  ? this.#renderDevices('audiooutput', 'speaker', 'speaker-select')
                  : nothing
              }
            </div>`
      }
      <div part="field" class="field">
        <label part="field-label" for="name-input">${t.t('name')}</label>
        <input
          id="name-input"
          part="name-input"
          type="text"
          autocomplete="name"
          required
          maxlength=${MAX_NAME_LENGTH}
          aria-invalid=${this.nameInvalid ? 'true' : 'false'}
          aria-describedby=${this.nameInvalid ? 'name-error' : nothing}
          .value=${this.name}
          @input=${this.#onNameInput}
        />
      </div>
      ${
        this.nameInvalid
          ? html`<p part="name-error" id="name-error" class="name-error" role="alert">
              ${t.t('nameRequired')}
            </p>`
          : nothing
      }
      <button part="join-button" class="join" type="submit">${t.t('join')}</button>
    </form>`;
  }
}
