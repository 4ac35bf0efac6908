import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { ConveneAudioRenderer } from '../../src/elements/convene-audio-renderer/convene-audio-renderer.ts';
import '../../src/elements/convene-audio-renderer/define.ts';
import { oscillatorAudioTrack, stopTestMedia, watchListeners } from './support/media.ts';
import { clientWith, makePeer, roomWith } from './support/mock-room.ts';

function played(renderer: ConveneAudioRenderer): MediaStreamTrack[] {
  return [...renderer.shadowRoot!.querySelectorAll('audio')].flatMap(
    (audio) => (audio.srcObject as MediaStream | null)?.getAudioTracks() ?? [],
  );
}

describe('<convene-audio-renderer>', () => {
  afterEach(stopTestMedia);

  // First: the page has had no user gesture yet, so the autoplay policy refuses sound.
  it('starts audio that the autoplay policy refused at the first click on the page', async () => {
    expect(navigator.userActivation.hasBeenActive, 'a gesture happened before').to.equal(false);
    const client = clientWith([
      makePeer('ada', { tracks: { microphone: oscillatorAudioTrack() } }),
    ]);
    const renderer = await fixture<ConveneAudioRenderer>(
      html`<convene-audio-renderer .client=${client}></convene-audio-renderer>`,
    );
    const audio = renderer.shadowRoot!.querySelector('audio')!;
    expect(audio.paused).to.equal(true);

    await sendMouse({ type: 'click', position: [2, 2] });
    await resetMouse();
    await waitUntil(() => !audio.paused, 'still paused after a click');
  });

  it('plays each remote microphone and screen audio in its own audio element', async () => {
    const ownMic = oscillatorAudioTrack();
    const adaMic = oscillatorAudioTrack();
    const bobMic = oscillatorAudioTrack();
    const bobScreen = oscillatorAudioTrack();
    const client = clientWith([
      makePeer('me', { isLocal: true, tracks: { microphone: ownMic } }),
      makePeer('ada', { tracks: { microphone: adaMic } }),
      makePeer('bob', { tracks: { microphone: bobMic, 'screen-audio': bobScreen } }),
    ]);
    const renderer = await fixture<ConveneAudioRenderer>(
      html`<convene-audio-renderer .client=${client}></convene-audio-renderer>`,
    );

    expect(played(renderer)).to.deep.equal([adaMic, bobMic, bobScreen]);
    const audios = [...renderer.shadowRoot!.querySelectorAll('audio')];
    expect(audios.every((audio) => audio.autoplay && !audio.muted)).to.equal(true);
    await waitUntil(() => audios.every((audio) => !audio.paused), 'audio did not play');
    expect(getComputedStyle(renderer).display).to.equal('none');
  });

  it('follows peers joining, muting their track away and leaving', async () => {
    const adaMic = oscillatorAudioTrack();
    const bobMic = oscillatorAudioTrack();
    const ada = makePeer('ada', { tracks: { microphone: adaMic } });
    const client = clientWith([ada]);
    const renderer = await fixture<ConveneAudioRenderer>(
      html`<convene-audio-renderer .client=${client}></convene-audio-renderer>`,
    );
    const adaAudio = renderer.shadowRoot!.querySelector('audio')!;

    client.store.update(roomWith([ada, makePeer('bob', { tracks: { microphone: bobMic } })]));
    await renderer.updateComplete;
    expect(played(renderer)).to.deep.equal([adaMic, bobMic]);
    // Ada's element is kept: her audio does not restart when someone joins.
    expect(renderer.shadowRoot!.querySelector('audio')).to.equal(adaAudio);

    client.store.update(roomWith([makePeer('bob', { tracks: { microphone: bobMic } })]));
    await renderer.updateComplete;
    expect(played(renderer)).to.deep.equal([bobMic]);
    expect(adaAudio.srcObject).to.equal(null);
  });

  it('releases every audio element, its track listeners and the store when removed', async () => {
    const adaMic = oscillatorAudioTrack();
    const listeners = watchListeners(adaMic);
    const client = clientWith([makePeer('ada', { tracks: { microphone: adaMic } })]);
    const renderer = await fixture<ConveneAudioRenderer>(
      html`<convene-audio-renderer .client=${client}></convene-audio-renderer>`,
    );
    const audio = renderer.shadowRoot!.querySelector('audio')!;
    expect(audio.srcObject).to.not.equal(null);

    renderer.remove();
    expect(audio.srcObject).to.equal(null);
    expect(listeners.active()).to.equal(0);
    expect(client.store.listenerCount).to.equal(0);
  });
});
