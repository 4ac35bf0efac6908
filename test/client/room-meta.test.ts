import { expect } from '@open-wc/testing';
import { RoomMeta, handRaisedIn } from '../../src/client/room-meta.ts';
import { RoomNotifications } from '../../src/client/room-notifications.ts';
import { RoomStore } from '../../src/client/room-store.ts';
import { VisibleTilesReporter } from '../../src/client/visible-tiles.ts';
import type { SessionStoreEntry } from '../../src/protocol/signaling.ts';
import { joinResponse, peerInfo } from './support/room-fixtures.ts';

const entry = (key: string, value: unknown, updatedAt: string | null, updatedBy = 'ada') => ({
  key,
  value,
  updatedAt,
  updatedBy: updatedAt ? updatedBy : null,
});

/** A joined store, RoomMeta on it, and the requests it sent, answered as the server would. */
function metaOnJoinedStore(selfMetadata?: string) {
  const store = new RoomStore();
  const notifications = new RoomNotifications({
    store,
    tiles: new VisibleTilesReporter(() => Promise.resolve()),
    localTracks: () => ({}),
    localProducerPaused: () => undefined,
    report: () => undefined,
  });
  notifications.joined(
    joinResponse(peerInfo('me', selfMetadata ? { metadata: selfMetadata } : {}), [peerInfo('bob')]),
  );
  const sent: [string, any][] = [];
  const values = new Map<string, SessionStoreEntry>();
  const meta = new RoomMeta({
    store,
    request: (method, data: any) => {
      sent.push([method, data]);
      if (method === 'observeSessionStore') {
        const keys = data.keys as string[];
        return Promise.resolve({
          entries: keys.map((key) => values.get(key) ?? entry(key, null, null)),
        }) as never;
      }
      if (method === 'setSessionStore') {
        const stored = entry(data.key, data.value, new Date().toISOString(), 'me');
        values.set(data.key, stored);
        return Promise.resolve(stored) as never;
      }
      return Promise.resolve({}) as never;
    },
  });
  return { store, notifications, meta, sent, values };
}

describe('peer metadata and hands', () => {
  it('reads a raised hand from JSON metadata only', () => {
    expect(handRaisedIn('{"isHandRaised":true}')).to.equal(true);
    expect(handRaisedIn('{"isHandRaised":false}')).to.equal(false);
    expect(handRaisedIn('{"isHandRaised":"yes"}')).to.equal(false);
    expect(handRaisedIn('[true]')).to.equal(false);
    expect(handRaisedIn('not json')).to.equal(false);
    expect(handRaisedIn(undefined)).to.equal(false);
  });

  it('puts a peer’s metadata and hand in its PeerState, and a change makes a new snapshot', () => {
    const { store, notifications } = metaOnJoinedStore();
    expect(store.state.peers['bob']?.handRaised).to.equal(undefined);
    const before = store.state;

    notifications.peer(peerInfo('bob', { metadata: '{"isHandRaised":true,"mood":"ok"}' }));

    expect(store.state).to.not.equal(before);
    expect(store.state.peers['bob']?.metadata).to.equal('{"isHandRaised":true,"mood":"ok"}');
    expect(store.state.peers['bob']?.handRaised).to.equal(true);

    notifications.peer(peerInfo('bob', { metadata: '{"isHandRaised":false,"mood":"ok"}' }));
    expect(store.state.peers['bob']?.handRaised).to.equal(undefined);

    // Our own metadata comes back the same way.
    notifications.peer(peerInfo('me', { metadata: '{"isHandRaised":true}' }));
    expect(store.state.peers['me']?.handRaised).to.equal(true);
  });

  it('raises my hand keeping the other fields of my metadata', async () => {
    const { meta, sent } = metaOnJoinedStore('{"mood":"curious","isHandRaised":false}');
    await meta.raiseHand();
    expect(sent).to.have.length(1);
    const [method, data] = sent[0]!;
    expect(method).to.equal('setMetadata');
    expect(JSON.parse(data.metadata)).to.deep.equal({ mood: 'curious', isHandRaised: true });
  });

  it('raises my hand over metadata that is not a JSON object', async () => {
    const { meta, sent } = metaOnJoinedStore('plain text');
    await meta.raiseHand();
    expect(JSON.parse(sent[0]![1].metadata)).to.deep.equal({ isHandRaised: true });
  });

  it('lowers my own hand by default, or the one of the peer named', async () => {
    const { meta, sent } = metaOnJoinedStore();
    await meta.lowerHand();
    await meta.lowerHand('bob');
    expect(sent).to.deep.equal([
      ['lowerHand', { peerId: 'me' }],
      ['lowerHand', { peerId: 'bob' }],
    ]);
  });
});

describe('the session store', () => {
  it('puts observed keys and their values in the state', async () => {
    const { store, meta, values } = metaOnJoinedStore();
    values.set('pinned', entry('pinned', 'Agenda', '2026-01-01T10:00:00.000Z'));
    await meta.sessionStore.observe(['pinned', 'spotlight']);
    expect(store.state.sessionStore.get('pinned')?.value).to.equal('Agenda');
    expect(store.state.sessionStore.get('spotlight')?.value).to.equal(null);
    // A key nobody observes never appears, whatever its name.
    expect(store.state.sessionStore.get('toString')).to.equal(undefined);
  });

  it('applies updates of observed keys only, newest first', async () => {
    const { store, meta } = metaOnJoinedStore();
    await meta.sessionStore.observe('pinned');
    meta.updated(entry('pinned', 'second', '2026-01-01T10:00:02.000Z'));
    const snapshot = store.state;
    meta.updated(entry('pinned', 'first', '2026-01-01T10:00:01.000Z')); // overtaken: ignored
    meta.updated(entry('other', 'x', '2026-01-01T10:00:03.000Z')); // not observed: ignored
    expect(store.state).to.equal(snapshot);
    expect(store.state.sessionStore.get('pinned')?.value).to.equal('second');
    expect(store.state.sessionStore.has('other')).to.equal(false);
  });

  it('sets a value, shows it when observed, and unsets it with null', async () => {
    const { store, meta, sent } = metaOnJoinedStore();
    await meta.sessionStore.observe('pinned');
    await meta.sessionStore.set('pinned', { text: 'Hi' });
    expect(store.state.sessionStore.get('pinned')?.value).to.deep.equal({ text: 'Hi' });
    await meta.sessionStore.set('pinned', undefined);
    expect(sent.at(-1)).to.deep.equal(['setSessionStore', { key: 'pinned', value: null }]);
    expect(store.state.sessionStore.get('pinned')?.value).to.equal(null);
  });

  it('forgets unobserved keys, and observes the rest again after a rejoin', async () => {
    const { store, meta, sent } = metaOnJoinedStore();
    await meta.sessionStore.observe(['pinned', 'spotlight']);
    await meta.sessionStore.unobserve('spotlight');
    expect(store.state.sessionStore.has('spotlight')).to.equal(false);
    expect(sent.at(-1)).to.deep.equal(['unobserveSessionStore', { keys: ['spotlight'] }]);

    await meta.joined();
    expect(sent.at(-1)).to.deep.equal(['observeSessionStore', { keys: ['pinned'] }]);

    meta.clear();
    const count = sent.length;
    await meta.joined();
    expect(sent).to.have.length(count);
  });
});
