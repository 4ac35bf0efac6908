// The local peer's captured tracks: who owns them (this, until dropped or left), their 'ended'
// listeners (a device unplugged, the browser's "Stop sharing" button), and their mirror in the
// store. Leaked tracks keep the camera light on: every path out of here stops them.
import { SOURCE_KIND, type MediaSource } from '../protocol/signaling.ts';
import type { PeerState, TrackState } from './room-state.ts';
import type { RoomStore } from './room-store.ts';

interface OwnedTrack {
  track: MediaStreamTrack;
  release: AbortController;
}

export class LocalTracks {
  readonly #tracks = new Map<MediaSource, OwnedTrack>();
  readonly #store: RoomStore;
  readonly #onEnded: (source: MediaSource, track: MediaStreamTrack) => void;

  constructor(store: RoomStore, onEnded: (source: MediaSource, track: MediaStreamTrack) => void) {
    this.#store = store;
    this.#onEnded = onEnded;
  }

  get(source: MediaSource): MediaStreamTrack | undefined {
    return this.#tracks.get(source)?.track;
  }

  sources(): MediaSource[] {
    return [...this.#tracks.keys()];
  }

  /** Takes ownership of `track` as `source`, stopping the track it replaces. */
  set(source: MediaSource, track: MediaStreamTrack): void {
    const previous = this.#tracks.get(source);
    if (previous?.track === track) return;
    this.#release(previous);
    const release = new AbortController();
    track.addEventListener('ended', () => this.#onEnded(source, track), { signal: release.signal });
    this.#tracks.set(source, { track, release });
    this.#mirror(source);
  }

  /** Mutes or unmutes a track at its source; a disabled track sends silence or black. */
  setEnabled(source: MediaSource, enabled: boolean): void {
    const owned = this.#tracks.get(source);
    if (!owned) return;
    owned.track.enabled = enabled;
    this.#mirror(source);
  }

  /** Stops a track and forgets it. */
  drop(source: MediaSource): void {
    const owned = this.#tracks.get(source);
    if (!owned) return;
    this.#release(owned);
    this.#tracks.delete(source);
    this.#mirror(source);
  }

  /** Stops every track (leaving); the store is reset by the caller. */
  stopAll(): void {
    for (const owned of this.#tracks.values()) this.#release(owned);
    this.#tracks.clear();
  }

  /** The local peer's tracks as the store shows them. */
  trackStates(): PeerState['tracks'] {
    const tracks: PeerState['tracks'] = {};
    for (const source of this.#tracks.keys()) tracks[source] = this.#trackState(source);
    return tracks;
  }

  #trackState(source: MediaSource): TrackState | undefined {
    const owned = this.#tracks.get(source);
    if (!owned) return undefined;
    return { source, kind: SOURCE_KIND[source], track: owned.track, muted: !owned.track.enabled };
  }

  #mirror(source: MediaSource): void {
    const peerId = this.#store.state.localPeerId;
    if (peerId) this.#store.setTrack(peerId, source, this.#trackState(source));
  }

  #release(owned: OwnedTrack | undefined): void {
    if (!owned) return;
    owned.release.abort();
    owned.track.stop();
  }
}
