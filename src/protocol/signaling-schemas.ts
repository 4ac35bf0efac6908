// Every signaling message's data, declared once as TypeBox schemas: the server validates requests
// with them, and both sides take their static types from them (through signaling.ts, which
// re-exports the types only, so the room client's bundle never carries TypeBox).
// mediasoup's parameter objects are only declared as objects: mediasoup and mediasoup-client
// validate their insides.
import { Type, type Static, type TSchema } from 'typebox';
import { Role } from './roles.ts';
import { META_NOTIFICATIONS, META_REQUESTS } from './room-meta-schemas.ts';
import {
  StreamingState,
  STREAMING_NOTIFICATIONS,
  STREAMING_REQUESTS,
} from './streaming-schemas.ts';
import { MediaKind, MediaSource, TransportInfo } from './media-schemas.ts';
import { ROOM_ACTION_NOTIFICATIONS, ROOM_ACTION_REQUESTS } from './room-actions-schemas.ts';

export { MediaKind, MediaSource, TransportInfo };
import { CHAT_NOTIFICATIONS, CHAT_REQUESTS } from './chat-schemas.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
/** An opaque mediasoup parameter object (RTP capabilities, DTLS parameters, ...). */
const MediasoupObject = Type.Record(Type.String(), Type.Unknown());
const Empty = Type.Object({}, { additionalProperties: false });

export const ProducerInfo = Type.Object({
  id: Type.String(),
  source: MediaSource,
  kind: MediaKind,
  paused: Type.Boolean(),
});

export const PeerInfo = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  role: Type.String(),
  joinedAt: Type.String(),
  producers: Type.Array(ProducerInfo),
  /** 0 (unusable) to 5 (excellent); absent until measured. */
  connectionQuality: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  /** The peer's metadata (an opaque string, often JSON); absent while empty. */
  metadata: Type.Optional(Type.String()),
  /** Its socket dropped; the server keeps its place for the grace period while it comes back. */
  reconnecting: Type.Optional(Type.Literal(true)),
});

export const JoinRequest = Type.Object(
  {
    /** An app token (from POST /v2/token or minted by the app's backend). */
    token: Type.String({ minLength: 1, maxLength: 4096 }),
    /** Display name; defaults to the token's user id. */
    name: Type.Optional(Type.String({ maxLength: 100 })),
    /** Set when coming back after a lost socket: the place is kept for a grace period. */
    resume: Type.Optional(Type.Object({ peerId: Id, secret: Type.String({ maxLength: 64 }) })),
    /**
     * What the client's Device can receive, when it could load it before joining (from
     * GET /v2/signaling/rtp-capabilities): consumers are then made at once, as after
     * setRtpCapabilities.
     */
    rtpCapabilities: Type.Optional(MediasoupObject),
  },
  { additionalProperties: false },
);

export const JoinResponse = Type.Object({
  protocolVersion: Type.Integer(),
  self: PeerInfo,
  /** Present to `resume` with after a lost socket. */
  resumeSecret: Type.String(),
  /** True when this join resumed an existing place. */
  resumed: Type.Boolean(),
  room: Type.Object({ id: Type.String(), name: Type.String() }),
  sessionId: Type.String(),
  role: Role,
  /** Every role of the room's template, for role-change menus and permission checks. */
  roles: Type.Record(Type.String(), Role),
  peers: Type.Array(PeerInfo),
  /** Who is speaking now; later changes arrive as `activeSpeaker` notifications. */
  activeSpeakerId: Type.Union([Type.String(), Type.Null()]),
  routerRtpCapabilities: MediasoupObject,
  /**
   * The peer's WebRTC transports, made during the join so the client needs no round trip for
   * them: always one to receive on, and one to send on when the role may publish anything.
   */
  transports: Type.Object({ recv: TransportInfo, send: Type.Optional(TransportInfo) }),
  /** The room's live stream and recording now; changes arrive as `streamingChanged`. */
  streaming: Type.Optional(StreamingState),
});

/** One tile as displayed by the client: which peer's which video, at what size in pixels. */
export const VisibleTile = Type.Object({
  peerId: Id,
  source: Type.Union([Type.Literal('camera'), Type.Literal('screen')]),
  width: Type.Number({ minimum: 0, maximum: 16384 }),
  height: Type.Number({ minimum: 0, maximum: 16384 }),
});

export const ConsumerInfo = Type.Object({
  id: Type.String(),
  producerId: Type.String(),
  peerId: Type.String(),
  source: MediaSource,
  kind: MediaKind,
  rtpParameters: MediasoupObject,
  /** Whether the producer is paused (muted) at its source. */
  producerPaused: Type.Boolean(),
});

const request = <D extends TSchema, R extends TSchema>(data: D, result: R) => ({ data, result });

/** Every request: method name -> the data sent and the data answered. */
export const REQUESTS = {
  join: request(JoinRequest, JoinResponse),
  /** Another transport (the join answer carries the first ones). */
  createTransport: request(
    Type.Object({ direction: Type.Union([Type.Literal('send'), Type.Literal('recv')]) }),
    TransportInfo,
  ),
  connectTransport: request(
    Type.Object({ transportId: Id, dtlsParameters: MediasoupObject }),
    Empty,
  ),
  restartIce: request(
    Type.Object({ transportId: Id }),
    Type.Object({ iceParameters: MediasoupObject }),
  ),
  /** Declares what this client can receive; consumers are created only after it. */
  setRtpCapabilities: request(Type.Object({ rtpCapabilities: MediasoupObject }), Empty),
  produce: request(
    Type.Object({
      transportId: Id,
      source: MediaSource,
      kind: MediaKind,
      rtpParameters: MediasoupObject,
      paused: Type.Optional(Type.Boolean()),
    }),
    Type.Object({ producerId: Type.String() }),
  ),
  pauseProducer: request(Type.Object({ producerId: Id }), Empty),
  resumeProducer: request(Type.Object({ producerId: Id }), Empty),
  closeProducer: request(Type.Object({ producerId: Id }), Empty),
  /** The client has set up its side of a consumer; audio starts, video starts if visible. */
  consumerReady: request(Type.Object({ consumerId: Id }), Empty),
  /** Replaces the set of displayed tiles: video of peers not listed is paused. */
  setVisibleTiles: request(
    Type.Object({ tiles: Type.Array(VisibleTile, { maxItems: 100 }) }),
    Empty,
  ),
  setName: request(Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }), Empty),
  /** Lets a client find a silently dead socket (browsers cannot see WebSocket pings). */
  ping: request(Empty, Empty),
  leave: request(Empty, Empty),
  ...META_REQUESTS,
  ...ROOM_ACTION_REQUESTS,
  ...CHAT_REQUESTS,
  ...STREAMING_REQUESTS,
};

const PeerRef = Type.Object({ peerId: Type.String() });
const ProducerRef = Type.Object({ peerId: Type.String(), producerId: Type.String() });

/** Every notification the server sends: name -> its data. */
export const NOTIFICATIONS = {
  peerJoined: Type.Object({ peer: PeerInfo }),
  peerLeft: PeerRef,
  peerUpdated: Type.Object({ peer: PeerInfo }),
  /** A consumer exists for this client: create it locally, then send consumerReady. */
  newConsumer: ConsumerInfo,
  consumerClosed: Type.Object({ consumerId: Type.String() }),
  producerPaused: ProducerRef,
  producerResumed: ProducerRef,
  /** The loudest peer, or null when nobody speaks. */
  activeSpeaker: Type.Object({ peerId: Type.Union([Type.String(), Type.Null()]) }),
  connectionQuality: Type.Object({ scores: Type.Record(Type.String(), Type.Integer()) }),
  /** The server ends this peer's presence (room ended, removed, replaced by a newer socket). */
  removed: Type.Object({ reason: Type.String(), message: Type.Optional(Type.String()) }),
  ...META_NOTIFICATIONS,
  ...ROOM_ACTION_NOTIFICATIONS,
  ...CHAT_NOTIFICATIONS,
  ...STREAMING_NOTIFICATIONS,
};

export type MediaSource = Static<typeof MediaSource>;
export type MediaKind = Static<typeof MediaKind>;
export type ProducerInfo = Static<typeof ProducerInfo>;
export type PeerInfo = Static<typeof PeerInfo>;
export type TransportInfo = Static<typeof TransportInfo>;
export type JoinRequest = Static<typeof JoinRequest>;
export type JoinResponse = Static<typeof JoinResponse>;
export type VisibleTile = Static<typeof VisibleTile>;
export type ConsumerInfo = Static<typeof ConsumerInfo>;

/** Every request: method name -> [data sent, data answered]. */
export type Requests = {
  [M in keyof typeof REQUESTS]: [
    Static<(typeof REQUESTS)[M]['data']>,
    Static<(typeof REQUESTS)[M]['result']>,
  ];
};
/** Every notification: name -> data. */
export type Notifications = {
  [N in keyof typeof NOTIFICATIONS]: Static<(typeof NOTIFICATIONS)[N]>;
};
