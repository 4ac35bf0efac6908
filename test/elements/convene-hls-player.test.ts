// <convene-hls-player> on a real fMP4 HLS stream (made by ffmpeg when the runner starts, see
// test/support/hls-fixture.mjs) played by hls.js in Chromium: frames shown, the quality menu,
// tap to unmute, timed metadata as an event, the end, an error with Retry, and a removal or a
// new source while it loads (hls.js's own methods are watched to see which players exist and
// what they attach).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import Hls from 'hls.js/light';
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

interface WatchedPlayer {
  media: HTMLMediaElement;
  destroyed: boolean;
}

/**
 * Records every hls.js player that attaches a video from now on, and whether it was destroyed;
 * `onAttach` runs as the element attaches, before hls.js has had any answer from the network.
 */
function watchHlsPlayers(onAttach?: (media: HTMLMediaElement) => void) {
  const players = new Map<Hls, WatchedPlayer>();
  const { attachMedia, destroy } = Hls.prototype;
  Hls.prototype.attachMedia = function (this: Hls, media: HTMLMediaElement) {
    players.set(this, { media, destroyed: false });
    attachMedia.call(this, media);
    onAttach?.(media);
  };
  Hls.prototype.destroy = function (this: Hls) {
    const watched = players.get(this);
    if (watched) watched.destroyed = true;
    destroy.call(this);
  };
  return {
    of: (element: ConveneHlsPlayer) =>
      [...players.values()].filter((p) => p.media === video(element)),
    restore() {
      Hls.prototype.attachMedia = attachMedia;
      Hls.prototype.destroy = destroy;
    },
  };
}

/** Errors thrown or rejected on the page from now on. */
function watchPageErrors() {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    restore() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
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

  describe('interrupted while it loads', () => {
    let hls: ReturnType<typeof watchHlsPlayers> | undefined;
    let page: ReturnType<typeof watchPageErrors> | undefined;
    afterEach(() => {
      hls?.restore();
      page?.restore();
      hls = page = undefined;
    });

    it('makes no hls.js player and attaches nothing once removed before hls.js has loaded', async () => {
      hls = watchHlsPlayers();
      page = watchPageErrors();
      const removed = await player(MASTER);
      expect(removed.state).to.equal('loading');
      removed.remove();
      // A player added after: once it has attached its video, the removed one's import of
      // hls.js (asked for first) has settled too, and whatever followed it has run.
      const later = await player(MASTER);
      await waitUntil(() => hls!.of(later).length > 0, 'the later player to attach', {
        timeout: 20_000,
      });
      expect(hls.of(removed)).to.deep.equal([]);
      expect(video(removed).hasAttribute('src')).to.equal(false);
      expect(page.errors).to.deep.equal([]);
    });

    it('makes one hls.js player, for the new source, when given another while hls.js loads', async () => {
      hls = watchHlsPlayers();
      page = watchPageErrors();
      const element = await player('/__hls/missing.m3u8');
      expect(element.state).to.equal('loading');
      element.src = MASTER;
      await waitUntil(() => element.state === 'playing', 'the new source to play', {
        timeout: 20_000,
      });
      expect(hls.of(element).map((p) => p.destroyed)).to.deep.equal([false]);
      expect(page.errors).to.deep.equal([]);
    });

    it('stops its hls.js player when removed before the first manifest, and plays again when put back', async () => {
      let removed: ConveneHlsPlayer | undefined;
      let parent: Element | null = null;
      // Removed as hls.js attaches the video: the manifest it asked for has not come back yet.
      hls = watchHlsPlayers((media) => {
        const host = (media.getRootNode() as ShadowRoot).host as ConveneHlsPlayer;
        if (removed || !host.isConnected) return;
        removed = host;
        parent = host.parentElement;
        host.remove();
      });
      page = watchPageErrors();
      const element = await player(MASTER);
      await waitUntil(() => removed === element, 'the player to attach, and be removed');
      expect(hls.of(element).map((p) => p.destroyed)).to.deep.equal([true]);
      expect(video(element).hasAttribute('src')).to.equal(false);

      parent!.append(element);
      await waitUntil(() => element.state === 'playing', 'the player to play again', {
        timeout: 20_000,
      });
      expect(hls.of(element).map((p) => p.destroyed)).to.deep.equal([true, false]);
      expect(page.errors).to.deep.equal([]);
    });
  });
});
