// Peer metadata and hands against a real server: a peer's metadata reaches everyone as
// peerUpdated, is bounded, is the peer's own, and a hand (`isHandRaised` in it, as 100ms's
// prebuilt keeps it) may be lowered by its peer or by a role with `changeRole`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, roomFixtures } from '../support/room-fixture.ts';
import { waitFor } from '../support/test-server.ts';

const rooms = roomFixtures();
after(() => rooms.closeAll());

const raised = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, isHandRaised: true });

test('metadata set by a peer reaches everyone, newcomers in their join answer', async () => {
  const room = await rooms.open();
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  await bob.client.ok('setMetadata', { metadata: raised({ mood: 'curious' }) });
  const seen = await ada.client.notification(
    'peerUpdated',
    (data) => data.peer.id === bob.joined.self.id && data.peer.metadata !== undefined,
  );
  assert.deepEqual(JSON.parse(seen.peer.metadata), { mood: 'curious', isHandRaised: true });
  // The setter hears of it too, so a change made elsewhere (REST, a host) reaches it the same way.
  await bob.client.notification('peerUpdated', (data) => data.peer.id === bob.joined.self.id);

  const cy = await room.join('guest', 'Cy');
  const bobInfo = cy.joined.peers.find((peer: any) => peer.id === bob.joined.self.id);
  assert.equal(bobInfo.metadata, raised({ mood: 'curious' }));
  // Metadata is opaque, as in 100ms: text that is not JSON is kept as it is.
  await cy.client.ok('setMetadata', { metadata: 'not json' });
  const cyInfo = await ada.client.notification(
    'peerUpdated',
    (data) => data.peer.id === cy.joined.self.id,
  );
  assert.equal(cyInfo.peer.metadata, 'not json');
});

test('metadata over the size limit is refused and nobody hears of it', async () => {
  const room = await rooms.open({ env: { CONVENE_PEER_METADATA_MAX_BYTES: '64' } });
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  const error = errorOf(await bob.client.request('setMetadata', { metadata: 'é'.repeat(33) }));
  assert.equal(error.code, 'metadata_too_large');
  assert.match(error.message, /64 bytes/);
  // 64 bytes exactly pass; the room is unharmed.
  await bob.client.ok('setMetadata', { metadata: 'x'.repeat(64) });
  const seen = await ada.client.notification(
    'peerUpdated',
    (data) => data.peer.id === bob.joined.self.id,
  );
  assert.equal(seen.peer.metadata, 'x'.repeat(64));
  assert.equal(
    ada.client.notifications.filter((n) => n.notification === 'peerUpdated').length,
    1,
    'the refused metadata was never announced',
  );
  // Beyond the wire's own bound the schema refuses it.
  const huge = errorOf(await bob.client.request('setMetadata', { metadata: 'x'.repeat(20_000) }));
  assert.equal(huge.code, 'invalid_request');
});

test('a peer cannot set another peer’s metadata', async () => {
  const room = await rooms.open();
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  // setMetadata has no peer field: a host trying to name one is refused by the schema...
  const reply = await ada.client.request('setMetadata', {
    metadata: raised(),
    peerId: bob.joined.self.id,
  });
  const error = errorOf(reply);
  assert.equal(error.code, 'invalid_request');
  // ...and a plain setMetadata changes only the sender's own.
  await ada.client.ok('setMetadata', { metadata: '{"note":"mine"}' });
  const seen = await bob.client.notification('peerUpdated');
  assert.equal(seen.peer.id, ada.joined.self.id);
  assert.ok(!bob.client.notifications.some((n: any) => n.data.peer?.id === bob.joined.self.id));
});

test('a hand is lowered by its peer, or by a role with changeRole, never by a guest', async () => {
  const room = await rooms.open();
  const host = await room.join('host', 'Hana');
  const bob = await room.join('guest', 'Bob');
  const cy = await room.join('guest', 'Cy');
  const bobId = bob.joined.self.id;
  const handOf = async (client: typeof host.client, up: boolean) => {
    const seen = await client.notification(
      'peerUpdated',
      (data) =>
        data.peer.id === bobId && JSON.parse(data.peer.metadata ?? '{}').isHandRaised === up,
    );
    return JSON.parse(seen.peer.metadata);
  };

  await bob.client.ok('setMetadata', { metadata: raised({ name: 'kept' }) });
  await handOf(cy.client, true);

  // A guest may not lower another's hand: refused, and the hand stays up.
  const refused = errorOf(await cy.client.request('lowerHand', { peerId: bobId }));
  assert.equal(refused.code, 'forbidden');

  // The host may; the rest of the metadata is kept, and everyone, Bob too, sees it lowered.
  await host.client.ok('lowerHand', { peerId: bobId });
  assert.deepEqual(await handOf(cy.client, false), { name: 'kept', isHandRaised: false });
  await handOf(bob.client, false);

  // Bob raises and lowers his own.
  await bob.client.ok('setMetadata', { metadata: raised() });
  await handOf(host.client, true);
  const before = host.client.notifications.length;
  await bob.client.ok('lowerHand', { peerId: bobId });
  await host.client.notification(
    'peerUpdated',
    (data) => data.peer.id === bobId && JSON.parse(data.peer.metadata).isHandRaised === false,
  );
  assert.ok(host.client.notifications.length > before);

  // No raised hand: nothing changes and nobody hears of it. An unknown peer is not_found.
  const updates = () => cy.client.notifications.filter((n) => n.notification === 'peerUpdated');
  // Cy saw all four changes (raised, lowered by the host, raised, lowered by Bob).
  const count = await waitFor(() => updates().length === 4 && 4, { what: 'four updates' });
  await host.client.ok('lowerHand', { peerId: bobId });
  await host.client.ok('ping');
  await cy.client.ok('ping');
  assert.equal(updates().length, count);
  const missing = errorOf(await host.client.request('lowerHand', { peerId: 'nobody' }));
  assert.equal(missing.code, 'peer_not_found');
});

test('a new name reaches everyone, the renamed peer too, and a blank one changes nothing', async () => {
  const room = await rooms.open();
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  const bobId = bob.joined.self.id;
  await bob.client.ok('setName', { name: '  Robert  ' });
  const seen = await ada.client.notification('peerUpdated', (data) => data.peer.id === bobId);
  assert.equal(seen.peer.name, 'Robert');
  const own = await bob.client.notification('peerUpdated', (data) => data.peer.id === bobId);
  assert.equal(own.peer.name, 'Robert', 'a rename from the REST API reaches the peer the same way');
  await bob.client.ok('setName', { name: '   ' });
  await bob.client.ok('setName', { name: 'Robert' });
  await ada.client.ok('ping');
  assert.equal(
    ada.client.notifications.filter((n) => n.notification === 'peerUpdated').length,
    1,
    'neither a blank name nor the same name is announced',
  );
});
