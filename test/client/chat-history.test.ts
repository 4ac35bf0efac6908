import { expect } from '@open-wc/testing';
import type { ChatMessage, RoomState } from '../../src/client/room-state.ts';
import { INITIAL_ROOM_STATE } from '../../src/client/room-state.ts';
import { RoomStore } from '../../src/client/room-store.ts';
import { ChatHistory, mergeMessages, sendMessageRequest } from '../../src/client/chat-history.ts';

/** A message with id `n` (ids sort as the server stored them), from `from` (null: the server). */
function message(n: number, from: string | null = 'ada', type = 'chat'): ChatMessage {
  return {
    id: n.toString(16).padStart(24, '0'),
    sender: from === null ? null : { peerId: from, userId: from, name: from, role: 'guest' },
    type,
    message: `message ${n}`,
    time: new Date(1_700_000_000_000 + n).toISOString(),
  };
}

function page(messages: ChatMessage[], last = '') {
  return { limit: 50, data: messages, last };
}

/** A chat on a real store where the local peer is `me`, and every snapshot its listeners heard. */
function chatOf(state: Partial<RoomState> = {}) {
  const store = new RoomStore({ ...INITIAL_ROOM_STATE, localPeerId: 'me', ...state });
  const heard: RoomState[] = [];
  store.subscribe((snapshot) => heard.push(snapshot));
  return { store, heard, chat: new ChatHistory(store) };
}

const ids = (state: RoomState) => state.messages.map((m) => m.message);

describe('chat history', () => {
  it('keeps messages in the order they were stored, once each, whatever order they came in', () => {
    const { store, chat } = chatOf();
    chat.add([message(3), message(1)], { unread: false });
    chat.add([message(2), message(3), message(2)], { unread: false });
    expect(ids(store.state)).to.deep.equal(['message 1', 'message 2', 'message 3']);
  });

  it('answers the same list, and tells no listener, when nothing new arrived', () => {
    const { store, heard, chat } = chatOf();
    chat.add([message(1)], { unread: true });
    const before = store.state.messages;
    heard.length = 0;
    chat.add([message(1)], { unread: true });
    expect(store.state.messages).to.equal(before);
    expect(heard).to.have.length(0);
    expect(mergeMessages(before, [])).to.equal(before);
  });

  it('counts live messages from others as unread, not our own, until marked read', () => {
    const { store, chat } = chatOf();
    chat.add([message(1, 'ada')], { unread: true });
    chat.add([message(2, 'me')], { unread: true });
    chat.add([message(3, null)], { unread: true });
    chat.add([message(3, null)], { unread: true });
    expect(store.state.unreadMessages).to.equal(2);
    chat.markRead();
    expect(store.state.unreadMessages).to.equal(0);
  });

  it('keeps no reactions: they are events, not history', () => {
    const { store, chat } = chatOf();
    chat.add([message(1, 'ada', 'reaction'), message(2, 'ada', 'emoji')], { unread: true });
    expect(store.state.messages).to.deep.equal([]);
    expect(store.state.unreadMessages).to.equal(0);
  });

  it('a first join’s history is read; what a rejoin finds that was missed is unread', () => {
    const { store, chat } = chatOf();
    chat.latest(page([message(1), message(2)]), { rejoin: false });
    expect(store.state.unreadMessages).to.equal(0);
    chat.latest(page([message(2), message(3), message(4, 'me')]), { rejoin: true });
    expect(ids(store.state)).to.deep.equal(['message 1', 'message 2', 'message 3', 'message 4']);
    expect(store.state.unreadMessages).to.equal(1);
  });

  it('pages back from the oldest message held until the server says there is no more', () => {
    const { store, chat } = chatOf();
    chat.latest(page([message(5), message(6)], message(5).id), { rejoin: false });
    expect(store.state.hasOlderMessages).to.equal(true);
    expect(chat.cursor).to.equal(message(5).id);
    chat.older(page([message(3), message(4)], message(3).id));
    expect(chat.cursor).to.equal(message(3).id);
    expect(store.state.hasOlderMessages).to.equal(true);
    chat.older(page([message(1), message(2)]));
    expect(store.state.hasOlderMessages).to.equal(false);
    expect(ids(store.state)).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => `message ${n}`));
    // A rejoin's newest page does not forget that older pages were all loaded, nor the reverse.
    chat.latest(page([message(6)], message(6).id), { rejoin: true });
    expect(store.state.hasOlderMessages).to.equal(false);
  });

  it('a rejoin that missed more than a page starts again from that page, so paging leaves no gap', () => {
    const { store, chat } = chatOf();
    chat.latest(page([message(1), message(2)]), { rejoin: false });
    expect(store.state.hasOlderMessages).to.equal(false);
    chat.latest(page([message(8), message(9)], message(8).id), { rejoin: true });
    expect(ids(store.state)).to.deep.equal(['message 8', 'message 9']);
    expect(store.state.hasOlderMessages).to.equal(true);
    expect(chat.cursor).to.equal(message(8).id);
    expect(store.state.unreadMessages).to.equal(2);
  });

  it('builds the request for the room, some roles or one peer', () => {
    expect(sendMessageRequest('hi')).to.deep.equal({ message: 'hi' });
    expect(sendMessageRequest('hi', { to: 'room', type: 'reaction' })).to.deep.equal({
      message: 'hi',
      type: 'reaction',
    });
    expect(sendMessageRequest('hi', { to: { roles: ['host'] } })).to.deep.equal({
      message: 'hi',
      recipientRoles: ['host'],
    });
    expect(sendMessageRequest('hi', { to: { peerId: 'bob' } })).to.deep.equal({
      message: 'hi',
      recipientPeer: 'bob',
    });
  });
});
