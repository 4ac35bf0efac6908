// The one contract between a page that embeds Convene in an iframe (createFrame, the parent) and
// the /embed page inside it (src/pages/embed/, the frame): the commands a parent sends with their
// payloads and results, the events the frame reports, and the envelope both wrap them in. The
// events' payloads are the details of <convene-meeting>'s own convene-* events, and the frame
// implements every command in one typed table and forwards every event as the element fires it,
// so the three cannot drift.
// Types only, and plain functions: no DOM, no lit, nothing at import time.
import type {
  ConveneErrorDetail,
  ConveneHandRaisedDetail,
  ConveneJoinedDetail,
  ConveneLeftDetail,
  ConveneLiveStateDetail,
  ConveneMessageDetail,
  ConvenePeer,
  ConvenePeerJoinedDetail,
  ConvenePeerLeftDetail,
  ConveneRecordingStateDetail,
  ConveneRoleChangedDetail,
} from '../events/index.ts';
import type { ChatMessage, MessageRecipient } from '../client/room-state.ts';

/**
 * The protocol's version. A parent and a frame speak only when theirs are equal; any change to
 * a payload's shape bumps it (and a parent on another version gets a `protocol_mismatch` error).
 */
export const EMBED_PROTOCOL_VERSION = 1;

/** Marks Convene's messages among whatever else a page posts (other widgets, extensions). */
export const EMBED_MESSAGE_MARK = 'convene-embed';

export type EmbedTheme = 'light' | 'dark' | 'auto';
export type EmbedLayout = 'grid' | 'spotlight';

/**
 * What a parent may ask the frame to do: each command's payload and what its reply carries.
 * The frame maps each onto <convene-meeting> (src/pages/embed/meeting-commands.ts); one the
 * meeting cannot do in its current phase answers an error reply, never nothing.
 */
export interface EmbedCommands {
  /** Starts the call (skipping the preview), with this name if given. Resolves once joined. */
  join: { payload: { name?: string }; result: void };
  /** Leaves the call; the frame shows why it ended and a Rejoin button. */
  leave: { payload: Record<string, never>; result: void };
  /** Before the call: what the join starts with. In it: turns the microphone on or off. */
  setMicrophone: { payload: { enabled: boolean }; result: void };
  setCamera: { payload: { enabled: boolean }; result: void };
  /** Starts or stops sharing my screen (in the call only). */
  shareScreen: { payload: { enabled: boolean }; result: void };
  /** Sends a chat message (in the call only); the reply is the message as everyone gets it. */
  sendMessage: { payload: { text: string; to?: MessageRecipient }; result: ChatMessage };
  /** Raises or lowers my hand (in the call only). */
  raiseHand: { payload: { raised: boolean }; result: void };
  setTheme: { payload: { theme: EmbedTheme }; result: void };
  setLayout: { payload: { layout: EmbedLayout }; result: void };
  /** `en`, `es` or `de` (a region such as `es-MX` finds its language). */
  setLanguage: { payload: { language: string }; result: void };
}

export type EmbedCommandName = keyof EmbedCommands;
export type EmbedCommandPayload<K extends EmbedCommandName> = EmbedCommands[K]['payload'];
export type EmbedCommandResult<K extends EmbedCommandName> = EmbedCommands[K]['result'];

/** A peer as events name it. */
export type EmbedPeer = ConvenePeer;

/**
 * What the frame reports, by name, with its payload: each is the detail of one of
 * <convene-meeting>'s own events (ELEMENT_EVENTS), documented on its class in src/events/.
 */
export interface EmbedEvents {
  /** I am in the room (convene-joined). */
  joined: ConveneJoinedDetail;
  /** I am out, and why (convene-left). */
  left: ConveneLeftDetail;
  /** Something failed: a join, a reconnect, a refused action (convene-error). */
  error: ConveneErrorDetail;
  /** Another peer is in the room: each already there when I join, then each who joins. */
  'peer-joined': ConvenePeerJoinedDetail;
  'peer-left': ConvenePeerLeftDetail;
  /** A chat message from another peer or the server (convene-message). */
  message: ConveneMessageDetail;
  /** A peer raised or lowered a hand (me included). */
  'hand-raised': ConveneHandRaisedDetail;
  /** My role changed. */
  'role-changed': ConveneRoleChangedDetail;
  /** The room's recording, and its live stream (with the HLS playback URL once running). */
  'recording-state': ConveneRecordingStateDetail;
  'live-state': ConveneLiveStateDetail;
}

export type EmbedEventName = keyof EmbedEvents;

/** The element events (GlobalEventHandlersEventMap's names) whose detail is `Detail`. */
type ElementEventWithDetail<Detail> = {
  [
    N in keyof GlobalEventHandlersEventMap
  ]: GlobalEventHandlersEventMap[N] extends CustomEvent<Detail> ? N : never;
}[keyof GlobalEventHandlersEventMap];

/**
 * Each embed event's <convene-meeting> event, which the frame forwards as it is. Every name
 * is required and each element event's detail must be the embed event's payload: an embed event
 * the element does not fire fails to compile.
 */
export const ELEMENT_EVENTS = {
  joined: 'convene-joined',
  left: 'convene-left',
  error: 'convene-error',
  'peer-joined': 'convene-peer-joined',
  'peer-left': 'convene-peer-left',
  message: 'convene-message',
  'hand-raised': 'convene-hand-raised',
  'role-changed': 'convene-role-changed',
  'recording-state': 'convene-recording-state',
  'live-state': 'convene-live-state',
} as const satisfies { [K in EmbedEventName]: ElementEventWithDetail<EmbedEvents[K]> };

/** `{code, message}`, as every Convene error travels. */
export interface EmbedError {
  code: string;
  message: string;
}

/** Every message of the protocol, in either direction. */
export type EmbedMessage =
  // Parent → frame, on each load of the iframe: the version it speaks and what it wants.
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'hello'; version: number; reportHeight: boolean }
  // Frame → parent: the versions agree; commands may follow.
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'welcome'; version: number }
  // Frame → parent: they do not; nothing else will be answered.
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'version-mismatch'; version: number }
  | {
      mark: typeof EMBED_MESSAGE_MARK;
      kind: 'command';
      id: number;
      name: string;
      payload: unknown;
    }
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'reply'; id: number; result: unknown }
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'reply'; id: number; error: EmbedError }
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'event'; name: string; payload: unknown }
  // Frame → parent, when asked in the hello: the page's content height, in CSS pixels.
  | { mark: typeof EMBED_MESSAGE_MARK; kind: 'height'; height: number };

export type EmbedMessageKind = EmbedMessage['kind'];

const KINDS: ReadonlySet<string> = new Set<EmbedMessageKind>([
  'hello',
  'welcome',
  'version-mismatch',
  'command',
  'reply',
  'event',
  'height',
]);

/** Whether `data` is one of Convene's messages (its mark and a known kind); the rest is not ours. */
export function isEmbedMessage(data: unknown): data is EmbedMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { mark, kind } = data as { mark?: unknown; kind?: unknown };
  return mark === EMBED_MESSAGE_MARK && typeof kind === 'string' && KINDS.has(kind);
}

/** A message as its sender writes it: embedMessage() adds the mark. */
export type UnmarkedEmbedMessage = EmbedMessage extends infer M
  ? M extends EmbedMessage
    ? Omit<M, 'mark'>
    : never
  : never;

/** Builds a message with the mark, so no sender forgets it. */
export function embedMessage(message: UnmarkedEmbedMessage): EmbedMessage {
  return { mark: EMBED_MESSAGE_MARK, ...message } as EmbedMessage;
}

/** The frame's answer to a parent's hello: welcome on the same version, a mismatch otherwise. */
export function answerHello(
  helloVersion: number,
  frameVersion = EMBED_PROTOCOL_VERSION,
): EmbedMessage {
  return helloVersion === frameVersion
    ? embedMessage({ kind: 'welcome', version: frameVersion })
    : embedMessage({ kind: 'version-mismatch', version: frameVersion });
}

/** The error a parent reports when the frame speaks another version. */
export function versionMismatchError(parentVersion: number, frameVersion: number): EmbedError {
  return {
    code: 'protocol_mismatch',
    message:
      `The Convene frame speaks embed protocol version ${frameVersion}, this page's createFrame ` +
      `version ${parentVersion}: use the convene/embed that matches the server's version.`,
  };
}
