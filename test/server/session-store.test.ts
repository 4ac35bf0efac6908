// The session store against a real server: values reach the peers observing their key, a late
// joiner who observes gets the value pinned before it came, the store ends with its session,
// and its limits answer with clear errors.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, roomFixtures } from '../support/room-fixture.ts';
import { waitFor } from '../support/test-server.ts';

const rooms = roomFixtures();
after(() => rooms.closeAll());

test('a set value reaches the peers observing its key, and only them', async () => {
  const room = await rooms.open();
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  const cy = await room.join('guest', 'Cy');
  const observed = await bob.client.ok('observeSessionStore', { keys: ['pinned', 'spotlight'] });
  assert.deepEqual(observed.entries, [
    { key: 'pinned', value: null, updatedAt: null, updatedBy: null },
    { key: 'spotlight', value: null, updatedAt: null, updatedBy: null },
  ]);
  await cy.client.ok('observeSessionStore', { keys: ['spotlight'] });

  const entry = await ada.client.ok('setSessionStore', {
    key: 'pinned',
    value: { text: 'Agenda: <b>budget</b>', by: 'Ada' },
  });
  assert.equal(entry.updatedBy, ada.joined.self.id);
  const update = await bob.client.notification('sessionStoreUpdated');
  assert.deepEqual(update.value, { text: 'Agenda: <b>budget</b>', by: 'Ada' });
  assert.equal(update.key, 'pinned');
  assert.equal(update.updatedBy, ada.joined.self.id);

  // Cy observes only `spotlight`: a ping round trip later, still nothing about `pinned`.
  await cy.client.ok('ping');
  assert.ok(!cy.client.notifications.some((n) => n.notification === 'sessionStoreUpdated'));

  // After unobserving, Bob hears no more; a null value unsets the key.
  await bob.client.ok('unobserveSessionStore', { keys: ['pinned'] });
  await ada.client.ok('setSessionStore', { key: 'pinned', value: null });
  await ada.client.ok('setSessionStore', { key: 'spotlight', value: bob.joined.self.id });
  await cy.client.notification('sessionStoreUpdated', (data) => data.key === 'spotlight');
  await bob.client.notification('sessionStoreUpdated', (data) => data.key === 'spotlight');
  const pinnedUpdates = bob.client.notifications.filter(
    (n: any) => n.notification === 'sessionStoreUpdated' && n.data.key === 'pinned',
  );
  assert.equal(pinnedUpdates.length, 1);
  const now = await bob.client.ok('observeSessionStore', { keys: ['pinned'] });
  assert.equal(now.entries[0].value, null);
});

test('a late joiner who observes gets the pinned value; a new session starts empty', async () => {
  const room = await rooms.open();
  const ada = await room.join('host', 'Ada');
  await ada.client.ok('setSessionStore', { key: 'pinned', value: 'Welcome!' });
  const late = await room.join('guest', 'Late');
  const { entries } = await late.client.ok('observeSessionStore', { keys: ['pinned'] });
  assert.equal(entries[0].value, 'Welcome!');
  assert.equal(entries[0].updatedBy, ada.joined.self.id);
  assert.ok(Date.parse(entries[0].updatedAt) > 0);

  // Everyone leaves: the session ends, and with it the store.
  await late.client.ok('leave');
  await ada.client.ok('leave');
  await waitFor(() => !room.server.app.liveRooms.get(room.roomId) || undefined, {
    what: 'the room to close',
  });
  const again = await room.join('guest', 'Again');
  assert.notEqual(again.joined.sessionId, ada.joined.sessionId);
  const fresh = await again.client.ok('observeSessionStore', { keys: ['pinned'] });
  assert.equal(fresh.entries[0].value, null);
});

test('keys, values and the number of keys are bounded, with clear errors', async () => {
  const room = await rooms.open({
    env: {
      CONVENE_SESSION_STORE_MAX_KEY_LENGTH: '8',
      CONVENE_SESSION_STORE_MAX_VALUE_BYTES: '32',
      CONVENE_SESSION_STORE_MAX_KEYS: '3',
    },
  });
  const ada = await room.join('host', 'Ada');
  const bob = await room.join('guest', 'Bob');
  await bob.client.ok('observeSessionStore', { keys: ['a'] });

  const longKey = errorOf(
    await ada.client.request('setSessionStore', { key: 'k'.repeat(9), value: 1 }),
  );
  assert.equal(longKey.code, 'key_too_long');
  assert.match(longKey.message, /8 characters/);
  const bigValue = errorOf(
    await ada.client.request('setSessionStore', { key: 'a', value: 'v'.repeat(40) }),
  );
  assert.equal(bigValue.code, 'value_too_large');
  assert.match(bigValue.message, /32 bytes/);

  for (const key of ['a', 'b', 'c']) await ada.client.ok('setSessionStore', { key, value: key });
  const tooMany = errorOf(await ada.client.request('setSessionStore', { key: 'd', value: 'd' }));
  assert.equal(tooMany.code, 'too_many_keys');
  // Replacing or unsetting a key is still allowed at the cap, and frees room for another.
  await ada.client.ok('setSessionStore', { key: 'a', value: 'again' });
  await ada.client.ok('setSessionStore', { key: 'c', value: null });
  await ada.client.ok('setSessionStore', { key: 'd', value: 'd' });

  // A peer may observe at most as many keys as the store holds.
  const observeTooMany = errorOf(
    await bob.client.request('observeSessionStore', { keys: ['b', 'c', 'd', 'e'] }),
  );
  assert.equal(observeTooMany.code, 'too_many_keys');
  const observeLong = errorOf(
    await bob.client.request('observeSessionStore', { keys: ['k'.repeat(9)] }),
  );
  assert.equal(observeLong.code, 'key_too_long');

  // The refused writes never reached the observer: it saw a, a again, and nothing else. Ada's
  // writes were acknowledged after their updates went out, so Bob's ping answer comes after them.
  await bob.client.ok('ping');
  assert.deepEqual(
    bob.client.notifications
      .filter((n: any) => n.notification === 'sessionStoreUpdated')
      .map((n: any) => n.data.value),
    ['a', 'again'],
  );
});

test('setting the store counts against the fan-out rate', async () => {
  const room = await rooms.open({
    env: {
      CONVENE_SIGNALING_FANOUT_RATE: '1',
      CONVENE_SIGNALING_FANOUT_BURST: '3',
    },
  });
  const ada = await room.join('host', 'Ada');
  const replies = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      ada.client.request('setSessionStore', { key: 'flood', value: i }),
    ),
  );
  const refused = replies.filter((reply: any) => reply.ok === false);
  assert.ok(refused.length >= 2, `expected refusals, got ${JSON.stringify(replies)}`);
  assert.equal((refused[0] as any).error.code, 'rate_limited');
  await ada.client.ok('ping');
});
