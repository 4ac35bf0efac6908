// <convene-hls-player> on a real fMP4 HLS stream (made by ffmpeg when the runner starts, see
// test/support/hls-fixture.mjs) played by hls.js in Chromium: frames shown, the quality menu,
// tap to unmute, timed metadata as an event, the end, and an error with Retry.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/convene-hls-player/define.ts';
import type { ConveneHlsPlayer } from '../../src/elements/convene-hls-player/convene-hls-player.ts';

const MASTER = '/__hls/master.m3u8';
const PAYLOAD = 'poll:7 "hi"';

const video = (player: ConveneHlsPlayer) => player.shadowRoot!.querySelector('video')!;
const part = (player: ConveneHlsPlayer, selector: string) =>
  player.shadowRoot!.querySelector<HTMLElement>(selector);

async function player(src: string): Promise<ConveneHlsPlayer> {
  return fixture<ConveneHlsPlayer>(html`<convene-hls-player .src=${src}></convene-hls-player>`);
}

describe('<convene-hls-player>', function () {
  // hls.js loads, fetches and decodes a real stream on a shared two-core machine.
  this.timeout(30_000);

  it('plays the stream muted, offers its renditions, and unmutes on a tap', async () => {
    const element = await player(MASTER);
    await waitUntil(() => element.state === 'playing', 'the player to play', { timeout: 20_000 });
    await waitUntil(() => video(element).videoWidth > 0 && video(element).currentTime > 0.5, '', {
      timeout: 20_000,
    });
    expect(video(element).muted).to.equal(true);
    const options = [...element.shadowRoot!.querySelectorAll('select option')].map((o) =>
      o.textContent!.trim(),
    );
    expect(options).to.deep.equal(['Auto', '180p', '90p']);
    await expect(element).to.be.accessible();

    part(element, 'button.unmute')!.click();
    await element.updateComplete;
    expect(video(element).muted).to.equal(false);
    expect(part(element, 'button.unmute')).to.equal(null);
  });

  it('fires the stream’s timed metadata as playback reaches it, then shows the end', async () => {
    const payloads: string[] = [];
    document.addEventListener('convene-timed-metadata', (event) =>
      payloads.push((event as CustomEvent<{ payload: string }>).detail.payload),
    );
    const element = await player(MASTER);
    await waitUntil(() => payloads.length > 0, 'the timed metadata', { timeout: 20_000 });
    expect(payloads).to.deep.equal([PAYLOAD]);
    await waitUntil(() => element.state === 'ended', 'the stream to end', { timeout: 20_000 });
    expect(part(element, '.overlay')!.textContent!.trim()).to.equal('The stream has ended.');
    expect(payloads).to.deep.equal([PAYLOAD], 'fired once');
  });

  it('shows a stream that cannot be loaded as an error with Retry, which loads it again', async () => {
    const element = await player('/__hls/missing.m3u8');
    await waitUntil(() => element.state === 'error', 'the error', { timeout: 20_000 });
    const alert = part(element, '[role="alert"]')!;
    expect(alert.textContent).to.contain('The stream could not be played');
    await expect(element).to.be.accessible();
    const states: string[] = [];
    element.addEventListener('convene-hls-state', (event) =>
      states.push((event as CustomEvent<{ state: string }>).detail.state),
    );
    part(element, 'button.retry')!.click();
    await waitUntil(() => states.includes('loading') && element.state === 'error', '', {
      timeout: 20_000,
    });
  });
});
