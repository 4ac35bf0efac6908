// What a host (a role with the permission) or the REST API does to others in a live room: mute
// their tracks, remove them, end the room. Permissions are checked by the callers (signaling:
// room-actions-requests.ts; REST: the management token); a peer sees each action the same way
// whoever did it.
import { notFound } from '../../src/protocol/errors.ts';
import { CLOSE_CODES, type MediaSource } from '../../src/protocol/signaling.ts';
import type { LivePeer } from './live-peer.ts';
import type { LiveRoom } from './live-room.ts';

/** The reason a removed peer is given in its `removed` notification. */
export const REMOVED_REASON = 'peer removed';
export const ROOM_ENDED_REASON = 'room ended';

export function peerIn(room: LiveRoom, peerId: string): LivePeer {
  const peer = room.peers.get(peerId);
  if (!peer) throw notFound(`no peer ${peerId} in this room`, 'peer_not_found');
  return peer;
}

/**
 * Pauses `peer`'s producers (of `source`, or all). Viewers hear producerPaused through their
 * consumers; the owner is told too, and its client shows itself muted. Answers how many it paused.
 */
export async function mutePeer(room: LiveRoom, peer: LivePeer, source?: MediaSource) {
  let muted = 0;
  for (const producer of [...peer.media.producers.values()]) {
    if (producer.paused || (source && producer.appData.source !== source)) continue;
    await room.media.setProducerPaused(peer, producer.id, true);
    peer.notify('producerPaused', { peerId: peer.id, producerId: producer.id });
    muted++;
  }
  if (muted > 0) room.announcePeer(peer);
  return muted;
}

export async function muteRole(room: LiveRoom, roleName: string, source?: MediaSource) {
  const peers = [...room.peers.values()].filter((peer) => peer.role.name === roleName);
  const counts = await Promise.all(peers.map((peer) => mutePeer(room, peer, source)));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Removes `peer`, telling it why; its socket is closed with CLOSE_CODES.removed, and its client
 * does not come back by itself.
 */
export async function removePeer(room: LiveRoom, peer: LivePeer, reason: string): Promise<void> {
  const connection = peer.connection;
  peer.notify('removed', { reason: REMOVED_REASON, message: reason || 'You were removed.' });
  await room.removePeer(peer, 'peer kicked', reason);
  connection?.close(CLOSE_CODES.removed, REMOVED_REASON);
}

/**
 * Ends the room for everyone with `reason`; with `lock`, the room is disabled first, so nobody
 * gets back in (no token from a room code, no join) until it is enabled again.
 */
export async function endRoom(
  room: LiveRoom,
  { reason, lock }: { reason?: string | undefined; lock?: boolean | undefined },
): Promise<void> {
  if (lock) await room.lock();
  const connections = [...room.peers.values()].map((peer) => peer.connection);
  await room.close({ reason: 'room ended', message: reason || 'The room has ended.' });
  // After this turn, so a peer that ended the room still gets its answer first.
  setImmediate(() => {
    for (const connection of connections) connection?.close(CLOSE_CODES.removed, ROOM_ENDED_REASON);
  });
}
