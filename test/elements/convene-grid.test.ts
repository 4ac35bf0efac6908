import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PeerState } from '../../src/client/room-state.ts';
import type { ConveneGrid } from '../../src/elements/convene-grid/convene-grid.ts';
import '../../src/elements/convene-grid/define.ts';
import type { ConveneTile } from '../../src/elements/convene-tile/convene-tile.ts';
import type { ConvenePageChangeEvent } from '../../src/events/convene-page-change.ts';
import type { ConvenePinChangeEvent } from '../../src/events/convene-pin-change.ts';
import type { VisibleTile } from '../../src/protocol/signaling.ts';
import { canvasVideoTrack, stopTestMedia } from './support/media.ts';
import { clientWith, makePeer, roomWith } from './support/mock-room.ts';
import type { MockRoomClient } from './support/mock-room.ts';

/** The local peer (camera off) and `remotes` remote peers with a camera, in that order. */
function cameraPeers(remotes: number): PeerState[] {
  return [
    makePeer('me', { name: 'Me', isLocal: true, tracks: { camera: { muted: true } } }),
    ...Array.from({ length: remotes }, (_, i) =>
      makePeer(`p${i + 1}`, { name: `Peer ${i + 1}`, tracks: { camera: null } }),
    ),
  ];
}

interface GridOptions {
  width?: number;
  height?: number;
  pageSize?: number;
  /** --convene-grid-min-tile-width in px; 300 makes a 640 x 480 grid hold 2 x 2 tiles. */
  minTileWidth?: number;
}

/** A grid in a box of a known size, once it has measured itself and reported its tiles. */
async function gridFor(client: MockRoomClient, options: GridOptions = {}): Promise<ConveneGrid> {
  const { width = 640, height = 480, pageSize, minTileWidth = 300 } = options;
  const box = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px; height: ${height}px">
      <convene-grid
        .client=${client}
        page-size=${ifDefined(pageSize)}
        style="--convene-grid-min-tile-width: ${minTileWidth}px; --convene-grid-gap: 8px"
      ></convene-grid>
    </div>`,
  );
  const grid = box.querySelector('convene-grid')!;
  await waitUntil(() => client.lastVisibleTiles !== undefined, 'the grid reported no tiles');
  return grid;
}

/** The grid's part `name`, or one the grid exports from its <convene-pagination>. */
function part(grid: ConveneGrid, name: string): HTMLElement | null {
  const selector = `[part~="${name}"]`;
  return (
    grid.shadowRoot!.querySelector<HTMLElement>(selector) ??
    pagination(grid)?.shadowRoot?.querySelector<HTMLElement>(selector) ??
    null
  );
}

function pagination(grid: ConveneGrid): HTMLElement | null {
  return grid.shadowRoot!.querySelector('convene-pagination');
}

function tilesIn(grid: ConveneGrid, area = 'tiles'): ConveneTile[] {
  return [...(part(grid, area)?.querySelectorAll('convene-tile') ?? [])];
}

/** "peerId:source" of each tile in the tile area (grid or filmstrip), in order. */
function shown(grid: ConveneGrid): string[] {
  return tilesIn(grid).map((tile) => `${tile.peer!.id}:${tile.source}`);
}

function pageStatus(grid: ConveneGrid): string | undefined {
  return part(grid, 'page-status')?.textContent?.trim();
}

function layoutVar(grid: ConveneGrid, name: string): string {
  return getComputedStyle(part(grid, 'tiles')!).getPropertyValue(name).trim();
}

/** A page button of the grid's pagination, by its accessible name. */
function button(grid: ConveneGrid, label: string): HTMLButtonElement {
  return pagination(grid)!.shadowRoot!.querySelector<HTMLButtonElement>(
    `button[aria-label="${label}"]`,
  )!;
}

/** What the grid should report for a tile: its rendered size in device pixels. */
function expectedReport(tile: ConveneTile): VisibleTile {
  const box = tile.getBoundingClientRect();
  return {
    peerId: tile.peer!.id,
    source: tile.source,
    width: Math.round(box.width * devicePixelRatio),
    height: Math.round(box.height * devicePixelRatio),
  };
}

describe('<convene-grid>', () => {
  afterEach(stopTestMedia);

  it('shows a tile for the local peer and each remote camera, in join order', async () => {
    const audioOnly = makePeer('listener', { tracks: { microphone: null } });
    const peers = cameraPeers(2);
    const client = clientWith([...peers.slice(0, 2), audioOnly, ...peers.slice(2)]);
    const grid = await gridFor(client);

    expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p2:camera']);
    expect(pageStatus(grid)).to.equal(undefined);
  });

  it('survives immediate removal', async () => {
    const client = clientWith(cameraPeers(2));
    const grid = document.createElement('convene-grid');
    grid.client = client;
    document.body.append(grid);
    grid.remove();
    await grid.updateComplete;
    expect(client.store.listenerCount).to.equal(0);
  });

  it('is an accessible, labelled group', async () => {
    const client = clientWith(cameraPeers(6));
    const grid = await gridFor(client);
    await waitUntil(() => pageStatus(grid) === 'Page 1 of 2');

    expect(part(grid, 'base')!.getAttribute('role')).to.equal('group');
    expect(part(grid, 'base')!.getAttribute('aria-label')).to.equal('Participants');
    await expect(grid).to.be.accessible();

    grid.label = 'Speakers';
    await grid.updateComplete;
    expect(part(grid, 'base')!.getAttribute('aria-label')).to.equal('Speakers');
  });

  describe('page size', () => {
    it('fits as many tiles as the space holds at the minimum tile width', async () => {
      const client = clientWith(cameraPeers(6));
      const grid = await gridFor(client, { width: 640, height: 480, minTileWidth: 300 });

      await waitUntil(() => pageStatus(grid) === 'Page 1 of 2');
      expect(shown(grid)).to.have.length(4);
      expect(layoutVar(grid, '--convene-grid-columns')).to.equal('2');
      expect(layoutVar(grid, '--convene-grid-rows')).to.equal('2');
    });

    it('fits more tiles when the grid gets wider', async () => {
      const client = clientWith(cameraPeers(5));
      const grid = await gridFor(client, { width: 640, height: 480, minTileWidth: 300 });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 2');

      grid.parentElement!.style.width = '960px';
      await waitUntil(() => shown(grid).length === 6, 'still paged');
      expect(pageStatus(grid)).to.equal(undefined);
      expect(layoutVar(grid, '--convene-grid-columns')).to.equal('3');
      expect(layoutVar(grid, '--convene-grid-rows')).to.equal('2');
    });

    it('lays out tiles in columns and rows that give them the most room', async () => {
      const client = clientWith(cameraPeers(1));
      const wide = await gridFor(client, { width: 800, height: 300 });
      expect(layoutVar(wide, '--convene-grid-columns')).to.equal('2');
      expect(layoutVar(wide, '--convene-grid-rows')).to.equal('1');

      const tall = await gridFor(clientWith(cameraPeers(1)), { width: 400, height: 600 });
      expect(layoutVar(tall, '--convene-grid-columns')).to.equal('1');
      expect(layoutVar(tall, '--convene-grid-rows')).to.equal('2');
    });

    it('takes the page size from the page-size attribute', async () => {
      const client = clientWith(cameraPeers(4));
      const grid = await gridFor(client, { pageSize: 2 });

      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera']);

      grid.pageSize = 5;
      await waitUntil(() => shown(grid).length === 5);
      expect(pageStatus(grid)).to.equal(undefined);
    });
  });

  describe('pagination', () => {
    async function threePages(): Promise<ConveneGrid> {
      const grid = await gridFor(clientWith(cameraPeers(5)), { pageSize: 2 });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      return grid;
    }

    it('has labelled Previous and Next buttons and a status', async () => {
      const grid = await threePages();
      expect(button(grid, 'Previous page')).to.be.instanceOf(HTMLButtonElement);
      expect(button(grid, 'Next page')).to.be.instanceOf(HTMLButtonElement);
      expect(part(grid, 'page-status')!.getAttribute('role')).to.equal('status');
      expect(button(grid, 'Previous page').getAttribute('aria-disabled')).to.equal('true');
      expect(button(grid, 'Next page').getAttribute('aria-disabled')).to.equal('false');
    });

    it('turns the page with the buttons and tells the page about it', async () => {
      const grid = await threePages();

      let changed = oneEvent(grid, 'convene-page-change') as Promise<ConvenePageChangeEvent>;
      button(grid, 'Next page').click();
      expect((await changed).detail).to.deep.equal({ page: 2, pageCount: 3 });
      await grid.updateComplete;
      expect(pageStatus(grid)).to.equal('Page 2 of 3');
      expect(shown(grid)).to.deep.equal(['p2:camera', 'p3:camera']);

      changed = oneEvent(grid, 'convene-page-change') as Promise<ConvenePageChangeEvent>;
      button(grid, 'Previous page').click();
      expect((await changed).detail).to.deep.equal({ page: 1, pageCount: 3 });
      await grid.updateComplete;
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera']);
    });

    it('does not turn past the first or the last page', async () => {
      const grid = await threePages();
      const events: Event[] = [];
      grid.addEventListener('convene-page-change', (event) => events.push(event));

      button(grid, 'Previous page').click();
      grid.page = 3;
      await grid.updateComplete;
      button(grid, 'Next page').click();
      await grid.updateComplete;

      expect(pageStatus(grid)).to.equal('Page 3 of 3');
      expect(shown(grid)).to.deep.equal(['p4:camera', 'p5:camera']);
      expect(events).to.have.length(0);
    });

    it('turns the page with PageDown, PageUp and the arrow keys when focused', async () => {
      const grid = await threePages();
      const pages: number[] = [];
      grid.addEventListener('convene-page-change', (event) => pages.push(event.detail.page));
      grid.focus();
      expect(grid.shadowRoot!.activeElement).to.equal(part(grid, 'base'));

      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => pageStatus(grid) === 'Page 3 of 3');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
      await sendKeys({ press: 'PageUp' });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');

      expect(pages).to.deep.equal([2, 3, 2, 1]);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera']);
    });

    it('shows the page set by code without a page-change event', async () => {
      const grid = await threePages();
      const events: Event[] = [];
      grid.addEventListener('convene-page-change', (event) => events.push(event));

      grid.page = 2;
      await grid.updateComplete;
      expect(shown(grid)).to.deep.equal(['p2:camera', 'p3:camera']);
      expect(events).to.have.length(0);
    });

    it('shows the last page when peers leave and the page no longer exists', async () => {
      const client = clientWith(cameraPeers(5));
      const grid = await gridFor(client, { pageSize: 2 });
      grid.page = 3;
      await grid.updateComplete;

      client.store.update(roomWith(cameraPeers(2)));
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 2');
      expect(shown(grid)).to.deep.equal(['p2:camera']);
    });
  });

  describe('visible tiles', () => {
    it('reports the remote tiles on the page with their size in device pixels', async () => {
      const client = clientWith(cameraPeers(4));
      const grid = await gridFor(client, { pageSize: 3 });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 2');
      await waitUntil(() => client.lastVisibleTiles?.length === 2);

      const [, p1, p2] = tilesIn(grid);
      expect(client.lastVisibleTiles).to.deep.equal([expectedReport(p1!), expectedReport(p2!)]);
      expect(client.lastVisibleTiles![0]!.width).to.be.greaterThan(100);
    });

    it('reports the tiles of the new page when the page turns', async () => {
      const client = clientWith(cameraPeers(4));
      const grid = await gridFor(client, { pageSize: 3 });
      await waitUntil(() => client.lastVisibleTiles?.length === 2);

      button(grid, 'Next page').click();
      await waitUntil(() => client.lastVisibleTiles?.[0]?.peerId === 'p3');
      const [p3, p4] = tilesIn(grid);
      expect(client.lastVisibleTiles).to.deep.equal([expectedReport(p3!), expectedReport(p4!)]);
    });

    it('reports new sizes when the grid is resized', async () => {
      const client = clientWith(cameraPeers(1));
      const grid = await gridFor(client, { width: 640, height: 360 });
      const before = client.lastVisibleTiles![0]!;

      grid.parentElement!.style.width = '200px';
      await waitUntil(() => client.lastVisibleTiles![0]!.width !== before.width);
      expect(client.lastVisibleTiles).to.deep.equal([expectedReport(tilesIn(grid)[1]!)]);
      expect(client.lastVisibleTiles![0]!.width).to.be.lessThan(before.width);
    });

    it('sends one report for changes made together', async () => {
      const client = clientWith(cameraPeers(0));
      const grid = await gridFor(client, { width: 960, height: 540 });
      expect(client.lastVisibleTiles).to.deep.equal([]);
      const reports = client.visibleTiles.length;

      const peers = cameraPeers(3);
      for (let count = 2; count <= 4; count++) client.store.update(roomWith(peers.slice(0, count)));
      await waitUntil(() => client.visibleTiles.length > reports);

      expect(client.visibleTiles[reports]!.map((tile) => tile.peerId)).to.deep.equal([
        'p1',
        'p2',
        'p3',
      ]);
      expect(grid.isConnected).to.equal(true);
    });

    it('reports no tiles when removed, and lets go of the store', async () => {
      const client = clientWith(cameraPeers(2));
      const grid = await gridFor(client);
      expect(client.lastVisibleTiles).to.have.length(2);
      expect(client.store.listenerCount).to.be.greaterThan(0);

      grid.remove();
      await waitUntil(() => client.lastVisibleTiles?.length === 0, 'no empty report');
      expect(client.store.listenerCount).to.equal(0);
    });

    it('keeps reporting its tiles when moved within the page', async () => {
      const client = clientWith(cameraPeers(2));
      const grid = await gridFor(client, { width: 640, height: 480 });
      const reports = client.visibleTiles.length;
      const elsewhere = await fixture<HTMLDivElement>(
        html`<div style="width: 640px; height: 400px"></div>`,
      );

      elsewhere.append(grid);
      await waitUntil(() => client.visibleTiles.length > reports, 'no report after the move');
      expect(client.visibleTiles.slice(reports).every((tiles) => tiles.length === 2)).to.equal(
        true,
      );
    });
  });

  it('marks the active speaker', async () => {
    const client = clientWith(cameraPeers(3));
    const grid = await gridFor(client, { width: 960, height: 540 });
    const speaking = () =>
      tilesIn(grid)
        .filter((tile) => tile.hasAttribute('speaking'))
        .map((tile) => tile.peer!.id);
    expect(speaking()).to.deep.equal([]);

    client.store.update({ activeSpeakerId: 'p2' });
    await grid.updateComplete;
    expect(speaking()).to.deep.equal(['p2']);

    client.store.update({ activeSpeakerId: 'p1' });
    await grid.updateComplete;
    expect(speaking()).to.deep.equal(['p1']);

    client.store.update({ activeSpeakerId: null });
    await grid.updateComplete;
    expect(speaking()).to.deep.equal([]);
  });

  describe('screen share', () => {
    function sharing(): PeerState[] {
      const [me, p1, p2] = cameraPeers(2) as [PeerState, PeerState, PeerState];
      const screen = {
        source: 'screen' as const,
        kind: 'video' as const,
        track: canvasVideoTrack(),
        muted: false,
      };
      return [me, p1, { ...p2, tracks: { ...p2.tracks, screen } }];
    }

    it('puts the shared screen on the stage and the cameras in a filmstrip', async () => {
      const client = clientWith(sharing());
      const grid = await gridFor(client, { width: 960, height: 540 });

      const stage = tilesIn(grid, 'stage');
      expect(stage.map((tile) => `${tile.peer!.id}:${tile.source}`)).to.deep.equal(['p2:screen']);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p2:camera']);
      expect(layoutVar(grid, '--convene-grid-rows')).to.equal('1');
      expect(part(grid, 'stage')!.getBoundingClientRect().height).to.be.greaterThan(
        part(grid, 'tiles')!.getBoundingClientRect().height * 2,
      );
    });

    it('reports the screen at its stage size, larger than the filmstrip tiles', async () => {
      const client = clientWith(sharing());
      const grid = await gridFor(client, { width: 960, height: 540 });
      await waitUntil(() => client.lastVisibleTiles?.length === 3);

      const [screen] = tilesIn(grid, 'stage');
      const [, p1, p2] = tilesIn(grid);
      const reported = client.lastVisibleTiles!;
      expect(reported).to.deep.equal([
        expectedReport(screen!),
        expectedReport(p1!),
        expectedReport(p2!),
      ]);
      expect(reported[0]!.width * reported[0]!.height).to.be.greaterThan(
        4 * reported[1]!.width * reported[1]!.height,
      );
    });

    it('leaves the stage when the share stops', async () => {
      const client = clientWith(sharing());
      const grid = await gridFor(client, { width: 960, height: 540 });

      client.store.update(roomWith(cameraPeers(2)));
      await waitUntil(() => part(grid, 'stage') === null);
      expect(layoutVar(grid, '--convene-grid-rows')).to.not.equal('');
      await waitUntil(() => client.lastVisibleTiles?.every((tile) => tile.source === 'camera'));
    });

    it('does not put our own shared screen on the stage', async () => {
      const [me, p1] = cameraPeers(1) as [PeerState, PeerState];
      const screen = {
        source: 'screen' as const,
        kind: 'video' as const,
        track: canvasVideoTrack(),
        muted: false,
      };
      const client = clientWith([{ ...me, tracks: { ...me.tracks, screen } }, p1]);
      const grid = await gridFor(client);

      expect(part(grid, 'stage')).to.equal(null);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera']);
    });
  });

  it('reuses the tile elements on a page flip, and keeps a staying peer in its element', async () => {
    const tracks = [canvasVideoTrack(), canvasVideoTrack()];
    const peers = [
      makePeer('me', { isLocal: true }),
      makePeer('ada', { tracks: { camera: tracks[0]! } }),
      makePeer('bob', { tracks: { camera: null } }),
      makePeer('cy', { tracks: { camera: tracks[1]! } }),
    ];
    const client = clientWith(peers);
    const grid = await gridFor(client, { pageSize: 2 });
    const [first, second] = tilesIn(grid);

    grid.page = 2;
    await grid.updateComplete;
    expect(shown(grid)).to.deep.equal(['bob:camera', 'cy:camera']);
    expect(tilesIn(grid)).to.deep.equal([first, second], 'the same two elements');
    // The reused element plays its new peer's video, not the old one's.
    const video = second!.shadowRoot!.querySelector('video')!;
    await waitUntil(
      () => (video.srcObject as MediaStream | null)?.getVideoTracks()[0] === tracks[1],
    );

    // bob leaves: page 2 holds cy alone, in the element it had.
    client.store.update(roomWith(peers.filter((peer) => peer.id !== 'bob')));
    await grid.updateComplete;
    expect(shown(grid)).to.deep.equal(['cy:camera']);
    expect(tilesIn(grid)[0]).to.equal(second);
  });

  it('plays remote camera video in the tiles', async () => {
    const track = canvasVideoTrack();
    const client = clientWith([
      makePeer('me', { isLocal: true }),
      makePeer('ada', { tracks: { camera: track } }),
    ]);
    const grid = await gridFor(client);
    const video = tilesIn(grid)[1]!.shadowRoot!.querySelector('video')!;
    await waitUntil(() => video.videoWidth > 0, 'no frame');
    expect((video.srcObject as MediaStream).getVideoTracks()[0]).to.equal(track);
  });

  it('works without a client, showing no tiles', async () => {
    const grid = await fixture<ConveneGrid>(html`<convene-grid></convene-grid>`);
    expect(tilesIn(grid)).to.have.length(0);
    await expect(grid).to.be.accessible();
  });

  describe('spotlight layout', () => {
    async function spotlight(client: MockRoomClient): Promise<ConveneGrid> {
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.layout = 'spotlight';
      await grid.updateComplete;
      await waitUntil(() => part(grid, 'stage') !== null, 'no stage');
      return grid;
    }

    function onStage(grid: ConveneGrid): string[] {
      return tilesIn(grid, 'stage').map((tile) => `${tile.peer!.id}:${tile.source}`);
    }

    it('puts the active speaker on the stage and the others in the filmstrip', async () => {
      const client = clientWith(cameraPeers(3), { activeSpeakerId: 'p2' });
      const grid = await spotlight(client);
      await waitUntil(() => shown(grid).length === 3, 'the filmstrip was not laid out');
      expect(grid.getAttribute('layout')).to.equal('spotlight');
      expect(onStage(grid)).to.deep.equal(['p2:camera']);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p3:camera']);
      expect(layoutVar(grid, '--convene-grid-rows')).to.equal('1');

      client.store.update({ activeSpeakerId: 'p3' });
      await waitUntil(() => onStage(grid)[0] === 'p3:camera', 'the stage did not follow');
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p2:camera']);
    });

    it('keeps the last speaker on the stage while nobody speaks, and starts with a remote peer', async () => {
      const client = clientWith(cameraPeers(2));
      const grid = await spotlight(client);
      expect(onStage(grid)).to.deep.equal(['p1:camera']);

      client.store.update({ activeSpeakerId: 'p2' });
      await waitUntil(() => onStage(grid)[0] === 'p2:camera');
      client.store.update({ activeSpeakerId: null });
      await grid.updateComplete;
      expect(onStage(grid)).to.deep.equal(['p2:camera']);
    });

    it('reports the stage and the filmstrip tiles as visible, the stage larger', async () => {
      const client = clientWith(cameraPeers(3), { activeSpeakerId: 'p1' });
      const grid = await spotlight(client);
      await waitUntil(
        () => client.lastVisibleTiles?.[0]?.peerId === 'p1' && client.lastVisibleTiles.length === 3,
        'stage and filmstrip not reported',
      );

      const [stage] = tilesIn(grid, 'stage');
      const [, p2, p3] = tilesIn(grid);
      expect(client.lastVisibleTiles).to.deep.equal([
        expectedReport(stage!),
        expectedReport(p2!),
        expectedReport(p3!),
      ]);
      expect(client.lastVisibleTiles![0]!.width).to.be.greaterThan(
        client.lastVisibleTiles![1]!.width,
      );
    });

    it('goes back to the grid with layout="grid"', async () => {
      const grid = await spotlight(clientWith(cameraPeers(2)));
      grid.layout = 'grid';
      await waitUntil(() => part(grid, 'stage') === null);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p2:camera']);
    });
  });

  describe('pin', () => {
    function onStage(grid: ConveneGrid): string[] {
      return tilesIn(grid, 'stage').map((tile) => `${tile.peer!.id}:${tile.source}`);
    }

    function pinButton(tile: ConveneTile): HTMLButtonElement {
      return tile.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pin"]')!;
    }

    it("pins a peer from its tile's Pin toggle, and tells the page", async () => {
      const client = clientWith(cameraPeers(3));
      const grid = await gridFor(client, { width: 960, height: 540 });
      const p2 = tilesIn(grid).find((tile) => tile.peer!.id === 'p2')!;

      const changed = oneEvent(grid, 'convene-pin-change') as Promise<ConvenePinChangeEvent>;
      pinButton(p2).click();
      expect((await changed).detail).to.deep.equal({ peerId: 'p2', pinned: true });
      await grid.updateComplete;

      expect(grid.pinned).to.equal('p2');
      expect(grid.getAttribute('pinned')).to.equal('p2');
      expect(onStage(grid)).to.deep.equal(['p2:camera']);
      expect(tilesIn(grid, 'stage')[0]!.pinned).to.equal(true);
      await waitUntil(() => shown(grid).length === 3, 'the filmstrip was not laid out');
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p3:camera']);
    });

    it("unpins from the pinned tile's toggle", async () => {
      const client = clientWith(cameraPeers(2));
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.pinned = 'p1';
      await waitUntil(() => onStage(grid)[0] === 'p1:camera');

      pinButton(tilesIn(grid, 'stage')[0]!).click();
      await waitUntil(() => part(grid, 'stage') === null, 'still on the stage');
      expect(grid.pinned).to.equal(null);
      expect(grid.hasAttribute('pinned')).to.equal(false);
    });

    it('pins the peer set by the pinned property or attribute, without an event', async () => {
      const client = clientWith(cameraPeers(3));
      const grid = await gridFor(client, { width: 960, height: 540 });
      const events: Event[] = [];
      grid.addEventListener('convene-pin-change', (event) => events.push(event));

      grid.pinned = 'p3';
      await waitUntil(() => onStage(grid)[0] === 'p3:camera');
      grid.setAttribute('pinned', 'me');
      await waitUntil(() => onStage(grid)[0] === 'me:camera');
      expect(events).to.have.length(0);
    });

    it('shows the pinned peer in the spotlight instead of the speaker', async () => {
      const client = clientWith(cameraPeers(3), { activeSpeakerId: 'p1' });
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.layout = 'spotlight';
      grid.pinned = 'p3';
      await waitUntil(() => onStage(grid)[0] === 'p3:camera');
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p2:camera']);
    });

    it('leaves a shared screen on the stage, the pinned peer leading the filmstrip', async () => {
      const [me, p1, p2, p3] = cameraPeers(3) as [PeerState, PeerState, PeerState, PeerState];
      const screen = {
        source: 'screen' as const,
        kind: 'video' as const,
        track: canvasVideoTrack(),
        muted: false,
      };
      const client = clientWith([me, p1, { ...p2, tracks: { ...p2.tracks, screen } }, p3]);
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.pinned = 'p3';
      await waitUntil(() => shown(grid)[0] === 'p3:camera');

      expect(onStage(grid)).to.deep.equal(['p2:screen']);
      expect(shown(grid)).to.deep.equal(['p3:camera', 'me:camera', 'p1:camera', 'p2:camera']);
    });

    it('unpins a pinned peer who leaves the room', async () => {
      const client = clientWith(cameraPeers(3));
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.pinned = 'p2';
      await waitUntil(() => onStage(grid)[0] === 'p2:camera');

      client.store.update(roomWith(cameraPeers(3).filter((peer) => peer.id !== 'p2')));
      await waitUntil(() => grid.pinned === null, 'still pinned');
      expect(part(grid, 'stage')).to.equal(null);
      expect(grid.hasAttribute('pinned')).to.equal(false);
      expect(shown(grid)).to.deep.equal(['me:camera', 'p1:camera', 'p3:camera']);
    });

    it('keeps a pin set before the peer arrives', async () => {
      const client = clientWith(cameraPeers(1));
      const grid = await gridFor(client, { width: 960, height: 540 });
      grid.pinned = 'p2';
      await grid.updateComplete;
      expect(grid.pinned).to.equal('p2');

      client.store.update(roomWith(cameraPeers(2)));
      await waitUntil(() => onStage(grid)[0] === 'p2:camera');
    });
  });

  describe('swipe', () => {
    async function threePages(dir = 'ltr'): Promise<ConveneGrid> {
      const grid = await gridFor(clientWith(cameraPeers(5)), { pageSize: 2 });
      grid.parentElement!.dir = dir;
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      return grid;
    }

    /** A pointer pressed on the first tile, moved by (dx, dy), and lifted. */
    function swipe(grid: ConveneGrid, dx: number, dy: number, pointerType = 'touch'): void {
      const tile = tilesIn(grid)[0]!;
      const box = tile.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const init = { pointerId: 7, pointerType, isPrimary: true, bubbles: true, composed: true };
      tile.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: x, clientY: y }));
      tile.dispatchEvent(
        new PointerEvent('pointermove', { ...init, clientX: x + dx, clientY: y + dy }),
      );
      tile.dispatchEvent(
        new PointerEvent('pointerup', { ...init, clientX: x + dx, clientY: y + dy }),
      );
    }

    it('turns to the next page on a swipe to the left and back on a swipe to the right', async () => {
      const grid = await threePages();
      const pages: number[] = [];
      grid.addEventListener('convene-page-change', (event) => pages.push(event.detail.page));

      swipe(grid, -80, 10);
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
      expect(shown(grid)).to.deep.equal(['p2:camera', 'p3:camera']);
      swipe(grid, 80, -10, 'pen');
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      expect(pages).to.deep.equal([2, 1]);
    });

    it('mirrors the swipe in a right-to-left page', async () => {
      const grid = await threePages('rtl');
      swipe(grid, 80, 0);
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
    });

    it('ignores short, steep and mouse moves', async () => {
      const grid = await threePages();
      const events: Event[] = [];
      grid.addEventListener('convene-page-change', (event) => events.push(event));

      swipe(grid, -40, 0);
      swipe(grid, -80, 50);
      swipe(grid, -200, 0, 'mouse');
      await grid.updateComplete;
      expect(events).to.have.length(0);
      expect(pageStatus(grid)).to.equal('Page 1 of 3');
    });

    it('leaves vertical panning to the browser', async () => {
      const grid = await threePages();
      expect(getComputedStyle(part(grid, 'tiles')!).touchAction).to.equal('pan-y');
    });
  });

  describe('right to left and parts', () => {
    it('swaps ArrowLeft and ArrowRight in a right-to-left page', async () => {
      const grid = await gridFor(clientWith(cameraPeers(5)), { pageSize: 2 });
      grid.parentElement!.dir = 'rtl';
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      grid.focus();

      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
    });

    it('turns the page once for a key pressed on a page button', async () => {
      const grid = await gridFor(clientWith(cameraPeers(5)), { pageSize: 2 });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      const pages: number[] = [];
      grid.addEventListener('convene-page-change', (event) => pages.push(event.detail.page));

      button(grid, 'Next page').focus();
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => pageStatus(grid) === 'Page 2 of 3');
      expect(pages).to.deep.equal([2]);
      expect(grid.page).to.equal(2);
      expect(shown(grid)).to.deep.equal(['p2:camera', 'p3:camera']);
    });

    it("exports the pagination's and the tiles' parts", async () => {
      const grid = await gridFor(clientWith(cameraPeers(5)), { pageSize: 2 });
      await waitUntil(() => pageStatus(grid) === 'Page 1 of 3');
      const style = document.createElement('style');
      style.textContent = `
        convene-grid::part(next-page) { outline: 3px solid rgb(1, 2, 3); }
        convene-grid::part(page-status) { color: rgb(4, 5, 6); }
        convene-grid::part(tile-pin) { color: rgb(7, 8, 9); }`;
      document.head.append(style);
      try {
        expect(getComputedStyle(part(grid, 'next-page')!).outlineColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(part(grid, 'page-status')!).color).to.equal('rgb(4, 5, 6)');
        const pin = tilesIn(grid)[0]!.shadowRoot!.querySelector('[part~="pin"]')!;
        expect(getComputedStyle(pin).color).to.equal('rgb(7, 8, 9)');
      } finally {
        style.remove();
      }
    });

    it('speaks the page language, and keeps label as an override', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div lang="de" style="width: 640px; height: 480px">
          <convene-grid .client=${clientWith(cameraPeers(1))}></convene-grid>
        </div>`,
      );
      const grid = box.querySelector('convene-grid')!;
      await grid.updateComplete;
      expect(part(grid, 'base')!.getAttribute('aria-label')).to.equal('Teilnehmende');
    });
  });
});
