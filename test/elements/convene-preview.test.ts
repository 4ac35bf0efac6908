import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ConvenePreview } from '../../src/elements/convene-preview/convene-preview.ts';
import '../../src/elements/convene-preview/define.ts';
import type { ConvenePreviewJoinEvent } from '../../src/events/convene-preview-join.ts';

// Chromium runs with fake devices here: a camera painting a test pattern and a microphone
// beeping, so the preview's captures are real. These spies record every track and AudioContext
// it makes, so the release tests can check each one.
const openedTracks: MediaStreamTrack[] = [];
const contexts: AudioContext[] = [];
const realGetUserMedia = MediaDevices.prototype.getUserMedia;
const RealAudioContext = window.AudioContext;

function stubGetUserMedia(replacement: MediaDevices['getUserMedia']): void {
  Object.defineProperty(navigator.mediaDevices, 'getUserMedia', {
    configurable: true,
    value: replacement,
  });
}

function part<T extends HTMLElement = HTMLElement>(el: ConvenePreview, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

function previewTrack(el: ConvenePreview): MediaStreamTrack | undefined {
  const video = el.shadowRoot!.querySelector('video')!;
  return (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
}

function meterValue(el: ConvenePreview): number {
  return Number(part(el, 'meter')!.getAttribute('aria-valuenow'));
}

async function livePreview(template = html`<convene-preview></convene-preview>`) {
  const el = await fixture<ConvenePreview>(template);
  // Opening the fake devices takes seconds on a busy machine.
  await waitUntil(() => previewTrack(el)?.readyState === 'live', 'no live camera in the preview', {
    timeout: 10000,
  });
  return el;
}

/** The browser's getUserMedia, each track it opens recorded. */
async function recordingGetUserMedia(constraints?: MediaStreamConstraints): Promise<MediaStream> {
  const stream = await realGetUserMedia.call(navigator.mediaDevices, constraints);
  openedTracks.push(...stream.getTracks());
  return stream;
}

describe('<convene-preview>', function () {
  this.timeout(30000);

  beforeEach(() => {
    stubGetUserMedia(recordingGetUserMedia);
    window.AudioContext = class extends RealAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
  });

  afterEach(() => {
    delete (navigator.mediaDevices as Partial<MediaDevices>).getUserMedia;
    window.AudioContext = RealAudioContext;
    for (const track of openedTracks.splice(0)) track.stop();
    for (const context of contexts.splice(0)) if (context.state !== 'closed') void context.close();
  });

  it('plays a live camera track in a muted, inline, mirrored video', async () => {
    const el = await livePreview();
    const video = el.shadowRoot!.querySelector('video')!;
    expect(video.muted).to.equal(true);
    expect(video.playsInline).to.equal(true);
    expect(video.classList.contains('mirrored')).to.equal(true);
    expect(getComputedStyle(video).transform).to.not.equal('none');
    await waitUntil(() => video.videoWidth > 0, 'no frame');
  });

  it('survives immediate removal and leaves no track running', async () => {
    const el = document.createElement('convene-preview');
    document.body.append(el);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(openedTracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });

  it('is accessible', async () => {
    const el = await livePreview(html`<convene-preview name="Ada"></convene-preview>`);
    await waitUntil(() => part(el, 'camera-select'), 'no device list');
    await expect(el).to.be.accessible();
  });

  it('moves the microphone meter above 0 with the fake microphone', async () => {
    const el = await livePreview();
    const meter = part(el, 'meter')!;
    expect(meter.getAttribute('role')).to.equal('meter');
    expect(meter.getAttribute('aria-label')).to.equal('Microphone level');
    await waitUntil(() => meterValue(el) > 0, 'the meter never moved', { timeout: 10000 });
  });

  it('stops measuring while the page is hidden, and measures again when it is shown', async () => {
    const el = await livePreview();
    await waitUntil(() => meterValue(el) > 0, 'the meter never moved', { timeout: 10000 });
    const frames = { requested: 0 };
    const realRequest = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => {
      frames.requested++;
      return realRequest(callback);
    };
    try {
      Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      await el.updateComplete;
      expect(meterValue(el)).to.equal(0);
      const before = frames.requested;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(frames.requested).to.equal(before);
    } finally {
      delete (document as Partial<Document> & { visibilityState?: string }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
      window.requestAnimationFrame = realRequest;
    }
    await waitUntil(() => meterValue(el) > 0, 'the meter did not resume', { timeout: 10000 });
  });

  it('stops and starts the camera with its toggle, reporting aria-pressed', async () => {
    const el = await livePreview();
    const toggle = part<HTMLButtonElement>(el, 'camera-toggle')!;
    const first = previewTrack(el)!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(toggle.textContent!.trim()).to.equal('Camera');

    toggle.click();
    await el.updateComplete;
    expect(first.readyState).to.equal('ended');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('Camera');
    expect(part(el, 'placeholder')!.textContent).to.contain('Camera is off');

    toggle.click();
    await waitUntil(() => previewTrack(el)?.readyState === 'live', 'the camera did not restart');
    expect(previewTrack(el)).to.not.equal(first);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it('stops and starts the microphone with its toggle, the meter falling to 0', async () => {
    const el = await livePreview();
    const toggle = part<HTMLButtonElement>(el, 'microphone-toggle')!;
    await waitUntil(() => meterValue(el) > 0, 'the meter never moved', { timeout: 10000 });
    const microphones = () => openedTracks.filter((track) => track.kind === 'audio');
    const first = microphones()[0]!;

    toggle.click();
    await el.updateComplete;
    expect(first.readyState).to.equal('ended');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(meterValue(el)).to.equal(0);

    toggle.click();
    await waitUntil(() => microphones().some((track) => track.readyState === 'live'), 'no mic');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it('starts with a device off when `audio` or `video` is false', async () => {
    const el = await fixture<ConvenePreview>(
      html`<convene-preview .video=${false} .audio=${false}></convene-preview>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(openedTracks).to.have.length(0);
    expect(part(el, 'camera-toggle')!.getAttribute('aria-pressed')).to.equal('false');
    expect(part(el, 'microphone-toggle')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('lists the cameras, microphones and speakers with labels', async () => {
    const el = await livePreview();
    await waitUntil(() => part(el, 'camera-select'), 'no camera list');
    for (const [name, label] of [
      ['camera-select', 'Camera'],
      ['microphone-select', 'Microphone'],
      ['speaker-select', 'Speaker'],
    ] as const) {
      const select = part<HTMLSelectElement>(el, name)!;
      expect(select, name).to.not.equal(null);
      expect(select.labels[0]!.textContent!.trim()).to.equal(label);
      expect(select.options.length).to.be.greaterThan(0);
      expect(select.options[0]!.textContent!.trim()).to.not.equal('');
    }
    // The camera in use is the one shown as chosen.
    const camera = part<HTMLSelectElement>(el, 'camera-select')!;
    expect(camera.value).to.equal(previewTrack(el)!.getSettings().deviceId);
  });

  it('reopens the camera on the device chosen', async () => {
    const el = await livePreview();
    await waitUntil(() => part(el, 'camera-select'), 'no camera list');
    const select = part<HTMLSelectElement>(el, 'camera-select')!;
    const first = previewTrack(el)!;
    const other = [...select.options].at(-1)!.value;
    select.value = other;
    select.dispatchEvent(new Event('change'));
    await waitUntil(
      () =>
        previewTrack(el) && previewTrack(el) !== first && previewTrack(el)!.readyState === 'live',
      'no new camera',
    );
    expect(first.readyState).to.equal('ended');
    expect(previewTrack(el)!.getSettings().deviceId).to.equal(other);
  });

  it('fires convene-preview-join with the trimmed name and the choices, releasing its media', async () => {
    const el = await livePreview(html`<convene-preview name="  Ada Lovelace "></convene-preview>`);
    await waitUntil(() => part(el, 'camera-select'), 'no device list');
    part<HTMLButtonElement>(el, 'microphone-toggle')!.click();
    await el.updateComplete;
    const speaker = part<HTMLSelectElement>(el, 'speaker-select')!;
    speaker.value = speaker.options[0]!.value;
    speaker.dispatchEvent(new Event('change'));
    const cameraId = previewTrack(el)!.getSettings().deviceId;

    const joined = oneEvent(el, 'convene-preview-join') as Promise<ConvenePreviewJoinEvent>;
    part<HTMLButtonElement>(el, 'join-button')!.click();
    const { detail, bubbles, composed } = await joined;

    expect(bubbles && composed).to.equal(true);
    expect(detail).to.deep.equal({
      name: 'Ada Lovelace',
      audio: false,
      video: true,
      videoDeviceId: cameraId,
      audioOutputDeviceId: speaker.options[0]!.value,
    });
    expect(openedTracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await waitUntil(() => contexts.every((context) => context.state === 'closed'), 'context open');
  });

  it('refuses to join with a blank name, marking the field invalid with a message', async () => {
    const el = await fixture<ConvenePreview>(html`<convene-preview name="   "></convene-preview>`);
    let fired = false;
    el.addEventListener('convene-preview-join', () => (fired = true));
    part<HTMLButtonElement>(el, 'join-button')!.click();
    await el.updateComplete;

    const input = part<HTMLInputElement>(el, 'name-input')!;
    expect(fired).to.equal(false);
    expect(input.validity.valid).to.equal(false);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.labels![0]!.textContent!.trim()).to.equal('Your name');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    const error = part(el, 'name-error')!;
    expect(error.textContent!.trim()).to.equal('Enter your name to join.');
    expect(input.getAttribute('aria-describedby')).to.equal(error.id);

    input.value = 'Ada';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(input.validity.valid).to.equal(true);
    expect(part(el, 'name-error')).to.equal(null);
  });

  it('keeps a name to 100 characters', async () => {
    const el = await fixture<ConvenePreview>(html`<convene-preview></convene-preview>`);
    expect(part<HTMLInputElement>(el, 'name-input')!.maxLength).to.equal(100);
    el.name = 'x'.repeat(120);
    const joined = oneEvent(el, 'convene-preview-join') as Promise<ConvenePreviewJoinEvent>;
    part<HTMLButtonElement>(el, 'join-button')!.click();
    expect((await joined).detail.name).to.have.length(100);
  });

  it('says how to allow the devices when permission is denied, and still joins without them', async () => {
    stubGetUserMedia(() =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    const el = await fixture<ConvenePreview>(html`<convene-preview name="Ada"></convene-preview>`);
    await waitUntil(() => part(el, 'help-message'), 'no help shown', { timeout: 5000 });

    const help = part(el, 'help')!;
    expect(help.textContent).to.contain('The browser blocks the camera');
    expect(help.textContent).to.contain('The browser blocks the microphone');
    expect(help.textContent).to.contain('site settings');
    expect(part(el, 'retry-button')).to.not.equal(null);
    for (const name of ['camera-toggle', 'microphone-toggle']) {
      const toggle = part<HTMLButtonElement>(el, name)!;
      expect(toggle.disabled, name).to.equal(true);
      expect(toggle.getAttribute('aria-pressed'), name).to.equal('false');
    }
    await expect(el).to.be.accessible();

    const joined = oneEvent(el, 'convene-preview-join') as Promise<ConvenePreviewJoinEvent>;
    part<HTMLButtonElement>(el, 'join-button')!.click();
    const { detail } = await joined;
    expect(detail.audio).to.equal(false);
    expect(detail.video).to.equal(false);
  });

  it('tries again after permission is given', async () => {
    stubGetUserMedia(() =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    );
    const el = await fixture<ConvenePreview>(html`<convene-preview></convene-preview>`);
    await waitUntil(() => part(el, 'retry-button'), 'no retry');
    stubGetUserMedia(recordingGetUserMedia);
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await waitUntil(() => previewTrack(el)?.readyState === 'live', 'no camera after retry');
    expect(part(el, 'help-message')).to.equal(null);
  });

  it('says when there is no camera, keeping the microphone', async () => {
    stubGetUserMedia(async (constraints) => {
      if (constraints?.video) throw new DOMException('Requested device not found', 'NotFoundError');
      return recordingGetUserMedia(constraints);
    });
    const el = await fixture<ConvenePreview>(html`<convene-preview></convene-preview>`);
    await waitUntil(() => part(el, 'help-message'), 'no help shown', { timeout: 5000 });
    expect(part(el, 'help')!.textContent).to.contain('No camera was found');
    expect(part<HTMLButtonElement>(el, 'camera-toggle')!.disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'microphone-toggle')!.disabled).to.equal(false);
    await waitUntil(() => openedTracks.some((track) => track.kind === 'audio'), 'no microphone');
  });

  it('says when the microphone level cannot be measured, keeping the microphone', async () => {
    window.AudioContext = function () {
      throw new DOMException('Too many AudioContexts', 'NotSupportedError');
    } as unknown as typeof AudioContext;
    const el = await livePreview();
    await waitUntil(() => part(el, 'help-message'), 'no help shown', { timeout: 5000 });
    expect(part(el, 'help')!.textContent).to.contain(
      'The microphone level cannot be shown: Too many AudioContexts',
    );
    expect(part(el, 'microphone-toggle')!.getAttribute('aria-pressed')).to.equal('true');
    expect(meterValue(el)).to.equal(0);
  });

  it('ends every track and closes its AudioContext when removed', async () => {
    const el = await livePreview();
    await waitUntil(() => contexts.length > 0, 'no AudioContext');
    const video = el.shadowRoot!.querySelector('video')!;
    el.remove();
    expect(openedTracks.length).to.be.greaterThan(1);
    expect(openedTracks.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(video.srcObject).to.equal(null);
    await waitUntil(() => contexts.every((context) => context.state === 'closed'), 'context open');
  });

  it('speaks German under lang="de"', async () => {
    const holder = await fixture<HTMLElement>(
      html`<div lang="de"><convene-preview name=""></convene-preview></div>`,
    );
    const el = holder.querySelector('convene-preview')!;
    await el.updateComplete;
    expect(part(el, 'join-button')!.textContent!.trim()).to.equal('Beitreten');
    expect(part(el, 'camera-toggle')!.textContent!.trim()).to.equal('Kamera');
    expect(part(el, 'meter')!.getAttribute('aria-label')).to.equal('Mikrofonpegel');
    expect(part<HTMLInputElement>(el, 'name-input')!.labels![0]!.textContent!.trim()).to.equal(
      'Ihr Name',
    );
    part<HTMLButtonElement>(el, 'join-button')!.click();
    await el.updateComplete;
    expect(part(el, 'name-error')!.textContent!.trim()).to.equal(
      'Geben Sie Ihren Namen ein, um beizutreten.',
    );
  });
});
