// Requests one peer makes of another that the other decides: turn a track on (`unmute`, never
// forced), take another role (`changeRole` without force). Each has an id, waits for its answer
// for a limited time, and is over when answered or expired (a request to a peer that left expires
// unanswered), or withdrawn when its asker leaves or its role may no longer ask it.
import { randomUUID } from 'node:crypto';
import { forbidden, notFound, rateLimited } from '../../src/protocol/errors.ts';
import type { Permissions, Role } from '../../src/protocol/roles.ts';
import type {
  ActionActor,
  ActionRequest,
  ActionRequestClosed,
  ActionRequestKind,
} from '../../src/protocol/room-actions-schemas.ts';
import type { MediaSource } from '../../src/protocol/signaling.ts';
import type { LivePeer } from './live-peer.ts';
import type { LiveRoom } from './live-room.ts';
import { changeRole } from './role-change.ts';

interface Pending {
  request: ActionRequest;
  /** Who asked (a peer), told of the outcome; undefined for the REST API. */
  askerId: string | undefined;
  targetId: string;
  /** For `changeRole`: the role given on acceptance. */
  role?: Role;
  timer: NodeJS.Timeout;
}

type Offer = { kind: 'unmute'; source: MediaSource } | { kind: 'changeRole'; role: Role };

/** The permission a request's asker needs, to ask it and for it to stand. */
const ASKED_UNDER: Record<ActionRequestKind, keyof Permissions> = {
  unmute: 'unmute',
  changeRole: 'changeRole',
};

const pendingByRoom = new WeakMap<LiveRoom, Map<string, Pending>>();

function pendingOf(room: LiveRoom): Map<string, Pending> {
  let pending = pendingByRoom.get(room);
  if (!pending) {
    pending = new Map();
    pendingByRoom.set(room, pending);
  }
  return pending;
}

/** Sends `target` a request from `from`; answers its id. */
export function ask(room: LiveRoom, from: ActionActor, target: LivePeer, offer: Offer): string {
  const { ttlMs, maxPendingPerPeer } = room.actionRequestLimits;
  const pending = pendingOf(room);
  let waiting = 0;
  for (const entry of pending.values()) if (entry.targetId === target.id) waiting++;
  if (maxPendingPerPeer > 0 && waiting >= maxPendingPerPeer) {
    throw rateLimited(
      `this peer has ${waiting} requests waiting for its answer; try again once it answers`,
      ttlMs,
      'too_many_requests_pending',
    );
  }
  const id = randomUUID();
  const request: ActionRequest = {
    id,
    kind: offer.kind,
    from,
    ...(offer.kind === 'unmute' ? { source: offer.source } : { role: offer.role.name }),
    expiresAt: new Date(Date.now() + ttlMs).toISOString(),
  };
  const timer = setTimeout(() => close(room, id, 'expired'), ttlMs);
  timer.unref();
  pending.set(id, {
    request,
    askerId: from?.peerId,
    targetId: target.id,
    ...(offer.kind === 'changeRole' ? { role: offer.role } : {}),
    timer,
  });
  target.notify('actionRequested', request);
  return id;
}

/**
 * `peer`'s answer to a request aimed at it. An accepted role offer is applied now (maxPeerCount
 * checked at this moment: a refusal leaves the request open); an accepted unmute is the client's
 * to carry out, by resuming its track.
 */
export async function answer(
  room: LiveRoom,
  peer: LivePeer,
  requestId: string,
  accept: boolean,
): Promise<void> {
  const entry = pendingOf(room).get(requestId);
  if (!entry || entry.targetId !== peer.id) {
    throw notFound(`no request ${requestId} is waiting for your answer`, 'request_not_found');
  }
  if (!stands(room, entry)) {
    close(room, requestId, 'withdrawn');
    throw forbidden('whoever asked this may no longer ask it', 'request_withdrawn');
  }
  if (accept && entry.role) await changeRole(room, peer, entry.role, entry.request.from);
  close(room, requestId, accept ? 'accepted' : 'declined');
}

/** Whether a peer's request still stands: its asker is in the room under a role that may ask it. */
function stands(room: LiveRoom, entry: Pending): boolean {
  if (entry.askerId === undefined) return true; // The REST API asked: the backend decides.
  const asker = room.peers.get(entry.askerId);
  return asker !== undefined && asker.role.permissions[ASKED_UNDER[entry.request.kind]];
}

/**
 * Withdraws what `askerId` asked that no longer stands (it left, or its new role may not ask
 * it): the asked peers are told, so their clients stop offering an answer.
 */
export function withdrawRequestsBy(room: LiveRoom, askerId: string): void {
  for (const [id, entry] of pendingOf(room)) {
    if (entry.askerId === askerId && !stands(room, entry)) close(room, id, 'withdrawn');
  }
}

function close(room: LiveRoom, id: string, outcome: ActionRequestClosed['outcome']): void {
  const pending = pendingOf(room);
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  clearTimeout(entry.timer);
  const data = { id, peerId: entry.targetId, outcome };
  if (entry.askerId) room.peers.get(entry.askerId)?.notify('actionRequestClosed', data);
  if (outcome === 'expired' || outcome === 'withdrawn') {
    room.peers.get(entry.targetId)?.notify('actionRequestClosed', data);
  }
}
