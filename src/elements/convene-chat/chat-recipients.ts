// Whom the composer may send to: everyone, the peers of any role of the room (the server lets any
// peer address any role), or one other peer. A choice is kept as a string, the <select>'s value.
import type { MessageRecipient, RoomState } from '../../client/room-state.ts';

/** `room`, `role:<name>` or `peer:<id>`. */
export type RecipientValue = string;

export interface RecipientChoices {
  roles: readonly string[];
  peers: readonly { id: string; name: string }[];
}

export function recipientFromValue(value: RecipientValue): MessageRecipient {
  if (value.startsWith('role:')) return { roles: [value.slice('role:'.length)] };
  if (value.startsWith('peer:')) return { peerId: value.slice('peer:'.length) };
  return 'room';
}

const NO_CHOICES: RecipientChoices = { roles: [], peers: [] };
let last: { roles: RoomState['roles']; order: RoomState['peerOrder']; names: string } | undefined;
let lastChoices = NO_CHOICES;

/**
 * The roles and the other peers, in join order. Memoized on what it reads, names included, so a
 * peer's quality or tracks changing does not re-render the chat.
 */
export function selectRecipientChoices(state: RoomState): RecipientChoices {
  const peers = state.peerOrder.flatMap((id) => {
    const peer = state.peers[id];
    return peer && !peer.isLocal ? [{ id, name: peer.name }] : [];
  });
  const names = peers.map((peer) => `${peer.id}\u0000${peer.name}`).join('\u0001');
  if (last && last.roles === state.roles && last.order === state.peerOrder && last.names === names)
    return lastChoices;
  last = { roles: state.roles, order: state.peerOrder, names };
  lastChoices = { roles: Object.keys(state.roles).sort(), peers };
  return lastChoices;
}
