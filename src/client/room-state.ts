// The shape of what the room client knows, as immutable snapshots: elements read it through the
// store (room-store.ts) and never see the socket. Derived values (the page of tiles, who may do
// what) are computed from it by selectors, never stored twice.
import type { MediaKind, MediaSource, Role, SignalingError } from '../protocol/signaling.ts';

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
}

export interface RoomState {
  connection: ConnectionState;
  /** The last error that stopped a join or a reconnect, or a refused action. */
  error?: SignalingError;
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
}

export const INITIAL_ROOM_STATE: RoomState = {
  connection: 'idle',
  peers: {},
  peerOrder: [],
  roles: {},
  activeSpeakerId: null,
};
