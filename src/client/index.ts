// `convene/client`: the framework-free room client, for an app that draws its own UI (or none).
// It imports no element and no lit, and touches no DOM global when imported.

// The room client and its state, and a simulated room for Storybook, tests and demos.
export { RoomClient, type RoomClientOptions } from './room-client.ts';
export type { Playout } from './media.ts';
export {
  SimulatedRoom,
  type SimulatedPeerInput,
  type SimulatedRoomOptions,
} from './simulated-room.ts';
export {
  RoomStore,
  selectActiveSpeakerId,
  selectCameraPeers,
  selectConnection,
  selectConnectionStatus,
  selectLocalPeer,
  selectReconnecting,
  selectRemoteAudioTracks,
  selectRole,
  selectScreenPeers,
  selectUnreadMessages,
} from './room-store.ts';
export { ConveneError, type ErrorShape } from './errors.ts';
export { INITIAL_ROOM_STATE } from './room-state.ts';
export { selectCan, selectPendingRequests, type RoomActionAbilities } from './room-actions.ts';
export type {
  ActionActor,
  ActionRequest,
  ChatMessage,
  ConnectionState,
  ConnectionStatus,
  JoinOptions,
  MediaKind,
  MediaSource,
  MessageRecipient,
  PeerState,
  Role,
  RoomActionEventMap,
  RoomActionsApi,
  RoomChatEventMap,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
  RoomStoreApi,
  SendMessageOptions,
  SessionStoreApi,
  SessionStoreEntry,
  TrackState,
  VisibleTile,
} from './room-state.ts';
export type { BackoffOptions } from './backoff.ts';
export type { SignalingOptions } from './signaling.ts';
