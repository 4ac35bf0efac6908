// The room actions a role's permissions allow (mute, ask to unmute, change a role, remove a peer,
// end the room) and the requests a peer accepts or declines, declared once as TypeBox schemas and
// spread into REQUESTS / NOTIFICATIONS (signaling-schemas.ts).
import { Type, type Static, type TSchema } from 'typebox';
import { ROLE_NAME_PATTERN, Role } from './roles.ts';
import { MediaSource, TransportInfo } from './media-schemas.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const RoleName = Type.String({ pattern: ROLE_NAME_PATTERN });
/** Why: shown to the people it concerns, as text (never as HTML). */
const Reason = Type.String({ maxLength: 500 });
const Empty = Type.Object({}, { additionalProperties: false });

/** Who did something: a peer, or null for the server's REST API (a backend). */
export const ActionActor = Type.Union([
  Type.Object({ peerId: Type.String(), name: Type.String(), role: Type.String() }),
  Type.Null(),
]);

export const ActionRequestKind = Type.Union([Type.Literal('unmute'), Type.Literal('changeRole')]);

/** A request aimed at one peer, which it accepts or declines before `expiresAt`. */
export const ActionRequest = Type.Object({
  id: Type.String(),
  kind: ActionRequestKind,
  from: ActionActor,
  /** For `unmute`: the track asked for. */
  source: Type.Optional(MediaSource),
  /** For `changeRole`: the role offered. */
  role: Type.Optional(Type.String()),
  expiresAt: Type.String(),
});

const request = <D extends TSchema, R extends TSchema>(data: D, result: R) => ({ data, result });

export const ROOM_ACTION_REQUESTS = {
  /** Pauses a peer's track (one source, or all of them); needs the `mute` permission. */
  mutePeer: request(
    Type.Object(
      { peerId: Id, source: Type.Optional(MediaSource) },
      { additionalProperties: false },
    ),
    Empty,
  ),
  /** Pauses the tracks (one source, or all) of everyone with a role; needs `mute`. */
  muteRole: request(
    Type.Object(
      { role: RoleName, source: Type.Optional(MediaSource) },
      { additionalProperties: false },
    ),
    Type.Object({ muted: Type.Integer() }),
  ),
  /** Asks a peer to turn a track on; it decides. Needs `unmute`. */
  requestUnmute: request(
    Type.Object({ peerId: Id, source: MediaSource }, { additionalProperties: false }),
    Type.Object({ requestId: Type.String() }),
  ),
  /**
   * Gives a peer another role: at once with `force`, else as a request it accepts or declines
   * (answered with its id). Needs `changeRole`.
   */
  changeRole: request(
    Type.Object(
      { peerId: Id, role: RoleName, force: Type.Optional(Type.Boolean()) },
      { additionalProperties: false },
    ),
    Type.Object({ requestId: Type.Optional(Type.String()) }),
  ),
  /** Accepts or declines a request aimed at this peer. */
  answerRequest: request(
    Type.Object({ requestId: Id, accept: Type.Boolean() }, { additionalProperties: false }),
    Empty,
  ),
  /** Removes a peer, telling it why; needs `removeOthers`. */
  removePeer: request(
    Type.Object({ peerId: Id, reason: Type.Optional(Reason) }, { additionalProperties: false }),
    Empty,
  ),
  /** Ends the room for everyone; with `lock`, nobody may join until it is enabled again. */
  endRoom: request(
    Type.Object(
      { reason: Type.Optional(Reason), lock: Type.Optional(Type.Boolean()) },
      { additionalProperties: false },
    ),
    Empty,
  ),
};

export const ROOM_ACTION_NOTIFICATIONS = {
  /** A request aimed at this peer: answer it with answerRequest before it expires. */
  actionRequested: ActionRequest,
  /**
   * A request is over: answered (told to the asker), expired (told to both ends) or withdrawn
   * (told to the asked: the asker left, or its role lost the permission to ask).
   */
  actionRequestClosed: Type.Object({
    id: Type.String(),
    peerId: Type.String(),
    outcome: Type.Union([
      Type.Literal('accepted'),
      Type.Literal('declined'),
      Type.Literal('expired'),
      Type.Literal('withdrawn'),
    ]),
  }),
  /**
   * This peer's role changed: the new role's rules apply now. Carries a send transport when the
   * new role may publish and the peer had none; producers the role may not have are closed.
   */
  roleChanged: Type.Object({
    role: Role,
    by: ActionActor,
    sendTransport: Type.Optional(TransportInfo),
  }),
};

/** The room actions' request methods, for the modules that handle or send only these. */
export type RoomActionMethod = keyof typeof ROOM_ACTION_REQUESTS;
export type ActionActor = Static<typeof ActionActor>;
export type ActionRequest = Static<typeof ActionRequest>;
export type ActionRequestKind = Static<typeof ActionRequestKind>;
export type ActionRequestClosed = Static<typeof ROOM_ACTION_NOTIFICATIONS.actionRequestClosed>;
