// The grid bench's page: a SimulatedRoom (canvas cameras) inside <convene-room manual>, and a
// <convene-grid> the bench adds, re-renders and pages through, timing each with performance
// marks. "Rendered" means the grid has no update pending and every tile it shows has resolved
// its updateComplete; the first render also waits for the ResizeObserver that sizes the grid.
import { html, render } from 'lit';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import '../../src/elements/convene-room/define.ts';
import '../../src/elements/convene-grid/define.ts';
import type { ConveneGrid } from '../../src/elements/convene-grid/convene-grid.ts';
import type { ConveneRoom } from '../../src/elements/convene-room/convene-room.ts';
import type { ConveneTile } from '../../src/elements/convene-tile/convene-tile.ts';
import type { GridBenchApi, GridBenchSetup } from './grid-bench-api.ts';

const SETTLE_TIMEOUT_MS = 10_000;

let longTasks = 0;
new PerformanceObserver((list) => {
  longTasks += list.getEntries().filter((entry) => entry.duration > 50).length;
}).observe({ type: 'longtask', buffered: true });

let room: SimulatedRoom | undefined;
let roomElement: ConveneRoom | undefined;
let grid: ConveneGrid | undefined;
let measures = 0;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function tilesOf(target: ConveneGrid): ConveneTile[] {
  return [...target.renderRoot.querySelectorAll<ConveneTile>('convene-tile')];
}

function pageStatus(target: ConveneGrid): string {
  // The status is <convene-pagination>'s, inside its own shadow root.
  const pagination = target.renderRoot.querySelector('convene-pagination');
  const status = pagination?.shadowRoot?.querySelector('[part~="page-status"]');
  return status?.textContent?.trim() ?? '';
}

/** Waits until the grid and its tiles have no update pending and `done` holds for the tiles. */
async function rendered(
  target: ConveneGrid,
  done: (tiles: ConveneTile[]) => boolean,
  what: string,
): Promise<ConveneTile[]> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    await target.updateComplete;
    const tiles = tilesOf(target);
    await Promise.all(tiles.map((tile) => tile.updateComplete));
    const idle = !target.isUpdatePending && tiles.every((tile) => !tile.isUpdatePending);
    if (idle && done(tiles)) return tiles;
    if (performance.now() > deadline) {
      throw new Error(`grid bench: ${what} not rendered in ${SETTLE_TIMEOUT_MS} ms`);
    }
    // Not there yet (the first layout waits for the ResizeObserver): look again next frame.
    await nextFrame();
  }
}

/** Times `act` until `settle` resolves, as a performance measure; answers its duration in ms. */
async function timed(name: string, act: () => void, settle: () => Promise<unknown>) {
  const id = `${name}-${++measures}`;
  performance.mark(`${id}:start`);
  act();
  await settle();
  return performance.measure(id, `${id}:start`).duration;
}

function requireGrid(): ConveneGrid {
  if (!grid) throw new Error('grid bench: call firstRender() first');
  return grid;
}

const api: GridBenchApi = {
  async setup(peers) {
    room = new SimulatedRoom({ peers });
    await room.join({ name: 'You' });
    render(html`<convene-room manual .client=${room}></convene-room>`, document.body);
    roomElement = document.querySelector('convene-room')!;
    await roomElement.updateComplete;
  },

  async firstRender() {
    if (!roomElement) throw new Error('grid bench: call setup() first');
    const host = roomElement;
    if (grid) {
      grid.remove();
      // Let the removal's work (tiles releasing video, observers) finish outside the timing.
      await nextFrame();
    }
    const next = document.createElement('convene-grid');
    grid = next;
    return timed(
      'first-render',
      () => host.append(next),
      () => rendered(next, (tiles) => tiles.length > 0, 'page 1'),
    );
  },

  layout(): GridBenchSetup {
    const target = requireGrid();
    return {
      tiles: room!.store.state.peerOrder.length,
      pageCount: target.pageCount,
      pageSize: tilesOf(target).length,
    };
  },

  async speakerChange() {
    const target = requireGrid();
    const current = room!.store.state.activeSpeakerId;
    const candidates = tilesOf(target)
      .map((tile) => tile.peer!)
      .filter((peer) => !peer.isLocal && peer.id !== current);
    // Walk through the page's peers so each change moves the highlight to another tile.
    const speaker = candidates[measures % candidates.length]!;
    return timed(
      'speaker-change',
      () => room!.speak(speaker.id),
      () =>
        rendered(
          target,
          (tiles) =>
            tiles
              .filter((tile) => tile.speaking)
              .map((tile) => tile.peer?.id)
              .join() === speaker.id,
          `${speaker.name} speaking`,
        ),
    );
  },

  async pageFlip(page) {
    const target = requireGrid();
    const before = new Set(tilesOf(target).map((tile) => tile.peer?.id));
    const status = `Page ${page} of ${target.pageCount}`;
    return timed(
      'page-flip',
      () => {
        target.page = page;
      },
      () =>
        rendered(
          target,
          (tiles) => pageStatus(target) === status && !tiles.some((t) => before.has(t.peer?.id)),
          status,
        ),
    );
  },

  longTasks: () => longTasks,

  close() {
    room?.close();
  },
};

window.gridBench = api;
