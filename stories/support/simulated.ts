// A story's simulated room: N peers, joined, scripted, and closed when the story unmounts or the
// next story makes its own, so canvas cameras and their timers do not pile up in the browser.
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import type { SimulatedRoomOptions } from '../../src/client/simulated-room.ts';

export interface StoryRoomOptions extends SimulatedRoomOptions {
  /** Join as I open the story (default true); false leaves the room to the script. */
  join?: boolean;
  /**
   * What happens once I am in, given the room and the other peers' ids in join order; a script
   * that waits (for the elements to listen, say) returns a promise, which tests wait for.
   */
  script?: (room: SimulatedRoom, others: string[]) => void | Promise<void>;
}

const live = new Set<SimulatedRoom>();
const screens = new Map<SimulatedRoom, ScreenCanvas[]>();
const ready = new Set<Promise<void>>();
const cleanups: Array<() => void> = [];

/** Makes the story's room, closing the rooms stories made before it. */
export function storyRoom({
  join = true,
  script,
  ...options
}: StoryRoomOptions = {}): SimulatedRoom {
  closeRooms();
  const room = new SimulatedRoom(options);
  live.add(room);
  // join() fills the store before its first await, so the story's first render already sees
  // everyone; the script runs on the joined room.
  const start = join ? room.join({ name: options.localName ?? 'You' }) : Promise.resolve();
  const done = start.then(() => {
    const { peerOrder, localPeerId } = room.store.state;
    return script?.(
      room,
      peerOrder.filter((id) => id !== localPeerId),
    );
  });
  storyScript(() => done);
  return room;
}

/**
 * Runs a story's own script, one that does not fit storyRoom's (it waits for a view to join the
 * room, say); tests wait for it as for the rooms'.
 */
export function storyScript(run: () => Promise<void>): void {
  const done = run();
  ready.add(done);
  void done.finally(() => ready.delete(done));
}

/** Resolves once every story room has joined and run its script (for tests). */
export async function simulatedRoomsSettled(): Promise<void> {
  await Promise.all(ready);
}

/** Runs `cleanup` when the story ends (with its rooms): for what a decorator put in place. */
export function onStoryEnd(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** The next frames have been drawn: the elements rendered and subscribed. */
export async function afterFrames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Every running animation (entrances included, in shadow roots too) has finished. */
export async function animationsFinished(): Promise<void> {
  const roots: DocumentOrShadowRoot[] = [document];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      roots.push(element.shadowRoot);
      walk(element.shadowRoot);
    }
  };
  walk(document);
  const animations = roots.flatMap((root) => root.getAnimations());
  await Promise.all(animations.map((animation) => animation.finished.catch(() => {})));
}

/** Stops every story room's canvases, and undoes what the story's decorators put in place. */
export function closeSimulatedRooms(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
  closeRooms();
}

/** Rooms only: a story's decorators ran before its render made the room, and stay in place. */
function closeRooms(): void {
  for (const room of live) {
    room.close();
    for (const screen of screens.get(room) ?? []) screen.stop();
  }
  live.clear();
  screens.clear();
}

/** `peerId` shares a screen: a canvas slide, stopped with the room. */
export function shareScreen(room: SimulatedRoom, peerId: string): void {
  const screen = new ScreenCanvas();
  screens.set(room, [...(screens.get(room) ?? []), screen]);
  room.store.setTrack(peerId, 'screen', {
    source: 'screen',
    kind: 'video',
    track: screen.track,
    muted: false,
    receiving: true,
  });
}

/** A 16:9 slide redrawn once a second, so the shared screen's video keeps producing frames. */
class ScreenCanvas {
  readonly track: MediaStreamTrack;
  readonly #canvas = document.createElement('canvas');
  readonly #timer: ReturnType<typeof setInterval>;
  #seconds = 0;

  constructor() {
    this.#canvas.width = 640;
    this.#canvas.height = 360;
    this.#draw();
    this.track = this.#canvas.captureStream(1).getVideoTracks()[0]!;
    this.#timer = setInterval(() => this.#draw(), 1000);
  }

  #draw(): void {
    const context = this.#canvas.getContext('2d')!;
    context.fillStyle = '#fdfdfd';
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = '#1b1e24';
    context.font = 'bold 36px system-ui, sans-serif';
    context.fillText('Quarterly review', 40, 80);
    context.font = '24px system-ui, sans-serif';
    ['Rooms up 12%', 'Join time p50 190 ms', `Shared for ${this.#seconds++} s`].forEach((line, i) =>
      context.fillText(`• ${line}`, 60, 150 + i * 50),
    );
  }

  stop(): void {
    clearInterval(this.#timer);
    this.track.stop();
  }
}
