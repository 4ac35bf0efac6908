// A role change takes effect at once: the peer's publish and subscribe rights follow the new role.
// Producers the role may not have are closed, a send transport is made when it may publish and
// had none (and closed when it may publish nothing), consumers are added and removed on both
// sides to match subscribeToRoles, the peer gets its new Role object and everyone else a
// peerUpdated. The role's maxPeerCount is checked as on a join. A peer's role changes one at a
// time: a second change waits for the first, so two at once cannot each make a send transport.
import { conflict, forbidden } from '../../src/protocol/errors.ts';
import type { Role } from '../../src/protocol/roles.ts';
import type { ActionActor } from '../../src/protocol/room-actions-schemas.ts';
import { SOURCE_PERMISSION, type TransportInfo } from '../../src/protocol/signaling.ts';
import type { LivePeer } from './live-peer.ts';
import type { LiveRoom } from './live-room.ts';

/** Refuses a role that has no room for one more peer, as a join is refused. */
export function checkRoleHasRoom(room: LiveRoom, role: Role): void {
  if (role.maxPeerCount === -1) throw forbidden(`nobody may have the role ${role.name}`);
  if (role.maxPeerCount > 0 && room.countRole(role.name) >= role.maxPeerCount) {
    throw conflict(`the room already has ${role.maxPeerCount} ${role.name} peers`, 'room_full');
  }
}

/** The role called `name` in the room's template, or undefined (never an Object member). */
export function roleNamed(room: LiveRoom, name: string): Role | undefined {
  return Object.hasOwn(room.roles, name) ? room.roles[name] : undefined;
}

/** Each peer's role change in progress: the next one starts when it is over. */
const changing = new WeakMap<LivePeer, Promise<void>>();

export function changeRole(
  room: LiveRoom,
  peer: LivePeer,
  role: Role,
  by: ActionActor,
): Promise<void> {
  const previous = changing.get(peer) ?? Promise.resolve();
  const change = previous
    .catch(() => undefined) // The earlier change's caller hears its failure; this one goes on.
    .then(() => applyRoleChange(room, peer, role, by));
  changing.set(peer, change);
  return change;
}

async function applyRoleChange(
  room: LiveRoom,
  peer: LivePeer,
  role: Role,
  by: ActionActor,
): Promise<void> {
  if (peer.role.name === role.name || !room.has(peer)) return;
  // Checked and taken before any await, so two peers at once cannot both pass the count.
  checkRoleHasRoom(room, role);
  const previousRole = peer.role;
  peer.setRole(role);
  try {
    await room.recordRoleChange(peer, previousRole.name);
  } catch (error) {
    peer.setRole(previousRole); // Nobody was told yet: as if it never happened.
    throw error;
  }
  const { media } = peer;
  const allowed = role.publishParams.allowed;
  for (const producer of [...media.producers.values()]) {
    if (allowed.includes(SOURCE_PERMISSION[producer.appData.source])) continue;
    media.producers.delete(producer.id);
    producer.close(); // Its consumers hear producerclose and tell their viewers.
  }
  let sendTransport: TransportInfo | undefined;
  const sends = [...media.transports.values()].filter((t) => t.appData.direction === 'send');
  if (allowed.length === 0) {
    for (const transport of sends) transport.close();
  } else if (sends.length === 0) {
    // Without one (the peer holds its maximum of transports), the client asks createTransport.
    sendTransport = await room.media.createTransport(peer, 'send').catch(() => undefined);
  }
  if (!room.has(peer)) return; // Left meanwhile: its media closed, the new transport with it.
  peer.notify('roleChanged', { role, by, ...(sendTransport ? { sendTransport } : {}) });
  room.announcePeer(peer);
  for (const viewer of room.peers.values()) room.media.matchSubscriptions(viewer);
}
