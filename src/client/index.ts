// The framework-free room client's public API: the client, its store and selectors, the
// signaling connection, and the state types. Importing this loads no media code: mediasoup-client
// is fetched when a room is joined.
export { RoomClient, type RoomClientOptions } from './room-client.ts';
export {
  RoomStore,
  selectActiveSpeakerId,
  selectCameraPeers,
  selectConnection,
  selectLocalPeer,
  selectReconnecting,
  selectRemoteAudioTracks,
  selectScreenPeers,
} from './room-store.ts';
export {
  SignalingConnection,
  signalingUrl,
  REQUEST_TIMEOUT_MS,
  type SignalingClose,
  type SignalingOptions,
} from './signaling.ts';
export { ConveneError } from './errors.ts';
export { Backoff, type BackoffOptions } from './backoff.ts';
export { INITIAL_ROOM_STATE } from './room-state.ts';
export type {
  ConnectionState,
  JoinOptions,
  PeerState,
  RoomClientApi,
  RoomClientEventMap,
  RoomState,
  RoomStoreApi,
  TrackState,
} from './room-state.ts';
