// Convene's one public entry. Importing it defines every element (through each element's define
// module, which leaves a tag another copy of the kit defined alone) and gives the public API: the
// room client, its store and selectors, the state and error types an app needs, the element
// classes, events, the context key, controllers and design tokens. Importing it loads no media
// code: mediasoup-client is fetched when a room is joined.
import './elements/convene-audio-renderer/define.ts';
import './elements/convene-chat/define.ts';
import './elements/convene-controls/define.ts';
import './elements/convene-grid/define.ts';
import './elements/convene-meeting/define.ts';
import './elements/convene-pagination/define.ts';
import './elements/convene-participant-list/define.ts';
import './elements/convene-preview/define.ts';
import './elements/convene-role-controls/define.ts';
import './elements/convene-room/define.ts';
import './elements/convene-tile/define.ts';
import './elements/convene-toasts/define.ts';

// The room client and its state (also alone as `convene/client`).
export * from './client/index.ts';

// The elements and what they are built from.
export { ConveneAudioRenderer } from './elements/convene-audio-renderer/convene-audio-renderer.ts';
export { ConveneChat, DEFAULT_MAX_MESSAGE_BYTES } from './elements/convene-chat/convene-chat.ts';
export { PINNED_MESSAGE_KEY, type PinnedMessage } from './elements/convene-chat/pinned-message.ts';
export { ConveneControls } from './elements/convene-controls/convene-controls.ts';
export { REACTIONS } from './elements/convene-controls/reactions-popover.ts';
export { ConveneGrid } from './elements/convene-grid/convene-grid.ts';
export {
  computeGridLayout,
  MAX_PAGE_SIZE,
  TILE_ASPECT_RATIO,
} from './elements/convene-grid/grid-layout.ts';
export type { GridLayout, GridSpace } from './elements/convene-grid/grid-layout.ts';
export { planStage } from './elements/convene-grid/grid-stage.ts';
export type { GridLayoutMode, StageInput, StagePlan } from './elements/convene-grid/grid-stage.ts';
export { ConvenePagination } from './elements/convene-pagination/convene-pagination.ts';
export { ConveneMeeting } from './elements/convene-meeting/convene-meeting.ts';
export { ConveneParticipantList } from './elements/convene-participant-list/convene-participant-list.ts';
export { ConvenePreview, MAX_NAME_LENGTH } from './elements/convene-preview/convene-preview.ts';
export type {
  CaptureProblem,
  PreviewSource,
} from './elements/convene-preview/preview-media-controller.ts';
export { ConveneRoleControls } from './elements/convene-role-controls/convene-role-controls.ts';
export { ConveneRoom } from './elements/convene-room/convene-room.ts';
export { ConveneTile, tileVideoState } from './elements/convene-tile/convene-tile.ts';
export type { TileSource, TileVideoState } from './elements/convene-tile/convene-tile.ts';
export { ConveneToasts } from './elements/convene-toasts/convene-toasts.ts';
export type { ToastPlacement, ToastType } from './elements/convene-toasts/convene-toasts.ts';
export { defineElement } from './elements/define-element.ts';
export * from './events/index.ts';
export { roomClientContext } from './context.ts';
export { MediaAttachmentController } from './controllers/media-attachment-controller.ts';
export { ResizeController } from './controllers/resize-controller.ts';
export { StoreController, shallowEqual } from './controllers/store-controller.ts';
export type { Equality, Selector, StoreControllerOptions } from './controllers/store-controller.ts';
export { TOKEN_DEFAULTS, token } from './styles/tokens.ts';
export type { TokenName } from './styles/tokens.ts';
