// The join bench's page for Convene: the real RoomClient against a real Convene server (its
// origin comes as `?server=`). The viewer declares the publisher's tile visible as soon as the
// store shows the publisher, as a grid would (the server forwards video only for visible tiles),
// and shows the camera track once the store has it.
import { joinPhaseTimes } from '../../src/client/join-phases.ts';
import { RoomClient } from '../../src/client/room-client.ts';
import type { RoomState } from '../../src/client/room-state.ts';
import { TILE, firstFrameShown, withTimeout, type JoinBenchPage } from '../join-first-frame.ts';

const JOIN_TIMEOUT_MS = 15_000;
const server = new URLSearchParams(location.search).get('server') ?? location.origin;
let client: RoomClient | undefined;

const page: JoinBenchPage = {
  async benchPublish(token) {
    client = new RoomClient({ server });
    await client.join({ token, name: 'publisher', audio: false, video: true });
    const { state } = client.store;
    if (!state.peers[state.localPeerId ?? '']?.tracks.camera?.track) {
      throw new Error(
        `joined but not publishing the camera: ${JSON.stringify(state.error ?? state.connection)}`,
      );
    }
  },

  async benchJoin(token) {
    const viewer = new RoomClient({ server });
    client = viewer;
    let step = 'joining';
    const started = performance.now();
    let trackAt = 0;
    const cameraTrack = new Promise<MediaStreamTrack>((resolve) => {
      let declared = false;
      const check = (state: RoomState) => {
        const publisher = Object.values(state.peers).find(
          (peer) => !peer.isLocal && peer.name === 'publisher',
        );
        if (!publisher) return;
        if (!declared) {
          declared = true;
          step = 'publisher known, tile declared visible';
          viewer.setVisibleTiles([{ peerId: publisher.id, source: 'camera', ...TILE }]);
        }
        const track = publisher.tracks.camera?.track;
        if (track) {
          trackAt = performance.now() - started;
          step = 'camera track received, waiting for the first frame';
          unsubscribe();
          resolve(track);
        }
      };
      const unsubscribe = viewer.store.subscribe(check);
    });
    const joined = viewer.join({ token, name: 'viewer', audio: false, video: false });
    const shown = Promise.all([cameraTrack.then(firstFrameShown), joined]).then(([at]) => ({
      track: trackAt,
      frame: at - started,
      phases: joinPhaseTimes(),
    }));
    return withTimeout(
      shown,
      JOIN_TIMEOUT_MS,
      () => `${step}; connection ${viewer.store.state.connection}`,
    );
  },

  async benchLeave() {
    await client?.leave();
    client = undefined;
  },
};
// As an app's pre-join screen would (and as the bare page has mediasoup-client in its bundle),
// the media library is loaded before the page is ready to join; the clock starts at join().
await RoomClient.preload();
Object.assign(window, page);
