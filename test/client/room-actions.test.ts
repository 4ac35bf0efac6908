import { expect } from '@open-wc/testing';
import { ConveneError } from '../../src/client/errors.ts';
import { RoomActions, selectCan, selectPendingRequests } from '../../src/client/room-actions.ts';
import type { ActionRequest } from '../../src/client/room-state.ts';
import { RoomStore } from '../../src/client/room-store.ts';
import type { MediaSource } from '../../src/protocol/signaling.ts';
import { GUEST, HOST, makeRole } from './support/room-fixtures.ts';

/** RoomActions on a real store; what it sends is recorded and answered by `answer`. */
function actionsOnStore(answer: (method: string, data: unknown) => unknown = () => ({})) {
  const store = new RoomStore();
  const sent: [string, unknown][] = [];
  const enabled: MediaSource[] = [];
  let enableFails = false;
  const actions = new RoomActions({
    store,
    request: async (method, data) => {
      sent.push([method, data]);
      const reply = answer(method, data);
      if (reply instanceof Error) throw reply;
      return reply as never;
    },
    enable: async (source) => {
      if (enableFails) throw new ConveneError('media_unavailable', 'no microphone');
      enabled.push(source);
    },
  });
  return { store, sent, enabled, actions, failEnabling: () => (enableFails = true) };
}

const ADA = { peerId: 'ada', name: 'Ada', role: 'host' };

function unmuteRequest(id: string, source: MediaSource = 'microphone'): ActionRequest {
  return { id, kind: 'unmute', from: ADA, source, expiresAt: '2026-01-01T10:01:00.000Z' };
}

describe('selectCan', () => {
  it('says what the role permits, and nothing before a role is known', () => {
    const { store } = actionsOnStore();
    expect(selectCan(store.state)).to.deep.equal({
      mute: false,
      requestUnmute: false,
      changeRole: false,
      removePeer: false,
      endRoom: false,
    });
    store.patch({ role: HOST });
    expect(selectCan(store.state)).to.include({ mute: true, removePeer: true, endRoom: false });
    store.patch({ role: GUEST });
    expect(Object.values(selectCan(store.state)).some(Boolean)).to.equal(false);
  });

  it('answers the same object while the role is the same', () => {
    const { store } = actionsOnStore();
    store.patch({ role: makeRole('moderator', { changeRole: true, unmute: true }) });
    const first = selectCan(store.state);
    store.patch({ activeSpeakerId: 'someone' });
    expect(selectCan(store.state)).to.equal(first);
    expect(first).to.include({ changeRole: true, requestUnmute: true });
  });
});

describe('RoomActions', () => {
  it('sends each action as its request', async () => {
    const { sent, actions } = actionsOnStore((method) =>
      method === 'muteRole'
        ? { muted: 3 }
        : method === 'requestUnmute' || method === 'changeRole'
          ? { requestId: 'r1' }
          : {},
    );
    await actions.mute('bob', 'camera');
    expect(await actions.muteRole('guest')).to.equal(3);
    expect(await actions.requestUnmute('bob', 'microphone')).to.equal('r1');
    expect(await actions.changeRole('bob', 'viewer')).to.equal('r1');
    await actions.changeRole('bob', 'host', { force: true });
    await actions.removePeer('bob', 'spam');
    await actions.endRoom('over', { lock: true });
    expect(sent).to.deep.equal([
      ['mutePeer', { peerId: 'bob', source: 'camera' }],
      ['muteRole', { role: 'guest' }],
      ['requestUnmute', { peerId: 'bob', source: 'microphone' }],
      ['changeRole', { peerId: 'bob', role: 'viewer', force: false }],
      ['changeRole', { peerId: 'bob', role: 'host', force: true }],
      ['removePeer', { peerId: 'bob', reason: 'spam' }],
      ['endRoom', { reason: 'over', lock: true }],
    ]);
  });

  it("passes the server's refusal on to the caller", async () => {
    const { actions } = actionsOnStore(
      () => new ConveneError('forbidden', 'your role (guest) may not end the room'),
    );
    let caught: unknown;
    await actions.endRoom('now').catch((error: unknown) => (caught = error));
    expect((caught as ConveneError).code).to.equal('forbidden');
  });

  it('resolves endRoom when the room-ended notice closed the connection before the answer', async () => {
    const { store, actions } = actionsOnStore(() => {
      store.patch({ removed: { reason: 'room ended', message: 'over' } });
      return new ConveneError(
        'connection_closed',
        'Cannot send "endRoom": the connection is closed.',
      );
    });
    await actions.endRoom('over');
  });

  it('keeps requests aimed at me as state, with who asked, until they close', () => {
    const { store, actions } = actionsOnStore();
    actions.requested(unmuteRequest('a'));
    actions.requested(unmuteRequest('a'));
    actions.requested({ ...unmuteRequest('b'), kind: 'changeRole', role: 'guest' });
    const pending = selectPendingRequests(store.state);
    expect(pending.map((r) => r.id)).to.deep.equal(['a', 'b']);
    expect(pending[0]!.from).to.deep.equal(ADA);
    actions.closed('a');
    expect(selectPendingRequests(store.state).map((r) => r.id)).to.deep.equal(['b']);
  });

  it('accepting a request to unmute turns the source on, then answers yes', async () => {
    const { store, sent, enabled, actions } = actionsOnStore();
    actions.requested(unmuteRequest('a', 'camera'));
    await actions.accept('a');
    expect(enabled).to.deep.equal(['camera']);
    expect(sent).to.deep.equal([['answerRequest', { requestId: 'a', accept: true }]]);
    expect(store.state.pendingRequests).to.deep.equal([]);
  });

  it('a source that cannot be turned on declines the request, and says why', async () => {
    const { sent, actions, failEnabling } = actionsOnStore();
    failEnabling();
    actions.requested(unmuteRequest('a'));
    let caught: unknown;
    await actions.accept('a').catch((error: unknown) => (caught = error));
    expect((caught as ConveneError).code).to.equal('media_unavailable');
    expect(sent).to.deep.equal([['answerRequest', { requestId: 'a', accept: false }]]);
  });

  it('declining answers no and turns nothing on; an unknown request is refused', async () => {
    const { sent, enabled, actions } = actionsOnStore();
    actions.requested(unmuteRequest('a'));
    await actions.decline('a');
    expect(enabled).to.deep.equal([]);
    expect(sent).to.deep.equal([['answerRequest', { requestId: 'a', accept: false }]]);
    let caught: unknown;
    await actions.accept('a').catch((error: unknown) => (caught = error));
    expect((caught as ConveneError).code).to.equal('request_not_found');
  });

  it('a request that expired on the server is forgotten when answered', async () => {
    const { store, actions } = actionsOnStore(
      () => new ConveneError('request_not_found', 'no request'),
    );
    actions.requested({ ...unmuteRequest('b'), kind: 'changeRole', role: 'guest' });
    await actions.accept('b').catch(() => undefined);
    expect(store.state.pendingRequests).to.deep.equal([]);
  });
});
