// The frame side of the embed on a real <convene-meeting> over a simulated room: what each
// command does to the meeting (and the error it answers when the meeting cannot), and the events
// the meeting's changes become.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import type { ConveneMeeting } from '../../src/elements/convene-meeting/convene-meeting.ts';
import '../../src/elements/convene-meeting/define.ts';
import { ELEMENT_EVENTS, type EmbedEventName } from '../../src/embed/contract.ts';
import { MEETING_COMMANDS, runCommand } from '../../src/pages/embed/meeting-commands.ts';
import { MeetingEvents } from '../../src/pages/embed/meeting-events.ts';

const rooms: SimulatedRoom[] = [];
const stops: (() => void)[] = [];

async function meetingOn(room: SimulatedRoom): Promise<ConveneMeeting> {
  return fixture<ConveneMeeting>(
    html`<convene-meeting room-code="abc" name="Ada" .client=${room}></convene-meeting>`,
  );
}

function simulated(peers: number): SimulatedRoom {
  const room = new SimulatedRoom({ video: false, peers });
  rooms.push(room);
  return room;
}

/** Every event the meeting's changes become, in order. */
function recordEvents(meeting: ConveneMeeting) {
  const seen: { name: EmbedEventName; payload: unknown }[] = [];
  const events = new MeetingEvents(meeting, (name, payload) => seen.push({ name, payload }));
  stops.push(() => events.stop());
  return seen;
}

async function refusal(name: string, meeting: ConveneMeeting, payload: unknown) {
  try {
    await runCommand(meeting, name, payload);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`${name} was expected to be refused`);
}

describe('the embed frame on <convene-meeting>', () => {
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const room of rooms.splice(0)) room.close();
  });

  it('has a handler for every command of the contract, and for nothing else', () => {
    expect(Object.keys(MEETING_COMMANDS).sort()).to.deep.equal([
      'join',
      'leave',
      'raiseHand',
      'sendMessage',
      'setCamera',
      'setLanguage',
      'setLayout',
      'setMicrophone',
      'setTheme',
      'shareScreen',
    ]);
  });

  it('before the call: the microphone and camera commands set what the join starts with', async () => {
    const room = simulated(1);
    const meeting = await meetingOn(room);
    await runCommand(meeting, 'setMicrophone', { enabled: false });
    await runCommand(meeting, 'setCamera', { enabled: false });
    expect([meeting.microphone, meeting.camera]).to.deep.equal(['off', 'off']);
    await runCommand(meeting, 'join', {});
    const join = room.calls.find((call) => call.method === 'join')!;
    expect(join.args[0]).to.include({ audio: false, video: false, name: 'Ada' });
  });

  it('answers an error, never nothing, for what the meeting cannot do now', async () => {
    const meeting = await meetingOn(simulated(1));
    for (const name of ['sendMessage', 'raiseHand', 'shareScreen']) {
      const payload = name === 'sendMessage' ? { text: 'hi' } : { enabled: true, raised: true };
      const error = await refusal(name, meeting, payload);
      expect(error.code, name).to.equal('not_joined');
      expect(error.message).to.contain('send join first');
    }
    expect((await refusal('setMicrophone', meeting, { enabled: 'yes' })).code).to.equal(
      'invalid_request',
    );
    expect((await refusal('setLayout', meeting, { layout: 'mosaic' })).message).to.contain(
      'grid, spotlight',
    );
    expect((await refusal('setLanguage', meeting, { language: 'fr' })).code).to.equal(
      'unsupported_language',
    );
    expect((await refusal('toString', meeting, {})).code).to.equal('unknown_command');
    meeting.name = '';
    expect((await refusal('join', meeting, {})).message).to.contain('join needs a name');
  });

  it('in the call: mutes, chats and raises my hand through the room client', async () => {
    const room = simulated(1);
    const meeting = await meetingOn(room);
    await runCommand(meeting, 'join', { name: 'Ada L.' });
    await runCommand(meeting, 'setMicrophone', { enabled: false });
    const sent = (await runCommand(meeting, 'sendMessage', { text: 'hello' })) as {
      message: string;
    };
    await runCommand(meeting, 'raiseHand', { raised: true });
    await runCommand(meeting, 'setLayout', { layout: 'spotlight' });
    await runCommand(meeting, 'setTheme', { theme: 'dark' });
    expect(sent.message).to.equal('hello');
    expect(room.calls.map((call) => call.method)).to.include.members([
      'setMicrophoneEnabled',
      'sendMessage',
      'raiseHand',
    ]);
    expect([meeting.name, meeting.layout, meeting.theme]).to.deep.equal([
      'Ada L.',
      'spotlight',
      'dark',
    ]);
  });

  it("reports the meeting's join, the peers, hands, chat, role, recording and leave", async () => {
    const room = simulated(1);
    const meeting = await meetingOn(room);
    const seen = recordEvents(meeting);
    await meeting.join();
    await waitUntil(() => seen.some((event) => event.name === 'peer-joined'), 'the peer there');
    const [other] = Object.values(room.store.state.peers).filter((peer) => !peer.isLocal);
    const bob = room.addPeer({ name: 'Bob' });
    room.setHand(bob, true);
    room.say(bob, 'hi');
    room.setRole(room.store.state.localPeerId!, 'guest');
    room.setStreaming('recording', { status: 'running' });
    room.removePeer(bob);
    await meeting.leave();
    await waitUntil(() => seen.some((event) => event.name === 'left'), 'left');
    const names = seen.map((event) => event.name);
    expect(names).to.deep.equal([
      'joined',
      'peer-joined',
      'peer-joined',
      'hand-raised',
      'message',
      'role-changed',
      'recording-state',
      'peer-left',
      'left',
    ]);
    expect(seen[1]!.payload).to.deep.include({ id: other!.id, name: other!.name });
    expect(seen[3]!.payload).to.deep.include({ raised: true });
    expect(seen[5]!.payload).to.deep.equal({ role: 'guest' });
    expect(seen[6]!.payload).to.deep.equal({ status: 'running' });
  });

  it("forwards every one of the meeting's own events, its detail as the payload", async () => {
    const meeting = await meetingOn(simulated(0));
    const seen = recordEvents(meeting);
    const names = Object.keys(ELEMENT_EVENTS) as EmbedEventName[];
    expect([...names].sort()).to.deep.equal([
      'error',
      'hand-raised',
      'joined',
      'left',
      'live-state',
      'message',
      'peer-joined',
      'peer-left',
      'recording-state',
      'role-changed',
    ]);
    for (const name of names) {
      meeting.dispatchEvent(new CustomEvent(ELEMENT_EVENTS[name], { detail: { of: name } }));
    }
    expect(seen).to.deep.equal(names.map((name) => ({ name, payload: { of: name } })));
  });
});
