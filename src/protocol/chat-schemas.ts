// Chat over signaling, declared once as TypeBox schemas and spread into REQUESTS and
// NOTIFICATIONS (signaling-schemas.ts). A message goes to the whole room, to some roles, or to one
// peer; it is stored before anyone hears of it, except the light types (reactions) that are only
// delivered. Text is plain text: clients show it as text, never as HTML.
import { Type, type Static } from 'typebox';
import { CHAT_HISTORY_MAX_PAGE, CHAT_TEXT_MAX_LENGTH } from './chat.ts';

/** An app's own message type: a short token, so it can never carry markup or a payload. */
export const MessageType = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,32}$' });
const RoleName = Type.String({ minLength: 1, maxLength: 128 });
const PeerId = Type.String({ minLength: 1, maxLength: 64 });
/** A message id: the only thing a page's `last` ever is. */
export const MessageCursor = Type.String({
  pattern: '^[A-Za-z0-9_-]{0,64}$',
  description: 'the `last` of the previous page',
});

/** Who sent a message: a peer, or null for the server (POST /v2/active-rooms/{id}/send-message). */
export const MessageSender = Type.Union([
  Type.Object({
    peerId: Type.String(),
    userId: Type.String(),
    name: Type.String(),
    role: Type.String(),
  }),
  Type.Null(),
]);

export const ChatMessage = Type.Object({
  id: Type.String(),
  sender: MessageSender,
  /** Set when the message went to these roles only. */
  recipientRoles: Type.Optional(Type.Array(Type.String())),
  /** Set when the message went to this one peer only. */
  recipientPeer: Type.Optional(Type.String()),
  type: Type.String(),
  message: Type.String(),
  /** ISO 8601, as stored. */
  time: Type.String(),
});

export const SendMessageRequest = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: CHAT_TEXT_MAX_LENGTH }),
    type: Type.Optional(MessageType),
    /** To these roles only (and the sender); not together with recipientPeer. */
    recipientRoles: Type.Optional(
      Type.Array(RoleName, { minItems: 1, maxItems: 20, uniqueItems: true }),
    ),
    /** To this peer only (and the sender). */
    recipientPeer: Type.Optional(PeerId),
  },
  { additionalProperties: false },
);

/** A page of the history a peer may see, newest page first; each page is in time order. */
export const MessageHistoryRequest = Type.Object(
  {
    /** The `last` of the previous page: this page holds the messages before it. */
    start: Type.Optional(MessageCursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CHAT_HISTORY_MAX_PAGE })),
  },
  { additionalProperties: false },
);

export const MessageHistoryPage = Type.Object({
  limit: Type.Integer(),
  /** Oldest first. */
  data: Type.Array(ChatMessage),
  /** Pass as `start` for the page before this one; '' when there is nothing older. */
  last: Type.String(),
});

export const CHAT_REQUESTS = {
  /** Stored (unless its type is a light one), then delivered; the answer carries its id and time. */
  sendMessage: { data: SendMessageRequest, result: Type.Object({ message: ChatMessage }) },
  messageHistory: { data: MessageHistoryRequest, result: MessageHistoryPage },
};

export const CHAT_NOTIFICATIONS = {
  /** A message for this peer (the sender hears of its own in the sendMessage answer). */
  message: Type.Object({ message: ChatMessage }),
};

export type ChatMessage = Static<typeof ChatMessage>;
export type MessageSender = Static<typeof MessageSender>;
export type SendMessageRequest = Static<typeof SendMessageRequest>;
export type MessageHistoryPage = Static<typeof MessageHistoryPage>;
