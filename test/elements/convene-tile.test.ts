import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PeerState } from '../../src/client/room-state.ts';
import type { ConveneTile } from '../../src/elements/convene-tile/convene-tile.ts';
import type { ConvenePinChangeEvent } from '../../src/events/convene-pin-change.ts';
import '../../src/elements/convene-tile/define.ts';
import { canvasVideoTrack, stopTestMedia, watchListeners } from './support/media.ts';
import { MockRoomClient, makePeer, roomWith } from './support/mock-room.ts';
import type { PeerOptions } from './support/mock-room.ts';

function part(tile: ConveneTile, name: string): HTMLElement | null {
  return tile.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function video(tile: ConveneTile): HTMLVideoElement {
  return tile.shadowRoot!.querySelector('video')!;
}

function playingTrack(tile: ConveneTile): MediaStreamTrack | undefined {
  return (video(tile).srcObject as MediaStream | null)?.getVideoTracks()[0];
}

async function tileFor(
  options: PeerOptions,
  { client, source = 'camera' }: { client?: MockRoomClient; source?: 'camera' | 'screen' } = {},
): Promise<ConveneTile> {
  return fixture<ConveneTile>(
    html`<convene-tile
      style="width: 320px"
      .peer=${makePeer('ada', { name: 'Ada Lovelace', ...options })}
      .client=${client}
      source=${source}
    ></convene-tile>`,
  );
}

describe('<convene-tile>', () => {
  afterEach(stopTestMedia);

  it('plays the camera track in a muted, inline, autoplaying video', async () => {
    const track = canvasVideoTrack();
    const tile = await tileFor({ tracks: { camera: track } });

    expect(playingTrack(tile)).to.equal(track);
    expect(video(tile).muted).to.equal(true);
    expect(video(tile).playsInline).to.equal(true);
    expect(video(tile).autoplay).to.equal(true);
    await waitUntil(() => video(tile).videoWidth === 320 && !video(tile).paused, 'no frame');
    expect(tile.videoState).to.equal('playing');
    expect(tile.getAttribute('video-state')).to.equal('playing');
    expect(part(tile, 'placeholder')).to.equal(null);
  });

  it('survives immediate removal', async () => {
    const tile = document.createElement('convene-tile');
    tile.peer = makePeer('ada', { tracks: { camera: canvasVideoTrack() } });
    document.body.append(tile);
    tile.remove();
    await tile.updateComplete;
    expect(video(tile).srcObject).to.equal(null);
  });

  it('is accessible', async () => {
    const tile = await tileFor({
      tracks: { camera: { muted: true }, microphone: { muted: true } },
      connectionQuality: 3,
    });
    await expect(tile).to.be.accessible();
  });

  it('is accessible with a role badge, a raised hand, a pin and a peer reconnecting', async () => {
    const tile = await tileFor({ tracks: { camera: canvasVideoTrack() } });
    tile.peer = { ...tile.peer!, role: 'host', handRaised: true, reconnecting: true };
    tile.pinned = true;
    await tile.updateComplete;
    await expect(tile).to.be.accessible();
  });

  it('is a group named after its peer, "(you)" for the local peer, and "screen" for a share', async () => {
    const remote = await tileFor({});
    const local = await tileFor({ isLocal: true });
    const screen = await tileFor({ tracks: { screen: canvasVideoTrack() } }, { source: 'screen' });

    expect(part(remote, 'base')!.getAttribute('role')).to.equal('group');
    expect(part(remote, 'base')!.getAttribute('aria-label')).to.equal('Ada Lovelace');
    expect(part(local, 'base')!.getAttribute('aria-label')).to.equal('Ada Lovelace (you)');
    expect(part(screen, 'base')!.getAttribute('aria-label')).to.equal("Ada Lovelace's screen");
    expect(part(remote, 'name')!.textContent).to.equal('Ada Lovelace');
  });

  it('shows "Camera off" with the initials when the camera is muted', async () => {
    const tile = await tileFor({ tracks: { camera: { track: canvasVideoTrack(), muted: true } } });

    expect(tile.videoState).to.equal('camera-off');
    expect(part(tile, 'reason')!.textContent).to.equal('Camera off');
    expect(part(tile, 'avatar')!.textContent).to.equal('AL');
    expect(video(tile).hidden).to.equal(true);
  });

  it('shows "Camera off" for a peer without a camera', async () => {
    const tile = await tileFor({});
    expect(tile.getAttribute('video-state')).to.equal('camera-off');
    expect(part(tile, 'reason')!.textContent).to.equal('Camera off');
  });

  it('shows "Video paused" when the server does not forward the video (off page)', async () => {
    const tile = await tileFor({
      tracks: { camera: { track: canvasVideoTrack(), receiving: false } },
    });
    expect(tile.videoState).to.equal('off-page');
    expect(part(tile, 'reason')!.textContent).to.equal('Video paused');
    expect(video(tile).hidden).to.equal(true);
  });

  it('shows "Connecting video…" while the track is being set up', async () => {
    const tile = await tileFor({ tracks: { camera: null } });
    expect(tile.videoState).to.equal('connecting');
    expect(part(tile, 'reason')!.textContent).to.equal('Connecting video…');
  });

  it('shows "Reconnecting…" on remote video while the room reconnects, then plays again', async () => {
    const client = new MockRoomClient();
    client.store.update(roomWith([]));
    const tile = await tileFor({ tracks: { camera: canvasVideoTrack() } }, { client });
    expect(tile.videoState).to.equal('playing');

    client.store.update({ connection: 'reconnecting' });
    await tile.updateComplete;
    expect(tile.getAttribute('video-state')).to.equal('reconnecting');
    expect(part(tile, 'reason')!.textContent).to.equal('Reconnecting…');

    client.store.update({ connection: 'connected' });
    await tile.updateComplete;
    expect(tile.getAttribute('video-state')).to.equal('playing');
  });

  it('keeps showing the local camera while the room reconnects', async () => {
    const client = new MockRoomClient();
    client.store.update(roomWith([], { connection: 'reconnecting' }));
    const tile = await tileFor(
      { isLocal: true, tracks: { camera: canvasVideoTrack() } },
      { client },
    );
    expect(tile.videoState).to.equal('playing');
  });

  it('mirrors the local camera only', async () => {
    const local = await tileFor({ isLocal: true, tracks: { camera: canvasVideoTrack() } });
    const remote = await tileFor({ tracks: { camera: canvasVideoTrack() } });
    expect(getComputedStyle(video(local)).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(getComputedStyle(video(remote)).transform).to.equal('none');
  });

  it('shows a labelled muted-microphone icon only while the microphone is muted', async () => {
    const muted = await tileFor({ tracks: { microphone: { muted: true } } });
    const open = await tileFor({ tracks: { microphone: { muted: false } } });

    const icon = part(muted, 'microphone')!;
    expect(icon.getAttribute('role')).to.equal('img');
    expect(icon.getAttribute('aria-label')).to.equal('Microphone muted');
    expect(part(open, 'microphone')).to.equal(null);
  });

  it('shows the connection quality as a labelled indicator out of 5', async () => {
    const tile = await tileFor({ connectionQuality: 2 });
    const quality = part(tile, 'quality')!;
    expect(quality.getAttribute('aria-label')).to.equal('Connection quality 2 of 5');
    expect(quality.querySelectorAll('[data-on]')).to.have.length(2);

    tile.peer = makePeer('ada', { connectionQuality: 5 });
    await tile.updateComplete;
    expect(part(tile, 'quality')!.querySelectorAll('[data-on]')).to.have.length(5);

    tile.peer = makePeer('ada');
    await tile.updateComplete;
    expect(part(tile, 'quality')).to.equal(null);
  });

  it('draws a ring while speaking', async () => {
    const tile = await tileFor({});
    const ring = () => getComputedStyle(part(tile, 'base')!).boxShadow;
    expect(ring()).to.equal('none');

    tile.speaking = true;
    await tile.updateComplete;
    expect(tile.hasAttribute('speaking')).to.equal(true);
    await waitUntil(() => ring() !== 'none', 'no speaking ring');
  });

  it('switches to the new track when the peer publishes another camera', async () => {
    const first = canvasVideoTrack();
    const second = canvasVideoTrack();
    const tile = await tileFor({ tracks: { camera: first } });

    tile.peer = makePeer('ada', { tracks: { camera: second } });
    await tile.updateComplete;
    expect(playingTrack(tile)).to.equal(second);
  });

  it('stops showing a track that ended', async () => {
    const track = canvasVideoTrack();
    const tile = await tileFor({ tracks: { camera: track } });

    track.stop();
    track.dispatchEvent(new Event('ended'));
    await tile.updateComplete;
    expect(video(tile).srcObject).to.equal(null);
    expect(tile.videoState).to.equal('connecting');
  });

  it('releases the video when its peer is taken away', async () => {
    const tile = await tileFor({ tracks: { camera: canvasVideoTrack() } });
    const oldVideo = video(tile);

    tile.peer = undefined;
    await tile.updateComplete;
    expect(oldVideo.srcObject).to.equal(null);
    expect(tile.videoState).to.equal('none');
    expect(part(tile, 'base')!.getAttribute('aria-label')).to.equal('Empty tile');
  });

  it('releases the video, the track listeners and the store when removed', async () => {
    const track = canvasVideoTrack();
    const listeners = watchListeners(track);
    const client = new MockRoomClient();
    client.store.update(roomWith([]));
    const tile = await tileFor({ tracks: { camera: track } }, { client });
    expect(listeners.added()).to.be.greaterThan(0);
    expect(client.store.listenerCount).to.equal(1);

    tile.remove();
    expect(video(tile).srcObject).to.equal(null);
    expect(listeners.active()).to.equal(0);
    expect(client.store.listenerCount).to.equal(0);
  });

  it('plays again when moved elsewhere in the page', async () => {
    const track = canvasVideoTrack();
    const tile = await tileFor({ tracks: { camera: track } });
    const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);

    elsewhere.append(tile);
    await waitUntil(() => playingTrack(tile) === track, 'not attached again');
  });

  describe('role, hand, pin and a peer reconnecting', () => {
    async function tileWith(change: Partial<PeerState>, pinned = false): Promise<ConveneTile> {
      const tile = await tileFor({ tracks: { camera: canvasVideoTrack() } });
      tile.peer = { ...tile.peer!, ...change };
      tile.pinned = pinned;
      await tile.updateComplete;
      return tile;
    }

    it("shows the peer's role name as a badge", async () => {
      const tile = await tileWith({ role: 'host' });
      expect(part(tile, 'role')!.textContent!.trim()).to.equal('host');
    });

    it('renders a role name as text, never as markup', async () => {
      const tile = await tileWith({ role: '<b>boss</b>' });
      expect(part(tile, 'role')!.textContent!.trim()).to.equal('<b>boss</b>');
      expect(part(tile, 'role')!.querySelector('b')).to.equal(null);
    });

    it('shows a raised hand with the words "Hand raised", and nothing when lowered', async () => {
      const tile = await tileWith({ handRaised: true });
      const hand = part(tile, 'hand')!;
      expect(hand.textContent!.trim()).to.equal('Hand raised');
      expect(hand.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');

      const { handRaised: _, ...lowered } = tile.peer!;
      tile.peer = lowered;
      await tile.updateComplete;
      expect(part(tile, 'hand')).to.equal(null);
    });

    it('reflects pinned and shows a pin while pinned', async () => {
      const tile = await tileWith({}, true);
      expect(tile.hasAttribute('pinned')).to.equal(true);
      expect(part(tile, 'pinned')!.getAttribute('aria-label')).to.equal('Pinned');
      expect(part(tile, 'pin')!.getAttribute('aria-pressed')).to.equal('true');

      tile.pinned = false;
      await tile.updateComplete;
      expect(tile.hasAttribute('pinned')).to.equal(false);
      expect(part(tile, 'pinned')).to.equal(null);
    });

    it('has a Pin toggle with one name that reports its state and fires convene-pin-change', async () => {
      const tile = await tileWith({});
      const pin = part(tile, 'pin') as HTMLButtonElement;
      expect(pin.getAttribute('aria-label')).to.equal('Pin');
      expect(pin.getAttribute('aria-pressed')).to.equal('false');

      let changed = oneEvent(tile, 'convene-pin-change') as Promise<ConvenePinChangeEvent>;
      pin.click();
      let event = await changed;
      expect(event.detail).to.deep.equal({ peerId: 'ada', pinned: true });
      expect(event.bubbles && event.composed).to.equal(true);
      await tile.updateComplete;
      expect(pin.getAttribute('aria-label')).to.equal('Pin');
      expect(pin.getAttribute('aria-pressed')).to.equal('true');

      changed = oneEvent(tile, 'convene-pin-change') as Promise<ConvenePinChangeEvent>;
      pin.click();
      event = await changed;
      expect(event.detail).to.deep.equal({ peerId: 'ada', pinned: false });
    });

    it('has no Pin toggle on a shared screen', async () => {
      const tile = await tileFor({ tracks: { screen: canvasVideoTrack() } }, { source: 'screen' });
      expect(part(tile, 'pin')).to.equal(null);
    });

    it('shows "Reconnecting…" over the last frame while a remote peer reconnects', async () => {
      const tile = await tileWith({ reconnecting: true });
      expect(part(tile, 'peer-reconnecting')!.textContent!.trim()).to.equal('Reconnecting…');
      expect(tile.hasAttribute('peer-reconnecting')).to.equal(true);
      expect(video(tile).hidden, 'the last frame stays in sight').to.equal(false);
      expect(playingTrack(tile)).to.not.equal(undefined);

      const { reconnecting: _, ...back } = tile.peer!;
      tile.peer = back;
      await tile.updateComplete;
      expect(part(tile, 'peer-reconnecting')).to.equal(null);
      expect(tile.hasAttribute('peer-reconnecting')).to.equal(false);
    });

    it('says "Reconnecting…" once when both the peer and we are reconnecting', async () => {
      const client = new MockRoomClient();
      client.store.update(roomWith([], { connection: 'reconnecting' }));
      const tile = await tileFor({ tracks: { camera: canvasVideoTrack() } }, { client });
      tile.peer = { ...tile.peer!, reconnecting: true };
      await tile.updateComplete;
      expect(part(tile, 'reason')!.textContent).to.equal('Reconnecting…');
      expect(part(tile, 'peer-reconnecting')).to.equal(null);
    });

    it('shows no peer-reconnecting overlay on our own tile', async () => {
      const tile = await tileFor({ isLocal: true, tracks: { camera: canvasVideoTrack() } });
      tile.peer = { ...tile.peer!, reconnecting: true };
      await tile.updateComplete;
      expect(part(tile, 'peer-reconnecting')).to.equal(null);
    });

    it('speaks the page language', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div lang="es">
          <convene-tile
            .peer=${{ ...makePeer('ada', { name: 'Ada', tracks: { camera: { muted: true } } }), handRaised: true as const }}
          ></convene-tile>
        </div>`,
      );
      const tile = box.querySelector('convene-tile')!;
      await tile.updateComplete;
      expect(part(tile, 'reason')!.textContent).to.equal('Cámara apagada');
      expect(part(tile, 'hand')!.textContent!.trim()).to.equal('Mano levantada');
      expect(part(tile, 'pin')!.getAttribute('aria-label')).to.equal('Fijar');
    });
  });
});
