import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';
import type { ConveneMeeting } from '../../src/elements/convene-meeting/convene-meeting.ts';
import '../../src/elements/convene-meeting/define.ts';

/** How long a lazily loaded panel may take to arrive. */
const LOADING = { timeout: 10_000 };

const rooms: SimulatedRoom[] = [];
function simulated(options: ConstructorParameters<typeof SimulatedRoom>[0] = {}): SimulatedRoom {
  const room = new SimulatedRoom({ video: false, ...options });
  rooms.push(room);
  return room;
}

const inside = (meeting: ConveneMeeting, selector: string) =>
  meeting.shadowRoot!.querySelector<HTMLElement>(selector);

/** A control of the meeting's <convene-controls>, by its part. */
function control(meeting: ConveneMeeting, part: string): HTMLButtonElement | null {
  const controls = inside(meeting, 'convene-controls');
  return controls?.shadowRoot?.querySelector<HTMLButtonElement>(`[part~="${part}"]`) ?? null;
}

async function inCall(meeting: ConveneMeeting, room: SimulatedRoom): Promise<void> {
  await waitUntil(() => room.store.state.connection === 'connected', 'joined');
  await waitUntil(() => control(meeting, 'leave'), 'the controls');
}

describe('<convene-meeting>', () => {
  afterEach(() => {
    for (const room of rooms.splice(0)) room.close();
  });

  it('shows the preview first, then joins with what it chose', async () => {
    const room = simulated({ peers: 2 });
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting room-code="abc-defg-hij" name="Ada" .client=${room}></convene-meeting>`,
    );
    const preview = inside(meeting, 'convene-preview')!;
    expect(preview).to.not.equal(null);
    expect(room.calls).to.deep.equal([]);
    preview.dispatchEvent(
      new CustomEvent('convene-preview-join', {
        bubbles: true,
        composed: true,
        detail: { name: 'Ada L.', audio: false, video: true },
      }),
    );
    await inCall(meeting, room);
    const join = room.calls.find((call) => call.method === 'join')!;
    expect(join.args[0]).to.include({ roomCode: 'abc-defg-hij', name: 'Ada L.', audio: false });
    expect(inside(meeting, 'convene-grid')).to.not.equal(null);
    expect(inside(meeting, 'convene-toasts')).to.not.equal(null);
    expect(inside(meeting, 'convene-preview')).to.equal(null);
  });

  it('starts with the microphone or camera off when asked, in the preview and in a direct join', async () => {
    const room = simulated({ peers: 1 });
    const previewing = await fixture<ConveneMeeting>(
      html`<convene-meeting room-code="abc" microphone="off" .client=${room}></convene-meeting>`,
    );
    const preview = inside(previewing, 'convene-preview') as HTMLElement & {
      audio: boolean;
      video: boolean;
    };
    expect([preview.audio, preview.video]).to.deep.equal([false, true]);

    const direct = simulated({ peers: 1 });
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting
        skip-preview
        room-code="abc"
        camera="off"
        .client=${direct}
      ></convene-meeting>`,
    );
    await inCall(meeting, direct);
    const join = direct.calls.find((call) => call.method === 'join')!;
    expect(join.args[0]).to.include({ audio: true, video: false });
  });

  it('with skip-preview joins at once, and opens the chat and the participants as panels', async () => {
    const room = simulated({ peers: 1 });
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting
        skip-preview
        room-code="abc"
        name="Ada"
        .client=${room}
      ></convene-meeting>`,
    );
    await inCall(meeting, room);
    control(meeting, 'chat')!.click();
    // Panels load when first opened: on a busy machine that takes longer than waitUntil's 1 s.
    await waitUntil(() => inside(meeting, 'convene-chat'), 'the chat panel', LOADING);
    expect(control(meeting, 'chat')!.getAttribute('aria-expanded')).to.equal('true');
    expect(inside(meeting, '[part~="panel"]')!.getAttribute('aria-label')).to.equal('Chat');
    // Focus moves into the panel, to the message box.
    const chat = inside(meeting, 'convene-chat')!;
    await waitUntil(() => meeting.shadowRoot!.activeElement === chat, 'focus in the chat');
    expect(chat.shadowRoot!.activeElement?.localName).to.equal('textarea');
    control(meeting, 'participants')!.click();
    await waitUntil(() => inside(meeting, 'convene-participant-list'), 'the participants', LOADING);
    expect(inside(meeting, 'convene-chat')).to.equal(null);
    await expect(meeting).to.be.accessible();

    // Escape closes the panel and gives focus back to its button.
    inside(meeting, '[part~="panel"]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await waitUntil(() => !inside(meeting, '[part~="panel"]'), 'the panel closed');
    await waitUntil(
      () =>
        inside(meeting, 'convene-controls')!.shadowRoot!.activeElement ===
        control(meeting, 'participants'),
      'focus back on Participants',
    );
  });

  it('says why the call ended, with the host’s reason, and lets me back in', async () => {
    const room = simulated({ peers: 1 });
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting
        skip-preview
        room-code="abc"
        name="Ada"
        .client=${room}
      ></convene-meeting>`,
    );
    await inCall(meeting, room);
    room.removeMe('peer removed', 'Please keep it civil.');
    await waitUntil(() => inside(meeting, '[part~="ended"]'), 'the ended screen');
    expect(inside(meeting, '[part~="ended-title"]')!.textContent!.trim()).to.equal(
      'You were removed from the meeting',
    );
    expect(inside(meeting, '.ended-detail')!.textContent).to.equal('Please keep it civil.');
    expect(meeting.shadowRoot!.activeElement).to.equal(inside(meeting, '[part~="ended-title"]'));
    await expect(meeting).to.be.accessible();

    inside(meeting, '[part~="rejoin"]')!.click();
    await waitUntil(() => room.calls.filter((c) => c.method === 'join').length === 2, 'rejoined');
    await inCall(meeting, room);
  });

  it('speaks the language of its lang, and takes a theme', async () => {
    const room = simulated();
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting
        lang="es"
        theme="dark"
        skip-preview
        room-code="abc"
        .client=${room}
      ></convene-meeting>`,
    );
    await inCall(meeting, room);
    expect(getComputedStyle(meeting).colorScheme).to.equal('dark');
    expect(control(meeting, 'leave')!.textContent!.trim()).to.not.equal('Leave');
    await room.leave();
    await waitUntil(() => inside(meeting, '[part~="ended"]'), 'the ended screen');
    expect(inside(meeting, '[part~="ended-title"]')!.textContent!.trim()).to.equal(
      'Has salido de la reunión',
    );
  });

  it('fits a 360 px phone without scrolling sideways, the panel as a sheet over the call', async () => {
    const room = simulated({ peers: 4 });
    const holder = await fixture<HTMLElement>(
      html`<div style="width: 360px; height: 640px">
        <convene-meeting skip-preview room-code="abc" name="Ada" .client=${room}></convene-meeting>
      </div>`,
    );
    const meeting = holder.querySelector('convene-meeting')!;
    await inCall(meeting, room);
    control(meeting, 'chat')!.click();
    await waitUntil(() => inside(meeting, '[part~="panel"]'), 'the sheet');
    const sheet = inside(meeting, '[part~="panel"]')!.getBoundingClientRect();
    expect(Math.round(sheet.width)).to.be.within(340, 360);
    const base = inside(meeting, '[part~="base"]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    expect(holder.scrollWidth).to.be.at.most(360);
  });
  it('join() starts the call from the preview, leave() ends it, and join() comes back', async () => {
    const room = simulated({ peers: 1 });
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting room-code="abc" name="Ada" .client=${room}></convene-meeting>`,
    );
    expect(inside(meeting, 'convene-preview')).to.not.equal(null);
    await meeting.join();
    expect(room.store.state.connection).to.equal('connected');
    expect(meeting.roomClient).to.equal(room);
    expect(inside(meeting, 'convene-preview')).to.equal(null);
    await meeting.leave();
    await waitUntil(() => inside(meeting, '[part~="ended"]'), 'the ended screen');
    await meeting.join();
    expect(room.store.state.connection).to.equal('connected');
    expect(room.calls.filter((call) => call.method === 'join')).to.have.length(2);
  });

  it('join() rejects with why, when the join fails', async () => {
    const room = simulated({ peers: 1 });
    room.join = () => Promise.reject(Object.assign(new Error('No such room.'), { code: 'x' }));
    const meeting = await fixture<ConveneMeeting>(
      html`<convene-meeting room-code="nope" name="Ada" .client=${room}></convene-meeting>`,
    );
    let failure: (Error & { code?: string }) | undefined;
    await meeting.join().catch((error: Error) => (failure = error));
    expect(failure?.message).to.equal('No such room.');
    expect(failure?.code).to.equal('x');
  });
});
