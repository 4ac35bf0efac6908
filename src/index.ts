// Convene's public API: element classes, events, context keys, controllers, tokens and the room
// client's types. Importing it registers nothing: import './define.ts' for that.
export { ConveneAudioRenderer } from './elements/convene-audio-renderer/convene-audio-renderer.ts';
export { ConveneGrid } from './elements/convene-grid/convene-grid.ts';
export {
  computeGridLayout,
  MAX_PAGE_SIZE,
  TILE_ASPECT_RATIO,
} from './elements/convene-grid/grid-layout.ts';
export type { GridLayout, GridSpace } from './elements/convene-grid/grid-layout.ts';
export { ConveneRoom } from './elements/convene-room/convene-room.ts';
export { ConveneTile, tileVideoState } from './elements/convene-tile/convene-tile.ts';
export type { TileSource, TileVideoState } from './elements/convene-tile/convene-tile.ts';
export { defineElement } from './elements/define-element.ts';
export * from './events/index.ts';
export { roomClientContext } from './context.ts';
export { MediaAttachmentController } from './controllers/media-attachment-controller.ts';
export { ResizeController } from './controllers/resize-controller.ts';
export { StoreController, shallowEqual } from './controllers/store-controller.ts';
export type { StoreControllerOptions } from './controllers/store-controller.ts';
export { TOKEN_DEFAULTS, token } from './styles/tokens.ts';
export type { TokenName } from './styles/tokens.ts';
export { INITIAL_ROOM_STATE } from './client/room-state.ts';
export type {
  ConnectionState,
  JoinOptions,
  PeerState,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
  RoomStoreApi,
  TrackState,
} from './client/room-state.ts';
export type { VisibleTile } from './protocol/signaling.ts';
