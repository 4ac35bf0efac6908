// The shape of what the room client knows, as immutable snapshots: elements read it through the
// store (room-store.ts) and never see the socket. Derived values (the page of tiles, who may do
// what) are computed from it by selectors, never stored twice. The wire shapes elements need
// are re-exported here, so that they read them from the client and never from src/protocol.
// Types only from a schema module: one of its values would bring TypeBox into every page.
import type { StreamingKind, StreamingState } from '../protocol/streaming-schemas.ts';
import { STOPPED_STREAMING } from '../protocol/signaling.ts';
import type { ErrorShape } from '../protocol/errors.ts';
import type {
  ChatMessage,
  MediaKind,
  MediaSource,
  Role,
  SessionStoreEntry,
  VisibleTile,
} from '../protocol/signaling.ts';
import type {
  ActionActor,
  ActionRequest,
  ActionRequestClosed,
} from '../protocol/room-actions-schemas.ts';

export type {
  ActionActor,
  ActionRequest,
  ChatMessage,
  ErrorShape,
  MediaKind,
  MediaSource,
  Role,
  SessionStoreEntry,
  VisibleTile,
};

export type ConnectionState =
  | 'idle' // not joined yet
  | 'connecting' // joining for the first time
  | 'connected'
  | 'reconnecting' // socket or media lost; retrying with backoff
  | 'disconnected' // left, or removed by the server
  | 'failed'; // could not join or reconnect; see `error`

export interface TrackState {
  source: MediaSource;
  kind: MediaKind;
  /** The live track, or null while it is being set up or when it is not received. */
  track: MediaStreamTrack | null;
  /** Muted at its source (the producer is paused). */
  muted: boolean;
  /** For remote video: whether the server currently forwards it (it pauses video off screen). */
  receiving?: boolean;
}

export interface PeerState {
  id: string;
  userId: string;
  name: string;
  role: string;
  isLocal: boolean;
  joinedAt: string;
  tracks: Partial<Record<MediaSource, TrackState>>;
  /** 0 (unusable) to 5 (excellent); undefined until measured. */
  connectionQuality?: number;
  /** The peer's metadata, an opaque string (often JSON); absent while empty. */
  metadata?: string;
  /** Read from the metadata (`isHandRaised`, as 100ms's prebuilt keeps it); absent when not. */
  handRaised?: true;
  /** The peer's connection dropped and the server keeps its place while it comes back. */
  reconnecting?: true;
}

export interface RoomState {
  connection: ConnectionState;
  /** The last error that stopped a join or a reconnect, or a refused action. */
  error?: ErrorShape;
  room?: { id: string; name: string };
  sessionId?: string;
  localPeerId?: string;
  /** Every peer including the local one, by id. */
  peers: Readonly<Record<string, PeerState>>;
  /** Peer ids in join order (the local peer first). */
  peerOrder: readonly string[];
  /** The local peer's role, with its permissions and publish/subscribe rules. */
  role?: Role;
  roles: Readonly<Record<string, Role>>;
  activeSpeakerId: string | null;
  /** The room's live stream (with its playback URL) and recording, as the server says. */
  streaming: StreamingState;
  /** The session-store keys this client observes, with their values (null when unset). */
  sessionStore: ReadonlyMap<string, SessionStoreEntry>;
  /** Requests aimed at me (ask to unmute, a role offered), with who asked, oldest first. */
  pendingRequests: readonly ActionRequest[];
  /** Why the server ended my presence (removed by a host, the room ended), once it has. */
  removed?: { reason: string; message: string };
  /** The chat messages this peer may see, oldest first, once each (reactions are not kept). */
  messages: readonly ChatMessage[];
  /** Messages from others since the last markMessagesRead(). */
  unreadMessages: number;
  /** Whether loadOlderMessages() has more to bring. */
  hasOlderMessages: boolean;
}

/** What a room announces about its connection (selectConnectionStatus). */
export type ConnectionStatus = Pick<RoomState, 'connection' | 'room' | 'error' | 'removed'>;

export const INITIAL_ROOM_STATE: RoomState = {
  connection: 'idle',
  peers: {},
  peerOrder: [],
  roles: {},
  activeSpeakerId: null,
  streaming: STOPPED_STREAMING,
  sessionStore: new Map(),
  pendingRequests: [],
  messages: [],
  unreadMessages: 0,
  hasOlderMessages: false,
};

/** The observable store of room state: a snapshot now, and every new snapshot after. */
export interface RoomStoreApi {
  readonly state: RoomState;
  /** Calls `listener` on every change (not immediately); returns the unsubscribe function. */
  subscribe(listener: (state: RoomState) => void): () => void;
}

export interface JoinOptions {
  /** An app token, or a room code turned into one through POST /v2/token. */
  token?: string;
  roomCode?: string;
  userId?: string;
  name?: string;
  /** Publish the microphone / camera on join (if the role allows). Both default to true. */
  audio?: boolean;
  video?: boolean;
  /**
   * Tracks to publish instead of opening the microphone and camera: a composed picture and a mix,
   * as the server's recorder publishes. The client owns them from here and stops them on leave.
   */
  tracks?: { microphone?: MediaStreamTrack; camera?: MediaStreamTrack };
}

/** Events the room client emits (plain CustomEvents on the client itself). */
export interface RoomClientEventMap {
  joined: CustomEvent<{ peerId: string }>;
  /** `reason`: `left`, or the server's (`peer removed`, `room ended`) with its `message`. */
  left: CustomEvent<{ reason: string; message?: string }>;
  error: CustomEvent<ErrorShape>;
  reconnecting: CustomEvent<{ attempt: number }>;
  reconnected: CustomEvent<{ resumed: boolean }>;
}

/** What room actions make the room client emit (RoomClient emits these besides the above). */
export interface RoomActionEventMap {
  /** My role changed (a host, the REST API, or my accepting an offer); `by` null for a backend. */
  roleChanged: CustomEvent<{ role: string; by: ActionActor }>;
  /** A request aimed at me arrived; it is in `pendingRequests` until answered or expired. */
  actionRequested: CustomEvent<ActionRequest>;
  /** A request I made, or one aimed at me, is over. */
  actionRequestClosed: CustomEvent<ActionRequestClosed>;
}

/** The room client's chat events (elements do not forward them as convene-* events yet). */
export interface RoomChatEventMap {
  /** A message from another peer or the server, reactions included, as it arrives. */
  message: CustomEvent<{ message: ChatMessage }>;
}

/** Whom a message goes to: everyone, the peers of some roles, or one peer. */
export type MessageRecipient = 'room' | { roles: string[] } | { peerId: string };

export interface SendMessageOptions {
  /** Everyone by default. */
  to?: MessageRecipient;
  /** `chat` by default; `reaction` is delivered and never kept; apps may use their own. */
  type?: string;
}

/** The session store as apps use it: set a key for everyone, observe keys to follow them. */
export interface SessionStoreApi {
  /** Sets `key` for the session; null (or undefined) unsets it. Resolves once the server has it. */
  set(key: string, value: unknown): Promise<void>;
  /** Follows `keys`: their values now, and every change after, appear in `state.sessionStore`. */
  observe(keys: string | string[]): Promise<void>;
  unobserve(keys: string | string[]): Promise<void>;
}

/**
 * What a role's permissions may allow me to do to others, and my answers to requests aimed at
 * me; implemented by RoomActions (room-actions.ts). selectCan tells a view which are allowed.
 */
export interface RoomActionsApi {
  /** Mutes a peer's track (`source`), or all its tracks. */
  mute(peerId: string, source?: MediaSource): Promise<void>;
  /** Mutes every track (or `source`) of everyone with `role`; answers how many were muted. */
  muteRole(role: string, source?: MediaSource): Promise<number>;
  /** Asks a peer to turn `source` on; answers the request's id (its outcome comes as an event). */
  requestUnmute(peerId: string, source: MediaSource): Promise<string>;
  /** At once with `force`, else an offer the peer accepts or declines (answers its id). */
  changeRole(
    peerId: string,
    role: string,
    options?: { force?: boolean },
  ): Promise<string | undefined>;
  removePeer(peerId: string, reason?: string): Promise<void>;
  endRoom(reason?: string, options?: { lock?: boolean }): Promise<void>;
  /** Accepts a request in `pendingRequests` (asked to unmute: turns the source on first). */
  accept(requestId: string): Promise<void>;
  decline(requestId: string): Promise<void>;
}

/** What elements and apps call; implemented by RoomClient (room-client.ts). */
export interface RoomClientApi extends EventTarget {
  readonly store: RoomStoreApi;
  join(options: JoinOptions): Promise<void>;
  leave(): Promise<void>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  setCameraEnabled(enabled: boolean): Promise<void>;
  selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  /** Which peers' video is on screen and how large; the server forwards only those. */
  setVisibleTiles(tiles: VisibleTile[]): void;

  // The room's live stream and recording (`streaming` in the state).
  startStreaming(kind: StreamingKind): Promise<void>;
  stopStreaming(kind: StreamingKind): Promise<void>;

  // People: my name and metadata, hands, the session store.
  setName(name: string): Promise<void>;
  setMetadata(metadata: string): Promise<void>;
  raiseHand(): Promise<void>;
  /** Mine, or another peer's when my role has `changeRole`. */
  lowerHand(peerId?: string): Promise<void>;
  readonly sessionStore: SessionStoreApi;

  // Chat: kept in `messages`, `unreadMessages`, `hasOlderMessages`.
  /** Resolves once the server has stored it, with the message as everyone gets it. */
  sendMessage(text: string, options?: SendMessageOptions): Promise<ChatMessage>;
  loadOlderMessages(limit?: number): Promise<void>;
  markMessagesRead(): void;

  /** Mute, ask to unmute, change roles, remove, end the room; answer requests aimed at me. */
  readonly actions: RoomActionsApi;
}
