// The signaling protocol between a peer and the server: JSON messages over one WebSocket per peer
// (see docs/protocol.md). Each message's data is declared once, as a schema, in
// signaling-schemas.ts; this module adds the constants and the envelopes, and is what the server
// and the room client import.
//
// - The client sends requests `{id, method, data}`; each gets exactly one response
//   `{id, ok: true, data}` or `{id, ok: false, error: {code, message}}`.
// - The server sends notifications `{notification, data}`.
// - The first request on a socket must be `join`; anything else is refused.
import type { ErrorShape } from './errors.ts';
import type { Permissions, Role, TrackSource } from './roles.ts';
import type { MediaKind, MediaSource, Notifications, Requests } from './signaling-schemas.ts';
import type { StreamingState } from './streaming-schemas.ts';

export type {
  ConsumerInfo,
  JoinRequest,
  JoinResponse,
  MediaKind,
  MediaSource,
  Notifications,
  PeerInfo,
  ProducerInfo,
  Requests,
  TransportInfo,
  VisibleTile,
} from './signaling-schemas.ts';
export type { SessionStoreEntry } from './room-meta-schemas.ts';
export type { ChatMessage, MessageHistoryPage, MessageSender } from './chat-schemas.ts';

export const PROTOCOL_VERSION = 1;

/** Neither a live stream nor a recording: a room's streaming state until one starts. */
export const STOPPED_STREAMING: StreamingState = {
  hls: { status: 'stopped' },
  recording: { status: 'stopped' },
};
/** The WebSocket path; the version travels as `?v=`. */
export const SIGNALING_PATH = '/v2/signaling';
/** Plain GET, no token: the routers' RTP capabilities, the same as a join answer carries. */
export const RTP_CAPABILITIES_PATH = '/v2/signaling/rtp-capabilities';
/** Largest message either side accepts, in bytes (SDP-sized payloads fit comfortably). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects a message may have (real ones need about 6). */
export const MAX_MESSAGE_DEPTH = 32;

/** Codes the server closes a socket with (and 1012: it is restarting, come back). */
export const CLOSE_CODES = {
  /** Another socket resumed this peer's place. */
  replaced: 4001,
  /** The peer was removed, or the room ended: a client does not reconnect after it. */
  removed: 4003,
  /** The socket did not join in time after it opened (or after it left). */
  joinTimeout: 4008,
  /** The socket failed to join too many times. */
  tooManyFailedJoins: 4029,
} as const;

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

export type RequestMethod = keyof Requests;
export type NotificationName = keyof Notifications;

export interface RequestMessage<M extends RequestMethod = RequestMethod> {
  id: number;
  method: M;
  data: Requests[M][0];
}

/** An error reply's `{code, message}`: e.g. `forbidden`, `invalid_request`, `not_joined`. */
export type SignalingError = ErrorShape;

export type ResponseMessage =
  { id: number; ok: true; data: unknown } | { id: number | null; ok: false; error: SignalingError };

export interface NotificationMessage<N extends NotificationName = NotificationName> {
  notification: N;
  data: Notifications[N];
}

export type ServerMessage = ResponseMessage | NotificationMessage;

export type { Permissions, Role };
