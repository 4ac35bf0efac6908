// What the server sends, built for the room client's unit tests: roles, peers as PeerInfo, join
// responses. Plain data in the protocol's shapes; the tests feed it to the real store.
import type { Role } from '../../../src/protocol/roles.ts';
import type {
  JoinResponse,
  MediaSource,
  PeerInfo,
  ProducerInfo,
} from '../../../src/protocol/signaling.ts';
import { SOURCE_KIND } from '../../../src/protocol/signaling.ts';
import { NO_PERMISSIONS } from '../../../src/protocol/role-defaults.ts';

const VIDEO = { bitRate: 700, codec: 'vp8', frameRate: 30, width: 640, height: 360 } as const;

/** A role that may publish audio and video (a `viewer` may publish nothing). */
export function makeRole(name: string, permissions: Partial<Role['permissions']> = {}): Role {
  return {
    name,
    publishParams: {
      allowed: name === 'viewer' ? [] : ['audio', 'video', 'screen'],
      audio: { bitRate: 32, codec: 'opus' },
      video: VIDEO,
      screen: VIDEO,
      simulcast: { video: {}, screen: {} },
    },
    subscribeParams: { subscribeToRoles: ['host', 'guest'], maxSubsBitRate: 0 },
    permissions: { ...NO_PERMISSIONS, ...permissions },
    priority: 1,
    maxPeerCount: 0,
  };
}

export const HOST = makeRole('host', { mute: true, removeOthers: true });
export const GUEST = makeRole('guest');

/** A producer of `peerId`'s `source`, its id derived from both. */
export function producer(peerId: string, source: MediaSource, paused = false): ProducerInfo {
  return { id: `${peerId}-${source}`, source, kind: SOURCE_KIND[source], paused };
}

export function peerInfo(
  id: string,
  options: Partial<Omit<PeerInfo, 'id'>> & { sources?: MediaSource[] } = {},
): PeerInfo {
  const { sources = [], ...rest } = options;
  return {
    id,
    userId: `user-${id}`,
    name: id,
    role: 'guest',
    joinedAt: '2026-01-01T10:00:00.000Z',
    producers: sources.map((source) => producer(id, source)),
    ...rest,
  };
}

/** The answer to `join` for `self` in a room holding `others` too. */
export function joinResponse(
  self: PeerInfo,
  others: PeerInfo[] = [],
  extra: Partial<JoinResponse> = {},
): JoinResponse {
  return {
    protocolVersion: 1,
    self,
    resumeSecret: 'secret',
    resumed: false,
    room: { id: 'room-1', name: 'Standup' },
    sessionId: 'session-1',
    role: self.role === 'host' ? HOST : GUEST,
    roles: { host: HOST, guest: GUEST },
    peers: [self, ...others],
    activeSpeakerId: null,
    routerRtpCapabilities: {},
    transports: {
      recv: { id: 'recv-1', iceParameters: {}, iceCandidates: [], dtlsParameters: {} },
    },
    ...extra,
  };
}
