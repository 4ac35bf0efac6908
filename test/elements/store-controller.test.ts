import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { PeerState, RoomStoreApi } from '../../src/client/room-state.ts';
import { StoreController, shallowEqual } from '../../src/controllers/store-controller.ts';
import { MockRoomStore, makePeer, roomWith } from './support/mock-room.ts';

/** Renders the connection state and the remote peers, counting its renders. */
class StoreProbe extends LitElement {
  store: RoomStoreApi | undefined;
  renders = 0;
  readonly connection = new StoreController(this, {
    store: () => this.store,
    select: (state) => state.connection,
  });
  readonly remotes = new StoreController(this, {
    store: () => this.store,
    select: (state) => Object.values(state.peers).filter((peer: PeerState) => !peer.isLocal),
    equals: shallowEqual,
  });

  override render() {
    this.renders++;
    return html`${this.connection.value}: ${this.remotes.value.length}`;
  }
}
customElements.define('test-store-probe', StoreProbe);

async function probeOn(store: RoomStoreApi | undefined): Promise<StoreProbe> {
  const probe = document.createElement('test-store-probe') as StoreProbe;
  probe.store = store;
  return fixture<StoreProbe>(html`${probe}`);
}

describe('StoreController', () => {
  it('reads its slice when the host connects', async () => {
    const store = new MockRoomStore();
    store.update(roomWith([makePeer('ada')]));
    const probe = await probeOn(store);
    expect(probe.shadowRoot!.textContent).to.equal('connected: 1');
  });

  it('updates the host when its slice changes, and only then', async () => {
    const store = new MockRoomStore();
    const ada = makePeer('ada');
    store.update(roomWith([ada]));
    const probe = await probeOn(store);
    const renders = probe.renders;

    // Another slice of state changes; the peer list is rebuilt from the same snapshots.
    store.update({ activeSpeakerId: 'ada' });
    store.update(roomWith([ada], { activeSpeakerId: 'ada' }));
    await probe.updateComplete;
    expect(probe.renders).to.equal(renders);

    store.update({ connection: 'reconnecting' });
    await probe.updateComplete;
    expect(probe.renders).to.equal(renders + 1);
    expect(probe.shadowRoot!.textContent).to.equal('reconnecting: 1');

    store.update(roomWith([ada, makePeer('bob')], { connection: 'reconnecting' }));
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('reconnecting: 2');
  });

  it('subscribes while connected only, catching up with changes made meanwhile', async () => {
    const store = new MockRoomStore();
    const probe = await probeOn(store);
    expect(store.listenerCount).to.equal(2);

    probe.remove();
    expect(store.listenerCount).to.equal(0);
    store.update({ connection: 'connected' });

    document.body.append(probe);
    await probe.updateComplete;
    expect(store.listenerCount).to.equal(2);
    expect(probe.shadowRoot!.textContent).to.equal('connected: 0');
    probe.remove();
  });

  it('follows a store that arrives or changes later', async () => {
    const probe = await probeOn(undefined);
    expect(probe.shadowRoot!.textContent).to.equal('idle: 0');

    const first = new MockRoomStore();
    first.update({ connection: 'connecting' });
    probe.store = first;
    probe.requestUpdate();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('connecting: 0');

    const second = new MockRoomStore();
    probe.store = second;
    probe.requestUpdate();
    await probe.updateComplete;
    expect(first.listenerCount).to.equal(0);
    expect(second.listenerCount).to.equal(2);
    expect(probe.shadowRoot!.textContent).to.equal('idle: 0');
  });
});

describe('shallowEqual', () => {
  it('compares arrays and plain objects one level deep', () => {
    const ada = makePeer('ada');
    expect(shallowEqual([ada], [ada])).to.equal(true);
    expect(shallowEqual([ada], [makePeer('ada')])).to.equal(false);
    expect(shallowEqual([ada], [ada, ada])).to.equal(false);
    expect(shallowEqual({ a: 1, b: ada }, { b: ada, a: 1 })).to.equal(true);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(false);
    expect(shallowEqual([1], { 0: 1 })).to.equal(false);
    expect(shallowEqual(Number.NaN, Number.NaN)).to.equal(true);
    expect(shallowEqual<unknown>(null, {})).to.equal(false);
  });
});
