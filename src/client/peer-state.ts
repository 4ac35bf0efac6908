// How the server's view of a peer (PeerInfo) becomes the store's PeerState: the tracks a remote
// peer publishes appear at once (track null until its consumer arrives), and tracks that are
// being received survive a PeerInfo that has not caught up with them yet.
import { SOURCE_KIND, type MediaSource, type PeerInfo } from '../protocol/signaling.ts';
import type { PeerState, TrackState } from './room-state.ts';
import { handRaisedIn } from './room-meta.ts';

export function peerStateFrom(info: PeerInfo, isLocal: boolean, previous?: PeerState): PeerState {
  const peer: PeerState = {
    id: info.id,
    userId: info.userId,
    name: info.name,
    role: info.role,
    isLocal,
    joinedAt: info.joinedAt,
    tracks: isLocal ? (previous?.tracks ?? {}) : remoteTracks(info, previous?.tracks ?? {}),
  };
  const quality = info.connectionQuality ?? previous?.connectionQuality;
  if (quality !== undefined) peer.connectionQuality = quality;
  if (info.metadata) peer.metadata = info.metadata;
  if (handRaisedIn(info.metadata)) peer.handRaised = true;
  if (info.reconnecting) peer.reconnecting = true;
  return peer;
}

function remoteTracks(info: PeerInfo, previous: PeerState['tracks']): PeerState['tracks'] {
  const tracks: PeerState['tracks'] = {};
  for (const [source, track] of Object.entries(previous) as [MediaSource, TrackState][]) {
    if (track.track) tracks[source] = track;
  }
  for (const producer of info.producers) {
    const before = previous[producer.source];
    tracks[producer.source] = {
      source: producer.source,
      kind: producer.kind ?? SOURCE_KIND[producer.source],
      track: before?.track ?? null,
      muted: producer.paused,
      ...(before?.receiving !== undefined ? { receiving: before.receiving } : {}),
    };
  }
  return tracks;
}

/** True when both describe the same peer with the same tracks, so the store can skip an update. */
export function samePeerState(a: PeerState, b: PeerState): boolean {
  if (
    a.name !== b.name ||
    a.role !== b.role ||
    a.userId !== b.userId ||
    a.connectionQuality !== b.connectionQuality ||
    a.metadata !== b.metadata ||
    a.reconnecting !== b.reconnecting ||
    a.joinedAt !== b.joinedAt ||
    a.isLocal !== b.isLocal
  ) {
    return false;
  }
  const sources = new Set([...Object.keys(a.tracks), ...Object.keys(b.tracks)]) as Set<MediaSource>;
  for (const source of sources) {
    const x = a.tracks[source];
    const y = b.tracks[source];
    if (x === y) continue;
    if (!x || !y || x.track !== y.track || x.muted !== y.muted || x.receiving !== y.receiving)
      return false;
  }
  return true;
}
