// <convene-meeting>'s room events over a simulated room: who joins and leaves, hands, chat, my
// role, the recording and the live stream, each a convene-* event of the meeting itself (so a
// page using the element directly hears what an iframe embed's parent hears), fired from join to
// leave only.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import type { SimulatedRoomOptions } from '../../src/client/simulated-room.ts';
import type { ConveneMeeting } from '../../src/elements/convene-meeting/convene-meeting.ts';
import '../../src/elements/convene-meeting/define.ts';

/** The meeting's events that tell of the call, the embed's events (ELEMENT_EVENTS). */
const ROOM_EVENTS = [
  'convene-joined',
  'convene-left',
  'convene-peer-joined',
  'convene-peer-left',
  'convene-message',
  'convene-hand-raised',
  'convene-role-changed',
  'convene-recording-state',
  'convene-live-state',
] as const;

interface Heard {
  type: string;
  detail: unknown;
  bubbles: boolean;
  composed: boolean;
}

const rooms: SimulatedRoom[] = [];
const stops: (() => void)[] = [];

function simulated(options: SimulatedRoomOptions = {}): SimulatedRoom {
  const room = new SimulatedRoom({ video: false, ...options });
  rooms.push(room);
  return room;
}

/** Every room event that reaches `target` (a page's listener on the document), in order. */
function heardOn(target: EventTarget = document): Heard[] {
  const heard: Heard[] = [];
  const listener = (event: Event) => {
    const { type, detail, bubbles, composed } = event as CustomEvent;
    heard.push({ type, detail, bubbles, composed });
  };
  for (const type of ROOM_EVENTS) target.addEventListener(type, listener);
  stops.push(() => {
    for (const type of ROOM_EVENTS) target.removeEventListener(type, listener);
  });
  return heard;
}

const types = (heard: Heard[]) => heard.map((event) => event.type);
const detailOf = (heard: Heard[], type: string) => heard.find((e) => e.type === type)?.detail;

async function meetingOn(room: SimulatedRoom): Promise<ConveneMeeting> {
  return fixture<ConveneMeeting>(
    html`<convene-meeting room-code="abc" name="Ada" .client=${room}></convene-meeting>`,
  );
}

describe('<convene-meeting> room events', () => {
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const room of rooms.splice(0)) room.close();
  });

  it('on joining, fires convene-joined, then the peers, hands and recording already there', async () => {
    const room = simulated({ peers: [{ name: 'Grace', role: 'host', handRaised: true }] });
    room.setStreaming('recording', { status: 'running' });
    const meeting = await meetingOn(room);
    const heard = heardOn();
    await meeting.join();
    await waitUntil(() => heard.length >= 4, 'the room as it was when I joined');
    expect(types(heard)).to.deep.equal([
      'convene-joined',
      'convene-peer-joined',
      'convene-hand-raised',
      'convene-recording-state',
    ]);
    const grace = Object.values(room.store.state.peers).find((peer) => peer.name === 'Grace')!;
    const peer = { id: grace.id, name: 'Grace', role: 'host' };
    expect(detailOf(heard, 'convene-peer-joined')).to.deep.equal(peer);
    expect(detailOf(heard, 'convene-hand-raised')).to.deep.equal({ peer, raised: true });
    expect(detailOf(heard, 'convene-recording-state')).to.deep.equal({ status: 'running' });
    expect(heard.every((event) => event.bubbles && event.composed)).to.equal(true);
  });

  it('in the call, fires each change of the room with its detail', async () => {
    const room = simulated();
    const meeting = await meetingOn(room);
    await meeting.join();
    const heard = heardOn();
    const bob = room.addPeer({ name: 'Bob' });
    room.setHand(bob, true);
    const said = room.say(bob, 'hi Ada');
    room.setRole(room.store.state.localPeerId!, 'guest');
    room.setStreaming('hls', { status: 'running' });
    room.store.update((state) => ({
      ...state,
      streaming: {
        ...state.streaming,
        hls: { ...state.streaming.hls, url: 'https://video.example/hls/room.m3u8' },
      },
    }));
    room.setStreaming('recording', { status: 'failed', error: 'No disk space' });
    room.removePeer(bob);
    const peer = { id: bob, name: 'Bob', role: 'guest' };
    expect(heard.map(({ type, detail }) => ({ type, detail }))).to.deep.equal([
      { type: 'convene-peer-joined', detail: peer },
      { type: 'convene-hand-raised', detail: { peer, raised: true } },
      { type: 'convene-message', detail: said },
      { type: 'convene-role-changed', detail: { role: 'guest' } },
      { type: 'convene-live-state', detail: { status: 'running' } },
      {
        type: 'convene-live-state',
        detail: { status: 'running', url: 'https://video.example/hls/room.m3u8' },
      },
      { type: 'convene-recording-state', detail: { status: 'failed', error: 'No disk space' } },
      { type: 'convene-peer-left', detail: { ...peer } },
    ]);
    // Bubbling and composed, as every convene-* event: a page hears them outside the meeting.
    expect(heard.every((event) => event.bubbles && event.composed)).to.equal(true);
  });

  it('fires nothing once I left, and on rejoining tells again who is there', async () => {
    const room = simulated({ peers: 1 });
    const meeting = await meetingOn(room);
    await meeting.join();
    await meeting.leave();
    const heard = heardOn();
    const bob = room.addPeer({ name: 'Bob' });
    room.say(bob, 'anyone?');
    room.setStreaming('hls', { status: 'running' });
    expect(types(heard)).to.deep.equal([]);

    await meeting.join();
    await waitUntil(() => types(heard).includes('convene-live-state'), 'the room again');
    const joinedNames = heard
      .filter((event) => event.type === 'convene-peer-joined')
      .map((event) => (event.detail as { name: string }).name);
    expect(types(heard)[0]).to.equal('convene-joined');
    expect(joinedNames).to.include('Bob');
    expect(joinedNames).to.have.length(Object.keys(room.store.state.peers).length - 1);
  });

  it('fires nothing while off the page, and put back in the same call tells what changed', async () => {
    const room = simulated();
    const meeting = await meetingOn(room);
    await meeting.join();
    const heard = heardOn(meeting);
    const bob = room.addPeer({ name: 'Bob' });
    expect(types(heard)).to.deep.equal(['convene-peer-joined']);

    const parent = meeting.parentElement!;
    meeting.remove();
    room.setHand(bob, true);
    room.say(bob, 'hello?');
    expect(types(heard)).to.deep.equal(['convene-peer-joined']);
    // Back in the same task: the room stays in the call (a move within the page).
    parent.append(meeting);
    expect(types(heard)).to.deep.equal(['convene-peer-joined', 'convene-hand-raised']);
  });
});
