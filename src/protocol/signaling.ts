// The signaling protocol between a peer and the server: JSON messages over one WebSocket per peer
// (see docs/protocol.md). Declared once here; the server and the room client both import it.
//
// - The client sends requests `{id, method, data}`; each gets exactly one response
//   `{id, ok: true, data}` or `{id, ok: false, error: {code, message}}`.
// - The server sends notifications `{notification, data}`.
// - The first request on a socket must be `join`; anything else is refused.
import type { Permissions, Role, TrackSource } from './roles.ts';

export const PROTOCOL_VERSION = 1;
/** The WebSocket path; the version travels as `?v=`. */
export const SIGNALING_PATH = '/v2/signaling';
/** Largest message either side accepts, in bytes (SDP-sized payloads fit comfortably). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** What a producer carries: 100ms's sources, split so screen audio is its own track. */
export type MediaSource = 'camera' | 'microphone' | 'screen' | 'screen-audio';
export type MediaKind = 'audio' | 'video';

/** Which role permission (`publishParams.allowed`) each source needs. */
export const SOURCE_PERMISSION: Record<MediaSource, TrackSource> = {
  camera: 'video',
  microphone: 'audio',
  screen: 'screen',
  'screen-audio': 'screen',
};
export const SOURCE_KIND: Record<MediaSource, MediaKind> = {
  camera: 'video',
  microphone: 'audio',
  screen: 'video',
  'screen-audio': 'audio',
};

// mediasoup's parameter objects travel as opaque JSON: the client hands them to
// mediasoup-client and the server to mediasoup, both of which validate them.
export type RtpCapabilities = Record<string, unknown>;
export type RtpParameters = Record<string, unknown>;
export type DtlsParameters = Record<string, unknown>;
export type IceParameters = Record<string, unknown>;
export type IceCandidate = Record<string, unknown>;

export interface ProducerInfo {
  id: string;
  source: MediaSource;
  kind: MediaKind;
  paused: boolean;
}

export interface PeerInfo {
  id: string;
  userId: string;
  name: string;
  role: string;
  joinedAt: string;
  producers: ProducerInfo[];
  /** 0 (unusable) to 5 (excellent); undefined until measured. */
  connectionQuality?: number;
}

export interface TransportInfo {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface JoinRequest {
  /** An app token (from POST /v2/token or minted by the app's backend). */
  token: string;
  /** Display name; defaults to the token's user id. */
  name?: string;
  /** Set when coming back after a lost socket: the place is kept for a grace period. */
  resume?: { peerId: string; secret: string };
}

export interface JoinResponse {
  protocolVersion: number;
  self: PeerInfo;
  /** Present to `resume` with after a lost socket. */
  resumeSecret: string;
  /** True when this join resumed an existing place (its producers are still there). */
  resumed: boolean;
  room: { id: string; name: string };
  sessionId: string;
  role: Role;
  /** Every role of the room's template, for role-change menus and permission checks. */
  roles: Record<string, Role>;
  peers: PeerInfo[];
  /** Who is speaking now; later changes arrive as `activeSpeaker` notifications. */
  activeSpeakerId: string | null;
  routerRtpCapabilities: RtpCapabilities;
}

/** One tile as displayed by the client: which peer's which video, at what size in pixels. */
export interface VisibleTile {
  peerId: string;
  source: 'camera' | 'screen';
  width: number;
  height: number;
}

/** Every request: method name -> [data sent, data answered]. */
export interface Requests {
  join: [JoinRequest, JoinResponse];
  createTransport: [{ direction: 'send' | 'recv' }, TransportInfo];
  connectTransport: [
    { transportId: string; dtlsParameters: DtlsParameters },
    Record<string, never>,
  ];
  restartIce: [{ transportId: string }, { iceParameters: IceParameters }];
  /** Declares what this client can receive; consumers are created only after it. */
  setRtpCapabilities: [{ rtpCapabilities: RtpCapabilities }, Record<string, never>];
  produce: [
    {
      transportId: string;
      source: MediaSource;
      kind: MediaKind;
      rtpParameters: RtpParameters;
      paused?: boolean;
    },
    { producerId: string },
  ];
  pauseProducer: [{ producerId: string }, Record<string, never>];
  resumeProducer: [{ producerId: string }, Record<string, never>];
  closeProducer: [{ producerId: string }, Record<string, never>];
  /** The client has set up its side of a consumer; audio starts, video starts if visible. */
  consumerReady: [{ consumerId: string }, Record<string, never>];
  /** Replaces the set of displayed tiles: video of peers not listed is paused. */
  setVisibleTiles: [{ tiles: VisibleTile[] }, Record<string, never>];
  setName: [{ name: string }, Record<string, never>];
  /** Lets a client find a silently dead socket (browsers cannot see WebSocket pings). */
  ping: [Record<string, never>, Record<string, never>];
  leave: [Record<string, never>, Record<string, never>];
}

export type RequestMethod = keyof Requests;

export interface ConsumerInfo {
  id: string;
  producerId: string;
  peerId: string;
  source: MediaSource;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  /** Whether the producer is paused (muted) at its source. */
  producerPaused: boolean;
}

/** Every notification: name -> data. */
export interface Notifications {
  peerJoined: { peer: PeerInfo };
  peerLeft: { peerId: string };
  peerUpdated: { peer: PeerInfo };
  /** A consumer exists for this client: create it locally, then send consumerReady. */
  newConsumer: ConsumerInfo;
  consumerClosed: { consumerId: string };
  producerPaused: { peerId: string; producerId: string };
  producerResumed: { peerId: string; producerId: string };
  /** The loudest peer, or null when nobody speaks. */
  activeSpeaker: { peerId: string | null };
  connectionQuality: { scores: Record<string, number> };
  /** The server ends this peer's presence (room ended, removed, replaced by a newer socket). */
  removed: { reason: string; message?: string };
}

export type NotificationName = keyof Notifications;

export interface RequestMessage<M extends RequestMethod = RequestMethod> {
  id: number;
  method: M;
  data: Requests[M][0];
}

export interface SignalingError {
  /** Machine-readable: e.g. `forbidden`, `invalid_request`, `unknown_method`, `not_joined`. */
  code: string;
  message: string;
}

export type ResponseMessage =
  { id: number; ok: true; data: unknown } | { id: number | null; ok: false; error: SignalingError };

export interface NotificationMessage<N extends NotificationName = NotificationName> {
  notification: N;
  data: Notifications[N];
}

export type ServerMessage = ResponseMessage | NotificationMessage;

export type { Permissions, Role };
