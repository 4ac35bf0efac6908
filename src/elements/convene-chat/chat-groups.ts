// What the chat list shows, computed from the messages: consecutive messages from one sender to
// the same recipients form a group under one header, and each group knows whom it went to from
// the viewer's side ("to you", "to hosts", "to Ada").
import type { ChatMessage } from '../../client/room-state.ts';

/** Whom a message went to, as the viewer sees it. */
export type MessageScope =
  | { kind: 'room' }
  | { kind: 'you' }
  | { kind: 'peer'; peerId: string }
  | { kind: 'roles'; roles: readonly string[] };

export interface MessageGroup {
  /** The first message's id: stable while older messages are prepended before other groups. */
  key: string;
  sender: ChatMessage['sender'];
  scope: MessageScope;
  messages: ChatMessage[];
}

/** Messages further apart than this start a new group, even from the same sender. */
export const GROUP_GAP_MS = 5 * 60_000;

export function messageScope(message: ChatMessage, localPeerId: string | undefined): MessageScope {
  if (message.recipientPeer !== undefined) {
    return message.recipientPeer === localPeerId
      ? { kind: 'you' }
      : { kind: 'peer', peerId: message.recipientPeer };
  }
  if (message.recipientRoles?.length) return { kind: 'roles', roles: message.recipientRoles };
  return { kind: 'room' };
}

function scopeKey(scope: MessageScope): string {
  switch (scope.kind) {
    case 'peer':
      return `peer:${scope.peerId}`;
    case 'roles':
      return `roles:${scope.roles.join(',')}`;
    default:
      return scope.kind;
  }
}

/** The messages in groups, oldest first. */
export function groupMessages(
  messages: readonly ChatMessage[],
  localPeerId: string | undefined,
): MessageGroup[] {
  const groups: MessageGroup[] = [];
  let last: { group: MessageGroup; scope: string; time: number } | undefined;
  for (const message of messages) {
    const scope = messageScope(message, localPeerId);
    const time = Date.parse(message.time);
    const sameSender =
      last !== undefined &&
      (last.group.sender?.peerId ?? null) === (message.sender?.peerId ?? null) &&
      last.scope === scopeKey(scope) &&
      !(time - last.time > GROUP_GAP_MS);
    if (last && sameSender) {
      last.group.messages.push(message);
      last.time = time;
      continue;
    }
    const group: MessageGroup = { key: message.id, sender: message.sender, scope, messages: [] };
    group.messages.push(message);
    groups.push(group);
    last = { group, scope: scopeKey(scope), time };
  }
  return groups;
}
