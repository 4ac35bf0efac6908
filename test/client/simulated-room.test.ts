import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import { selectCan } from '../../src/client/room-actions.ts';
import type { ConveneGrid } from '../../src/elements/convene-grid/convene-grid.ts';
import '../../src/index.ts';

const rooms: SimulatedRoom[] = [];
function simulated(...args: ConstructorParameters<typeof SimulatedRoom>): SimulatedRoom {
  const room = new SimulatedRoom(...args);
  rooms.push(room);
  return room;
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('SimulatedRoom', () => {
  afterEach(() => {
    for (const room of rooms.splice(0)) room.close();
  });

  it('joins me with the others there, each camera a live canvas track', async () => {
    const room = simulated({ peers: 4 });
    await room.join({ name: 'Me' });
    const { state } = room.store;
    expect(state.connection).to.equal('connected');
    expect(state.peerOrder).to.have.length(5);
    expect(state.peers[state.localPeerId!]!.name).to.equal('Me');
    const cameras = Object.values(state.peers).map((peer) => peer.tracks.camera?.track);
    expect(cameras.every((track) => track?.readyState === 'live')).to.equal(true);
    expect(selectCan(state).endRoom, 'I am host by default').to.equal(true);
  });

  it('scripts what happens: speaking, hands, chat, a drop and a return', async () => {
    const room = simulated({ peers: [{ name: 'Ada' }, { name: 'Bob', role: 'hls-viewer' }] });
    const events: string[] = [];
    for (const type of ['message', 'reconnecting', 'reconnected']) {
      room.addEventListener(type, () => events.push(type));
    }
    await room.join({ name: 'Me', video: false });
    const [, ada, bob] = room.store.state.peerOrder;
    expect(room.store.state.peers[bob!]!.tracks, 'a viewer publishes nothing').to.deep.equal({});
    room.speak(ada!);
    room.setHand(ada!, true);
    room.say(ada!, 'hello', { peerId: room.store.state.localPeerId! });
    room.dropConnection();
    expect(room.store.state.connection).to.equal('reconnecting');
    room.restoreConnection();
    const { state } = room.store;
    expect(state.activeSpeakerId).to.equal(ada);
    expect(state.peers[ada!]!.handRaised).to.equal(true);
    expect(state.messages.map((m) => [m.message, m.sender?.name, m.recipientPeer])).to.deep.equal([
      ['hello', 'Ada', 'you'],
    ]);
    expect(state.unreadMessages).to.equal(1);
    expect(events).to.deep.equal(['message', 'reconnecting', 'reconnected']);
  });

  it("drops a peer's connection and brings it back, keeping the peer in the room", async () => {
    const room = simulated({ peers: [{ name: 'Ada' }], video: false });
    await room.join({ name: 'Me' });
    const ada = room.store.state.peerOrder[1]!;

    room.setPeerReconnecting(ada, true);
    expect(room.store.state.peers[ada]!.reconnecting).to.equal(true);
    expect(room.store.state.connection, 'my own connection is fine').to.equal('connected');

    room.setPeerReconnecting(ada, false);
    expect(room.store.state.peers[ada]).to.not.have.property('reconnecting');
    expect(room.store.state.peerOrder).to.include(ada);
  });

  it('refuses what my role may not do, as the server does, and does what it may', async () => {
    const guest = simulated({ localRole: 'guest', peers: 1, video: false });
    await guest.join({ name: 'Me' });
    const other = guest.store.state.peerOrder[1]!;
    expect((await rejection(guest.actions.removePeer(other))).code).to.equal('forbidden');
    expect((await rejection(guest.actions.endRoom('bye'))).code).to.equal('forbidden');
    expect((await rejection(guest.lowerHand(other))).code).to.equal('forbidden');
    expect(guest.store.state.peerOrder).to.have.length(2);

    const host = simulated({ peers: 2, video: false });
    await host.join({ name: 'Me' });
    const [, first, second] = host.store.state.peerOrder;
    await host.actions.mute(first!, 'microphone');
    expect(host.store.state.peers[first!]!.tracks.microphone!.muted).to.equal(true);
    await host.actions.changeRole(second!, 'hls-viewer', { force: true });
    expect(host.store.state.peers[second!]!.role).to.equal('hls-viewer');
    await host.actions.endRoom('Thanks, all', { lock: true });
    expect(host.store.state.removed).to.deep.equal({
      reason: 'room ended',
      message: 'Thanks, all',
    });
    expect(host.calls.map((call) => call.method)).to.include('actions.endRoom');
  });

  it('asks me things, and my answer closes the request', async () => {
    const room = simulated({ localRole: 'guest', peers: 1, video: false });
    await room.join({ name: 'Me', audio: false });
    const host = room.store.state.peerOrder[1]!;
    room.setRole(host, 'host');
    const unmute = room.ask(host, { source: 'microphone' });
    expect(room.store.state.pendingRequests.map((r) => [r.kind, r.from?.name])).to.deep.equal([
      ['unmute', room.store.state.peers[host]!.name],
    ]);
    await room.actions.accept(unmute);
    const me = room.store.state.peers[room.store.state.localPeerId!]!;
    expect(me.tracks.microphone!.muted).to.equal(false);
    const offer = room.ask(host, { role: 'host' });
    await room.actions.decline(offer);
    expect(room.store.state.pendingRequests).to.deep.equal([]);
    expect(room.store.state.role!.name).to.equal('guest');
  });

  it('drives the real elements: a room with a grid shows each camera playing', async () => {
    const room = simulated({ peers: 3 });
    const element = await fixture(
      html`<convene-room manual .client=${room}>
        <div style="width: 800px; height: 450px"><convene-grid></convene-grid></div>
      </convene-room>`,
    );
    await room.join({ name: 'Me' });
    const grid = element.querySelector<ConveneGrid>('convene-grid')!;
    await waitUntil(() => grid.shadowRoot!.querySelectorAll('convene-tile').length === 4);
    await waitUntil(
      () =>
        [...grid.shadowRoot!.querySelectorAll('convene-tile')].every(
          (tile) => tile.shadowRoot?.querySelector('video')?.srcObject,
        ),
      'every tile has its video',
    );
  });

  it('stops every canvas track when closed', async () => {
    const room = simulated({ peers: 2 });
    await room.join({ name: 'Me' });
    const tracks = Object.values(room.store.state.peers).map((p) => p.tracks.camera!.track!);
    room.close();
    expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });
});
