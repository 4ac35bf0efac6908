import { expect } from '@open-wc/testing';
import type { ConveneError } from '../../src/client/errors.ts';
import type { MediaConnection } from '../../src/client/media.ts';
import type { PeerState, RoomState } from '../../src/client/room-state.ts';
import { RoomNotifications } from '../../src/client/room-notifications.ts';
import { RoomStore } from '../../src/client/room-store.ts';
import { VisibleTilesReporter } from '../../src/client/visible-tiles.ts';
import type { ConsumerInfo, MediaSource, VisibleTile } from '../../src/protocol/signaling.ts';
import { canvasVideoTrack, stopTestMedia } from '../elements/support/media.ts';
import { GUEST, HOST, joinResponse, peerInfo, producer } from './support/room-fixtures.ts';

/** RoomNotifications on a real store and tile reporter, with what it tells its host recorded. */
function notificationsOnStore(localTracks: PeerState['tracks'] = {}) {
  const store = new RoomStore();
  const heard: RoomState[] = [];
  store.subscribe((state) => heard.push(state));
  const tiles = new VisibleTilesReporter(() => Promise.resolve());
  const localPauses: [MediaSource, boolean][] = [];
  const reported: ConveneError[] = [];
  const notifications = new RoomNotifications({
    store,
    tiles,
    localTracks: () => localTracks,
    localProducerPaused: (source, paused) => localPauses.push([source, paused]),
    report: (error) => reported.push(error),
  });
  return { store, heard, tiles, localPauses, reported, notifications };
}

/** Me (a guest) joined a room where Ada (host, camera and microphone) and Bob were already. */
function joinedRoom() {
  const room = notificationsOnStore();
  room.notifications.joined(
    joinResponse(
      peerInfo('me', { joinedAt: '2026-01-01T10:05:00.000Z' }),
      [
        peerInfo('bob', { joinedAt: '2026-01-01T10:02:00.000Z' }),
        peerInfo('ada', {
          role: 'host',
          joinedAt: '2026-01-01T10:01:00.000Z',
          sources: ['camera', 'microphone'],
        }),
      ],
      { activeSpeakerId: 'ada' },
    ),
  );
  room.heard.length = 0;
  return room;
}

/** A media connection whose consume() gives `track`, or fails with `error`. */
function mediaGiving(track: MediaStreamTrack | Error): Promise<MediaConnection> {
  const media = {
    consume: async () => {
      if (track instanceof Error) throw track;
      return { id: 'consumer', track, closed: false };
    },
    confirm: async () => undefined,
  };
  return Promise.resolve(media as unknown as MediaConnection);
}

function consumerInfo(peerId: string, source: MediaSource, paused = false): ConsumerInfo {
  const { id: producerId, kind } = producer(peerId, source);
  return {
    id: `consumer-${producerId}`,
    producerId,
    peerId,
    source,
    kind,
    rtpParameters: {},
    producerPaused: paused,
  };
}

describe('RoomNotifications on the room store', () => {
  afterEach(stopTestMedia);

  describe('the join response', () => {
    it('fills the store: room, session, our peer and role, the others in join order', () => {
      const { store } = joinedRoom();
      const state = store.state;

      expect(state.room).to.deep.equal({ id: 'room-1', name: 'Standup' });
      expect(state.sessionId).to.equal('session-1');
      expect(state.localPeerId).to.equal('me');
      expect(state.role).to.equal(GUEST);
      expect(state.roles).to.deep.equal({ host: HOST, guest: GUEST });
      expect(state.peerOrder).to.deep.equal(['me', 'ada', 'bob']);
      expect(state.peers['me']?.isLocal).to.equal(true);
      expect(state.peers['ada']?.isLocal).to.equal(false);
      expect(state.activeSpeakerId).to.equal('ada');
    });

    it("shows remote peers' published tracks at once, without a picture until consumed", () => {
      const { store } = joinedRoom();
      expect(store.state.peers['ada']?.tracks).to.deep.equal({
        camera: { source: 'camera', kind: 'video', track: null, muted: false },
        microphone: { source: 'microphone', kind: 'audio', track: null, muted: false },
      });
      expect(store.state.peers['bob']?.tracks).to.deep.equal({});
    });

    it('gives our own peer the tracks we already publish', () => {
      const camera = canvasVideoTrack();
      const tracks = { camera: { source: 'camera', kind: 'video', track: camera, muted: false } };
      const { store, notifications } = notificationsOnStore(tracks as PeerState['tracks']);

      notifications.joined(joinResponse(peerInfo('me')));

      expect(store.state.peers['me']?.tracks.camera?.track).to.equal(camera);
    });

    it('replaces what was known on a rejoin: peers gone meanwhile are gone', () => {
      const { store, notifications } = joinedRoom();

      notifications.joined(joinResponse(peerInfo('me'), [peerInfo('carol')]));

      expect(store.state.peerOrder).to.deep.equal(['me', 'carol']);
      expect(store.state.peers['ada']).to.equal(undefined);
      expect(store.state.activeSpeakerId).to.equal(null);
    });
  });

  describe('peers', () => {
    it('adds a peer that joins after the others', () => {
      const { store, notifications } = joinedRoom();

      notifications.peer(peerInfo('carol', { joinedAt: '2026-01-01T10:09:00.000Z' }));

      expect(store.state.peerOrder).to.deep.equal(['me', 'ada', 'bob', 'carol']);
      expect(store.state.peers['carol']?.name).to.equal('carol');
    });

    it('applies a peer update, keeping its place', () => {
      const { store, notifications } = joinedRoom();

      notifications.peer(
        peerInfo('bob', {
          name: 'Bob B.',
          joinedAt: '2026-01-01T10:02:00.000Z',
          sources: ['screen'],
        }),
      );

      expect(store.state.peerOrder).to.deep.equal(['me', 'ada', 'bob']);
      expect(store.state.peers['bob']?.name).to.equal('Bob B.');
      expect(store.state.peers['bob']?.tracks.screen?.track).to.equal(null);
    });

    it('marks a peer reconnecting while the server keeps its place, and back', () => {
      const { store, notifications } = joinedRoom();
      const bob = peerInfo('bob', { joinedAt: '2026-01-01T10:02:00.000Z' });

      notifications.peer({ ...bob, reconnecting: true });
      expect(store.state.peers['bob']?.reconnecting).to.equal(true);

      notifications.peer(bob);
      expect(store.state.peers['bob']).to.not.have.property('reconnecting');
    });

    it('changes nothing when an update says what the store already holds', () => {
      const { heard, notifications } = joinedRoom();

      notifications.peer(peerInfo('bob', { joinedAt: '2026-01-01T10:02:00.000Z' }));

      expect(heard).to.have.length(0);
    });

    it('gives us our new role when the server changes it', () => {
      const { store, notifications } = joinedRoom();

      notifications.peer(peerInfo('me', { role: 'host', joinedAt: '2026-01-01T10:05:00.000Z' }));

      expect(store.state.role).to.equal(HOST);
      expect(store.state.peers['me']?.role).to.equal('host');
      expect(store.state.peers['me']?.isLocal).to.equal(true);
    });

    it('forgets a peer that leaves, and stops following its producers', () => {
      const { store, heard, notifications } = joinedRoom();

      notifications.peerLeft('ada', undefined);
      expect(store.state.peerOrder).to.deep.equal(['me', 'bob']);
      expect(store.state.activeSpeakerId).to.equal(null);
      heard.length = 0;

      notifications.producerPaused(producer('ada', 'camera').id, true);
      expect(heard).to.have.length(0);
    });
  });

  describe('producers paused and resumed', () => {
    it("mutes and unmutes a remote peer's track", () => {
      const { store, notifications } = joinedRoom();
      const camera = producer('ada', 'camera').id;

      notifications.producerPaused(camera, true);
      expect(store.state.peers['ada']?.tracks.camera?.muted).to.equal(true);
      expect(store.state.peers['ada']?.tracks.microphone?.muted).to.equal(false);

      notifications.producerPaused(camera, false);
      expect(store.state.peers['ada']?.tracks.camera?.muted).to.equal(false);
    });

    it('hands a pause of our own producer (a host muting us) to the publisher', () => {
      const { store, heard, localPauses, notifications } = joinedRoom();
      notifications.produced('my-microphone', 'microphone');

      notifications.producerPaused('my-microphone', true);

      expect(localPauses).to.deep.equal([['microphone', true]]);
      expect(heard).to.have.length(0);
      expect(store.state.peers['me']?.tracks).to.deep.equal({});
    });

    it('ignores a producer it does not know', () => {
      const { heard, localPauses, notifications } = joinedRoom();
      notifications.producerPaused('unknown', true);
      expect(heard).to.have.length(0);
      expect(localPauses).to.have.length(0);
    });
  });

  describe('the active speaker', () => {
    it('follows who speaks, and nobody', () => {
      const { store, notifications } = joinedRoom();

      notifications.activeSpeaker('bob');
      expect(store.state.activeSpeakerId).to.equal('bob');
      notifications.activeSpeaker(null);
      expect(store.state.activeSpeakerId).to.equal(null);
    });

    it('changes nothing when the speaker is the same', () => {
      const { heard, notifications } = joinedRoom();
      notifications.activeSpeaker('ada');
      expect(heard).to.have.length(0);
    });
  });

  describe('connection quality', () => {
    it('sets the scores of known peers, in one change', () => {
      const { store, heard, notifications } = joinedRoom();
      const bob = store.state.peers['bob'];

      notifications.connectionQuality({ me: 5, ada: 2, nobody: 1 });

      expect(heard).to.have.length(1);
      expect(store.state.peers['me']?.connectionQuality).to.equal(5);
      expect(store.state.peers['ada']?.connectionQuality).to.equal(2);
      expect(store.state.peers['nobody']).to.equal(undefined);
      expect(store.state.peers['bob']).to.equal(bob);
    });

    it('changes nothing when the scores are the ones known', () => {
      const { heard, notifications } = joinedRoom();
      notifications.connectionQuality({ ada: 3 });
      heard.length = 0;

      notifications.connectionQuality({ ada: 3, nobody: 4 });

      expect(heard).to.have.length(0);
    });

    it('keeps a score through a later peer update that does not carry one', () => {
      const { store, notifications } = joinedRoom();
      notifications.connectionQuality({ bob: 4 });

      notifications.peer(peerInfo('bob', { name: 'Bob B.' }));

      expect(store.state.peers['bob']?.connectionQuality).to.equal(4);
    });
  });

  describe('consumers', () => {
    it('shows a consumed track, received only if its tile is visible', async () => {
      const { store, tiles, notifications } = joinedRoom();
      const track = canvasVideoTrack();
      tiles.set([{ peerId: 'ada', source: 'camera', width: 320, height: 180 }]);

      await notifications.newConsumer(
        consumerInfo('ada', 'camera'),
        mediaGiving(track),
        () => true,
      );

      expect(store.state.peers['ada']?.tracks.camera).to.deep.equal({
        source: 'camera',
        kind: 'video',
        track,
        muted: false,
        receiving: true,
      });
      tiles.dispose();
    });

    it('reports a consumer that cannot be created, as consume_failed', async () => {
      const { store, reported, notifications } = joinedRoom();
      const failure = mediaGiving(new Error('transport closed'));

      await notifications.newConsumer(consumerInfo('ada', 'microphone'), failure, () => true);

      expect(reported.map((error) => error.code)).to.deep.equal(['consume_failed']);
      expect(reported[0]?.message).to.contain('microphone');
      expect(store.state.peers['ada']?.tracks.microphone?.track).to.equal(null);
    });

    it('drops a consumer that arrives on a connection no longer in use', async () => {
      const { heard, reported, notifications } = joinedRoom();

      await notifications.newConsumer(
        consumerInfo('ada', 'camera'),
        mediaGiving(canvasVideoTrack()),
        () => false,
      );

      expect(heard).to.have.length(0);
      expect(reported).to.have.length(0);
    });

    it('marks remote video received or not as the visible tiles change', () => {
      const { store, tiles, notifications } = joinedRoom();
      const visible: VisibleTile[] = [{ peerId: 'ada', source: 'camera', width: 640, height: 360 }];

      tiles.set(visible);
      notifications.tilesSent();
      expect(store.state.peers['ada']?.tracks.camera?.receiving).to.equal(true);

      tiles.set([]);
      notifications.tilesSent();
      expect(store.state.peers['ada']?.tracks.camera?.receiving).to.equal(false);
      expect(store.state.peers['ada']?.tracks.microphone?.receiving).to.equal(undefined);
      tiles.dispose();
    });
  });
});
