// Room actions between real Chromium pages, sent through each page's own RoomClient: a guest's
// actions on the host are refused and change nothing; a host mutes a guest and asks it to unmute
// (declined, then accepted); a removed page says why and stays out; a room ended with lock sends
// everyone away and lets nobody back in until it is enabled again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  eventually,
  inboundStreams,
  openMeeting,
  socketsOpened,
  waitForFlowingMedia,
} from './support/browser.ts';
import { useMeetingFixture } from './support/meeting-server.ts';
import {
  joinedPeerId,
  outcomeOf,
  presenceOf,
  tracksOf,
  withClient,
  type Presence,
} from './support/page-client.ts';

const fixture = useMeetingFixture();

/** Generous: two cores are shared by every page, the server and the other test runs. */
const TIMEOUT = 30_000;

/** Opens the meeting link of `role` in room `codes` as `name`; `extra` adds to its query. */
function join(codes: Record<string, string>, role: string, name: string, extra = '') {
  return openMeeting(fixture.browser, fixture.server.meetingLink(codes[role]!, name, extra));
}

/** Publishes nothing: for the pages whose media is not what a test is about. */
const NO_MEDIA = '&audio=false&video=false';

async function closeAll(...pages: Page[]) {
  for (const page of pages) await page.context().close();
}

const presenceWhen = (page: Page, check: (presence: Presence) => boolean, what: string) =>
  eventually(() => presenceOf(page), check, { timeoutMs: TIMEOUT, what });

describe("a guest's actions on the host", () => {
  test('are each refused with forbidden, and change nothing on either page', async () => {
    const { codes, id: roomId } = await fixture.server.createRoom('e2e-actions-refused');
    const ada = await join(codes, 'host', 'Ada', '&video=false');
    const bob = await join(codes, 'guest', 'Bob', NO_MEDIA);
    try {
      const adaId = await joinedPeerId(ada);
      await joinedPeerId(bob);
      await eventually(
        () => tracksOf(ada, adaId),
        (tracks) => tracks?.microphone?.received === true,
        { timeoutMs: TIMEOUT, what: "Ada's microphone to be published" },
      );

      const outcomes = {
        mute: await outcomeOf(bob, (client, id) => client.actions.mute(id), adaId),
        muteRole: await outcomeOf(bob, (client, role) => client.actions.muteRole(role), 'host'),
        requestUnmute: await outcomeOf(
          bob,
          (client, id) => client.actions.requestUnmute(id, 'microphone'),
          adaId,
        ),
        changeRole: await outcomeOf(
          bob,
          (client, id) => client.actions.changeRole(id, 'hls-viewer', { force: true }),
          adaId,
        ),
        offerRole: await outcomeOf(
          bob,
          (client, id) => client.actions.changeRole(id, 'hls-viewer'),
          adaId,
        ),
        removePeer: await outcomeOf(
          bob,
          (client, id) => client.actions.removePeer(id, 'Go away'),
          adaId,
        ),
        endRoom: await outcomeOf(
          bob,
          (client, reason) => client.actions.endRoom(reason, { lock: true }),
          'Over',
        ),
      };
      assert.deepEqual(outcomes, {
        mute: 'forbidden',
        muteRole: 'forbidden',
        requestUnmute: 'forbidden',
        changeRole: 'forbidden',
        offerRole: 'forbidden',
        removePeer: 'forbidden',
        endRoom: 'forbidden',
      });

      // Bob's raised hand reaches Ada after anything his refused actions could have caused, on
      // the same socket: once she sees it, whatever changed would have shown too.
      await withClient(bob, (client) => client.raiseHand());
      await eventually(
        () =>
          withClient(ada, (client) =>
            Object.values(client.store.state.peers).some((p) => p.name === 'Bob' && p.handRaised),
          ),
        (raised) => raised,
        { timeoutMs: TIMEOUT, what: "Bob's raised hand on Ada's page" },
      );
      const adaPresence = await presenceOf(ada);
      assert.deepEqual(
        { ...adaPresence, pendingRequests: adaPresence.pendingRequests.length },
        {
          connection: 'connected',
          role: 'host',
          removed: undefined,
          errorCode: undefined,
          pendingRequests: 0,
        },
      );
      assert.deepEqual(await tracksOf(ada, adaId), {
        microphone: { muted: false, received: true },
      });
      assert.deepEqual(await tracksOf(bob, adaId), {
        microphone: { muted: false, received: true },
      });
      assert.equal(
        await withClient(bob, (client, id) => client.store.state.peers[id]?.role, adaId),
        'host',
      );
      assert.equal((await presenceOf(bob)).connection, 'connected');
      const room = await fixture.server.api('GET', `/v2/rooms/${roomId}`);
      assert.equal(room.enabled, true);
    } finally {
      await closeAll(ada, bob);
    }
  });
});

describe('a host mutes a guest and asks it to unmute', () => {
  test('the guest shows muted on both pages, declines once, and accepting unmutes it', async () => {
    const { codes } = await fixture.server.createRoom('e2e-actions-mute');
    const ada = await join(codes, 'host', 'Ada', NO_MEDIA);
    const bob = await join(codes, 'guest', 'Bob');
    try {
      const adaId = await joinedPeerId(ada);
      const bobId = await joinedPeerId(bob);
      const bobOnAda = ada.getByRole('group', { name: 'Bob', exact: true });
      await bobOnAda.waitFor({ timeout: TIMEOUT });
      await waitForFlowingMedia(ada, { audio: 1, timeoutMs: TIMEOUT });

      assert.equal(
        await outcomeOf(ada, (client, id) => client.actions.mute(id, 'microphone'), bobId),
        'done',
      );
      await eventually(
        () => tracksOf(bob, bobId),
        (tracks) => tracks?.microphone?.muted === true,
        { timeoutMs: TIMEOUT, what: 'Bob to show himself muted in his store' },
      );
      await bobOnAda.getByLabel('Microphone muted').waitFor({ timeout: TIMEOUT });
      assert.equal((await tracksOf(bob, bobId))?.camera?.muted, false, 'only the microphone');
      const mutedSince = await inboundStreams(ada);
      const mutedAt = Date.now();

      const askUnmute = () =>
        withClient(ada, (client, id) => client.actions.requestUnmute(id, 'microphone'), bobId);
      const requestWaiting = async (requestId: string) => {
        const { pendingRequests } = await presenceWhen(
          bob,
          (p) => p.pendingRequests.length > 0,
          'the request to unmute in Bob’s store',
        );
        assert.deepEqual(
          pendingRequests.map(({ expiresAt: _expiry, ...request }) => request),
          [
            {
              id: requestId,
              kind: 'unmute',
              source: 'microphone',
              from: { peerId: adaId, name: 'Ada', role: 'host' },
            },
          ],
        );
      };

      const first = await askUnmute();
      await requestWaiting(first);
      await withClient(bob, (client, id) => client.actions.decline(id), first);
      assert.deepEqual((await presenceOf(bob)).pendingRequests, []);
      assert.equal((await tracksOf(bob, bobId))?.microphone?.muted, true, 'declined: still muted');
      assert.equal(await bobOnAda.getByLabel('Microphone muted').count(), 1);

      const second = await askUnmute();
      await requestWaiting(second);
      // Nothing of Bob's microphone reached Ada while he was muted: audio flows at 50 packets a
      // second, so only a few could have been on their way when the mute showed.
      const before = new Map(mutedSince.map((s) => [s.trackIdentifier, s.packetsReceived]));
      const packetsWhileMuted = (await inboundStreams(ada))
        .filter((s) => s.kind === 'audio')
        .map((s) => s.packetsReceived - (before.get(s.trackIdentifier) ?? 0));
      assert.ok(
        packetsWhileMuted.every((n) => n <= 5),
        `packets received while muted for ${Date.now() - mutedAt} ms: ${packetsWhileMuted}`,
      );

      await withClient(bob, (client, id) => client.actions.accept(id), second);
      await eventually(
        () => tracksOf(bob, bobId),
        (tracks) => tracks?.microphone?.muted === false,
        { timeoutMs: TIMEOUT, what: 'Bob unmuted in his store' },
      );
      await bobOnAda
        .getByLabel('Microphone muted')
        .waitFor({ state: 'detached', timeout: TIMEOUT });
      await waitForFlowingMedia(ada, { audio: 1, timeoutMs: TIMEOUT });
      assert.deepEqual((await presenceOf(bob)).pendingRequests, []);
    } finally {
      await closeAll(ada, bob);
    }
  });
});

describe('removal', () => {
  test('a removed page shows why, and does not reconnect by itself', async () => {
    const { codes } = await fixture.server.createRoom('e2e-removal');
    const ada = await join(codes, 'host', 'Ada', NO_MEDIA);
    const bob = await join(codes, 'hls-viewer', 'Bob');
    try {
      await joinedPeerId(ada);
      const bobId = await joinedPeerId(bob);
      assert.equal(
        await outcomeOf(ada, (client, id) => client.actions.removePeer(id, 'Be kind'), bobId),
        'done',
      );
      // Bob's meeting says so, with the host's reason, and offers a way back in.
      await bob
        .getByRole('heading', { name: 'You were removed from the meeting' })
        .waitFor({ timeout: TIMEOUT });
      await bob.getByText('Be kind', { exact: true }).waitFor();
      await bob.getByRole('button', { name: 'Rejoin', exact: true }).waitFor();
      assert.equal(await socketsOpened(bob), 1);
      assert.equal(
        await withClient(ada, (client, id) => id in client.store.state.peers, bobId),
        false,
        'Bob is gone from Ada’s page',
      );
    } finally {
      await closeAll(ada, bob);
    }
  });
});

describe('a room ended with lock', () => {
  test('sends every page away with the reason, and lets nobody in until it is enabled again', async () => {
    const { codes, id: roomId } = await fixture.server.createRoom('e2e-end-lock');
    const ada = await join(codes, 'host', 'Ada', NO_MEDIA);
    const bob = await join(codes, 'hls-viewer', 'Bob');
    let cy: Page | undefined;
    try {
      await joinedPeerId(ada);
      await joinedPeerId(bob);
      assert.equal(
        await outcomeOf(
          ada,
          (client, reason) => client.actions.endRoom(reason, { lock: true }),
          'Thanks, all',
        ),
        'done',
      );
      for (const page of [ada, bob]) {
        await page
          .getByRole('heading', { name: 'The meeting has ended' })
          .waitFor({ timeout: TIMEOUT });
        await page.getByText('Thanks, all', { exact: true }).waitFor();
      }
      assert.equal((await fixture.server.api('GET', `/v2/rooms/${roomId}`)).enabled, false);

      // The token endpoint the meeting page trades its room code at.
      const refused = await fetch(`${fixture.server.url}/v2/token`, {
        method: 'POST',
        body: JSON.stringify({ code: codes.guest }),
      });
      assert.equal(refused.status, 403);
      assert.deepEqual(((await refused.json()) as { details: string[] }).details, [
        'room_disabled',
      ]);

      cy = await join(codes, 'guest', 'Cy', NO_MEDIA);
      await cy
        .getByRole('heading', { name: 'Could not join the meeting' })
        .waitFor({ timeout: TIMEOUT });
      await cy.getByText(/room is disabled/).waitFor();
      assert.equal(await socketsOpened(cy), 0, 'a refused code opens no socket');

      await fixture.server.api('POST', `/v2/rooms/${roomId}`, { enabled: true });
      await cy.getByRole('button', { name: 'Try again', exact: true }).click();
      await joinedPeerId(cy);
    } finally {
      await closeAll(ada, bob, ...(cy ? [cy] : []));
    }
  });
});
