// Which tile takes the grid's stage and which go to the tile area, in order: a shared screen
// first, then a pinned peer, then (in the spotlight layout) the active speaker. Pure: the grid
// gives it the store's slices and its own properties.
import type { PeerState } from '../../client/room-state.ts';
import type { TileRef } from './grid-tiles.ts';

export type GridLayoutMode = 'grid' | 'spotlight';

export interface StageInput {
  cameraPeers: readonly PeerState[];
  screenPeers: readonly PeerState[];
  layout: GridLayoutMode;
  /** The pinned peer's id, or null. */
  pinned: string | null;
  /** Who the spotlight shows: the active speaker, else the last one; null for nobody yet. */
  speakerId: string | null;
}

export interface StagePlan {
  /** The tile on the stage, if any: the rest then form a filmstrip. */
  stage: TileRef | undefined;
  /** The tiles of the grid or filmstrip, every page, in order. */
  strip: TileRef[];
}

export function planStage(input: StageInput): StagePlan {
  const screens: TileRef[] = input.screenPeers.map((peer) => ({ peer, source: 'screen' }));
  const cameras: TileRef[] = input.cameraPeers.map((peer) => ({ peer, source: 'camera' }));
  const pinned = cameras.find((tile) => tile.peer.id === input.pinned);
  const others = cameras.filter((tile) => tile !== pinned);
  const [screen, ...moreScreens] = screens;
  if (screen) {
    // A shared screen keeps the stage; the pinned peer leads the filmstrip.
    return { stage: screen, strip: [...(pinned ? [pinned] : []), ...moreScreens, ...others] };
  }
  if (pinned) return { stage: pinned, strip: others };
  if (input.layout !== 'spotlight' || cameras.length === 0)
    return { stage: undefined, strip: cameras };
  const speaker =
    cameras.find((tile) => tile.peer.id === input.speakerId) ??
    cameras.find((tile) => !tile.peer.isLocal) ??
    cameras[0];
  return { stage: speaker, strip: cameras.filter((tile) => tile !== speaker) };
}
