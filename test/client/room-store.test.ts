import { expect } from '@open-wc/testing';
import type { PeerState, RoomState } from '../../src/client/room-state.ts';
import { INITIAL_ROOM_STATE } from '../../src/client/room-state.ts';
import {
  RoomStore,
  selectActiveSpeakerId,
  selectCameraPeers,
  selectConnection,
  selectConnectionStatus,
  selectLocalPeer,
  selectReconnecting,
  selectRemoteAudioTracks,
  selectScreenPeers,
} from '../../src/client/room-store.ts';
import { oscillatorAudioTrack, stopTestMedia } from '../elements/support/media.ts';
import { makePeer } from '../elements/support/mock-room.ts';
import { applyRoleInput, defaultRole } from '../../src/protocol/role-defaults.ts';

/** A peer that joined at `minute` past ten. */
function joinedAt(peer: PeerState, minute: number): PeerState {
  return { ...peer, joinedAt: `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z` };
}

/** A store and every snapshot its listeners heard. */
function recordedStore(initial?: RoomState): { store: RoomStore; heard: RoomState[] } {
  const store = new RoomStore(initial);
  const heard: RoomState[] = [];
  store.subscribe((state) => heard.push(state));
  return { store, heard };
}

describe('RoomStore', () => {
  describe('snapshots', () => {
    it('starts from the initial room state', () => {
      expect(new RoomStore().state).to.equal(INITIAL_ROOM_STATE);
    });

    it('publishes each change as a new object and leaves the previous snapshot as it was', () => {
      const { store } = recordedStore();
      const before = store.state;

      store.setPeer(makePeer('ada'));

      expect(store.state).to.not.equal(before);
      expect(store.state.peers['ada']?.name).to.equal('ada');
      expect(before.peers).to.deep.equal({});
      expect(before.peerOrder).to.deep.equal([]);
      expect(INITIAL_ROOM_STATE.peers).to.deep.equal({});
    });

    it('keeps the objects a change did not touch, so selectors and elements can skip them', () => {
      const { store } = recordedStore();
      store.setPeer(makePeer('ada', { tracks: { camera: null } }));
      store.setPeer(makePeer('bob', { tracks: { camera: null } }));
      const bob = store.state.peers['bob'];
      const adaBefore = store.state.peers['ada'];

      store.updateTrack('ada', 'camera', { muted: true });

      expect(store.state.peers['bob']).to.equal(bob);
      expect(store.state.peers['ada']).to.not.equal(adaBefore);
      expect(store.state.peers['ada']?.tracks.camera?.muted).to.equal(true);
      expect(adaBefore?.tracks.camera?.muted).to.equal(false);
    });
  });

  describe('listeners', () => {
    it('hear every change with the new snapshot, not the current state on subscribing', () => {
      const { store, heard } = recordedStore();
      expect(heard).to.have.length(0);

      store.patch({ connection: 'connecting' });
      store.patch({ connection: 'connected' });

      expect(heard.map((state) => state.connection)).to.deep.equal(['connecting', 'connected']);
      expect(heard[1]).to.equal(store.state);
    });

    it('hear nothing when an update returns the same state', () => {
      const { store, heard } = recordedStore();
      store.update((state) => state);
      expect(heard).to.have.length(0);
    });

    it('hear nothing when a patch sets the values the state already holds', () => {
      const { store, heard } = recordedStore();
      store.patch({ connection: 'connected', activeSpeakerId: null });
      const snapshot = store.state;

      store.patch({ connection: 'connected' });
      store.patch({ activeSpeakerId: null });

      expect(heard).to.have.length(1);
      expect(store.state).to.equal(snapshot);
    });

    it('hear nothing of changes to peers or tracks that change nothing', () => {
      const { store, heard } = recordedStore();
      const ada = makePeer('ada', { tracks: { camera: { muted: false } } });
      store.setPeer(ada);
      heard.length = 0;

      store.updatePeer('ada', (peer) => peer);
      store.updatePeer('nobody', (peer) => ({ ...peer, name: 'x' }));
      store.removePeer('nobody');
      store.setTrack('ada', 'camera', store.state.peers['ada']!.tracks.camera);
      store.updateTrack('ada', 'camera', { muted: false });
      store.updateTrack('ada', 'microphone', { muted: true });

      expect(heard).to.have.length(0);
    });

    it('stop hearing once unsubscribed', () => {
      const store = new RoomStore();
      const heard: RoomState[] = [];
      const unsubscribe = store.subscribe((state) => heard.push(state));

      store.patch({ connection: 'connecting' });
      unsubscribe();
      store.patch({ connection: 'connected' });

      expect(heard).to.have.length(1);
    });

    it('all hear a change even when one of them throws, and the error still surfaces', async () => {
      const store = new RoomStore();
      const heard: string[] = [];
      const surfaced: unknown[] = [];
      // The store rethrows a listener's error in a microtask: catch it here, before mocha does.
      const previous = window.onerror;
      window.onerror = (_message, _source, _line, _column, error) => {
        surfaced.push(error);
        return true;
      };
      try {
        store.subscribe(() => {
          throw new Error('listener broke');
        });
        store.subscribe((state) => heard.push(state.connection));

        store.patch({ connection: 'connecting' });
        await new Promise((resolve) => setTimeout(resolve));
      } finally {
        window.onerror = previous;
      }

      expect(heard).to.deep.equal(['connecting']);
      expect(surfaced.map((error) => (error as Error).message)).to.deep.equal(['listener broke']);
    });
  });

  describe('peers', () => {
    it('keeps peers in join order with the local peer first, whatever the arrival order', () => {
      const { store } = recordedStore();
      store.setPeer(joinedAt(makePeer('carol'), 30));
      store.setPeer(joinedAt(makePeer('ada'), 10));
      store.setPeer(joinedAt(makePeer('me', { isLocal: true }), 40));
      store.setPeer(joinedAt(makePeer('bob'), 20));

      expect(store.state.peerOrder).to.deep.equal(['me', 'ada', 'bob', 'carol']);
    });

    it('keeps arrival order for peers that joined at the same instant', () => {
      const { store } = recordedStore();
      store.setPeer(makePeer('bob'));
      store.setPeer(makePeer('ada'));

      expect(store.state.peerOrder).to.deep.equal(['bob', 'ada']);
    });

    it('replaces a known peer in its place', () => {
      const { store } = recordedStore();
      store.setPeer(makePeer('ada'));
      store.setPeer(makePeer('bob'));

      store.setPeer(makePeer('ada', { name: 'Ada L.' }));

      expect(store.state.peerOrder).to.deep.equal(['ada', 'bob']);
      expect(store.state.peers['ada']?.name).to.equal('Ada L.');
    });

    it('forgets a peer that leaves, and the active speaker if it was them', () => {
      const { store } = recordedStore();
      store.setPeer(makePeer('ada'));
      store.setPeer(makePeer('bob'));
      store.patch({ activeSpeakerId: 'ada' });

      store.removePeer('bob');
      expect(store.state.activeSpeakerId).to.equal('ada');
      store.removePeer('ada');

      expect(store.state.peers).to.deep.equal({});
      expect(store.state.peerOrder).to.deep.equal([]);
      expect(store.state.activeSpeakerId).to.equal(null);
    });

    it('sets, changes and removes one track of a peer', () => {
      const { store } = recordedStore();
      store.setPeer(makePeer('ada'));

      store.setTrack('ada', 'camera', {
        source: 'camera',
        kind: 'video',
        track: null,
        muted: false,
      });
      store.updateTrack('ada', 'camera', { muted: true, receiving: false });
      expect(store.state.peers['ada']?.tracks.camera).to.deep.equal({
        source: 'camera',
        kind: 'video',
        track: null,
        muted: true,
        receiving: false,
      });

      store.setTrack('ada', 'camera', undefined);
      expect(store.state.peers['ada']?.tracks).to.deep.equal({});
    });
  });
});

describe('selectors', () => {
  afterEach(stopTestMedia);

  /** Me (camera off), Ada with a camera, Bob with only a microphone, Carol sharing her screen. */
  function room(): RoomStore {
    const store = new RoomStore();
    store.patch({ connection: 'connected', localPeerId: 'me' });
    store.setPeer(makePeer('me', { isLocal: true, tracks: { screen: null } }));
    store.setPeer(joinedAt(makePeer('ada', { tracks: { camera: null } }), 1));
    store.setPeer(joinedAt(makePeer('bob', { tracks: { microphone: null } }), 2));
    store.setPeer(joinedAt(makePeer('carol', { tracks: { camera: null, screen: null } }), 3));
    return store;
  }

  const ids = (peers: PeerState[]) => peers.map((peer) => peer.id);

  it('selectCameraPeers: the local peer, then remote peers publishing a camera', () => {
    expect(ids(selectCameraPeers(room().state))).to.deep.equal(['me', 'ada', 'carol']);
  });

  it('selectScreenPeers: remote peers sharing a screen, never our own share', () => {
    expect(ids(selectScreenPeers(room().state))).to.deep.equal(['carol']);
  });

  it('leave out the peers of roles mine does not receive, whose tiles would never get video', () => {
    const store = room();
    const vip = makePeer('vip', { tracks: { camera: null, screen: null } });
    store.setPeer(joinedAt({ ...vip, role: 'host' }, 4));
    const guests = { subscribeParams: { subscribeToRoles: ['guest'] } };
    store.patch({ role: applyRoleInput(defaultRole('guest'), guests) });

    expect(ids(selectCameraPeers(store.state))).to.deep.equal(['me', 'ada', 'carol']);
    expect(ids(selectScreenPeers(store.state))).to.deep.equal(['carol']);

    store.patch({
      role: applyRoleInput(defaultRole('guest'), {
        subscribeParams: { subscribeToRoles: ['guest', 'host'] },
      }),
    });
    expect(ids(selectCameraPeers(store.state))).to.deep.equal(['me', 'ada', 'carol', 'vip']);
  });

  it('answer the same list while the peers are unchanged, and a new one when they change', () => {
    const store = room();
    const cameras = selectCameraPeers(store.state);

    store.patch({ connection: 'reconnecting', activeSpeakerId: 'ada' });
    expect(selectCameraPeers(store.state)).to.equal(cameras);

    store.setTrack('bob', 'camera', { source: 'camera', kind: 'video', track: null, muted: true });
    expect(selectCameraPeers(store.state)).to.not.equal(cameras);
    expect(ids(selectCameraPeers(store.state))).to.deep.equal(['me', 'ada', 'bob', 'carol']);
  });

  it('selectRemoteAudioTracks: remote microphones and screen audio being received', () => {
    const [mine, adaMic, carolScreenAudio] = [1, 2, 3].map(() => oscillatorAudioTrack());
    const store = new RoomStore();
    store.setPeer(makePeer('me', { isLocal: true, tracks: { microphone: mine! } }));
    store.setPeer(joinedAt(makePeer('ada', { tracks: { microphone: adaMic! } }), 1));
    store.setPeer(joinedAt(makePeer('bob', { tracks: { microphone: null } }), 2));
    store.setPeer(
      joinedAt(makePeer('carol', { tracks: { 'screen-audio': carolScreenAudio! } }), 3),
    );

    expect(selectRemoteAudioTracks(store.state)).to.deep.equal([adaMic, carolScreenAudio]);
  });

  it('selectLocalPeer: our own peer once joined', () => {
    expect(selectLocalPeer(INITIAL_ROOM_STATE)).to.equal(undefined);
    const store = room();
    expect(selectLocalPeer(store.state)).to.equal(store.state.peers['me']);
  });

  it('selectConnection, selectReconnecting and selectConnectionStatus follow the connection', () => {
    const store = room();
    expect(selectConnection(store.state)).to.equal('connected');
    expect(selectReconnecting(store.state)).to.equal(false);

    const error = { code: 'reconnect_failed', message: 'Lost the connection.' };
    store.patch({ connection: 'reconnecting' });
    expect(selectReconnecting(store.state)).to.equal(true);
    store.patch({ connection: 'failed', room: { id: 'r', name: 'Standup' }, error });
    expect(selectConnectionStatus(store.state)).to.deep.equal({
      connection: 'failed',
      room: { id: 'r', name: 'Standup' },
      error,
    });
  });

  it('selectActiveSpeakerId: who speaks now, or null', () => {
    const store = room();
    expect(selectActiveSpeakerId(store.state)).to.equal(null);
    store.patch({ activeSpeakerId: 'ada' });
    expect(selectActiveSpeakerId(store.state)).to.equal('ada');
  });
});
